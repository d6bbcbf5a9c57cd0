package io.camelmedia.protocol.rtp.sdp;

import java.util.Optional;

/**
 * The static payload types of RFC 3551 §6 (tables 4 and 5) that need no {@code a=rtpmap}: ffmpeg writes
 * {@code m=audio 5000 RTP/AVP 0} for PCMU alone.
 */
public final class StaticPayloadTypes {
    public static final int PCMU = 0;
    public static final int GSM = 3;
    public static final int G723 = 4;
    public static final int PCMA = 8;
    public static final int G722 = 9;
    public static final int L16_STEREO = 10;
    public static final int L16_MONO = 11;
    public static final int MPA = 14;
    public static final int G728 = 15;
    public static final int G729 = 18;
    public static final int JPEG = 26;
    public static final int H261 = 31;
    public static final int MPV = 32;
    public static final int MP2T = 33;

    private StaticPayloadTypes() {
    }

    /** The RFC 3551 assignment of a static payload type, empty for dynamic (96-127) or unassigned ones. */
    public static Optional<RtpMap> rtpMap(int pt) {
        return Optional.ofNullable(switch (pt) {
            case PCMU -> RtpMap.of(pt, "PCMU", 8000, 1);
            case GSM -> RtpMap.of(pt, "GSM", 8000, 1);
            case G723 -> RtpMap.of(pt, "G723", 8000, 1);
            case PCMA -> RtpMap.of(pt, "PCMA", 8000, 1);
            // RFC 3551 §4.5.2: G.722's RTP clock is 8000 although it samples at 16 kHz (an historical error)
            case G722 -> RtpMap.of(pt, "G722", 8000, 1);
            case L16_STEREO -> RtpMap.of(pt, "L16", 44100, 2);
            case L16_MONO -> RtpMap.of(pt, "L16", 44100, 1);
            case MPA -> RtpMap.of(pt, "MPA", 90000);
            case G728 -> RtpMap.of(pt, "G728", 8000, 1);
            case G729 -> RtpMap.of(pt, "G729", 8000, 1);
            case JPEG -> RtpMap.of(pt, "JPEG", 90000);
            case H261 -> RtpMap.of(pt, "H261", 90000);
            case MPV -> RtpMap.of(pt, "MPV", 90000);
            case MP2T -> RtpMap.of(pt, "MP2T", 90000);
            default -> null;
        });
    }
}
