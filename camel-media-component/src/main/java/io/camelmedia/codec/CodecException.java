package io.camelmedia.codec;

/**
 * A codec bitstream or configuration record is malformed. The message names the structure, the field,
 * the value found and what was allowed, e.g. "AVCDecoderConfigurationRecord: numOfSequenceParameterSets
 * 3 but only 10 bytes left at offset 6".
 */
public class CodecException extends IllegalArgumentException {
    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
