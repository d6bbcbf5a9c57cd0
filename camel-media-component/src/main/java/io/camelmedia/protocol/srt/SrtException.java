package io.camelmedia.protocol.srt;

/** An SRT packet or handshake that breaks the protocol; the message says what and where. */
public class SrtException extends RuntimeException {
    public SrtException(String message) {
        super(message);
    }
}
