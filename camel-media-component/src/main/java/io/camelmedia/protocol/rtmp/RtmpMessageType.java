package io.camelmedia.protocol.rtmp;

/**
 * RTMP message type ids (RTMP 1.0 §5.4, §6.2, §7.1). An open registry: the decoder passes unknown types on
 * and the session ignores them, so these are plain constants rather than an enum.
 */
public final class RtmpMessageType {
    public static final int SET_CHUNK_SIZE = 1;
    public static final int ABORT = 2;
    public static final int ACKNOWLEDGEMENT = 3;
    public static final int USER_CONTROL = 4;
    public static final int WINDOW_ACK_SIZE = 5;
    public static final int SET_PEER_BANDWIDTH = 6;
    public static final int AUDIO = 8;
    public static final int VIDEO = 9;
    public static final int DATA_AMF3 = 15;
    public static final int SHARED_OBJECT_AMF3 = 16;
    public static final int COMMAND_AMF3 = 17;
    public static final int DATA_AMF0 = 18;
    public static final int SHARED_OBJECT_AMF0 = 19;
    public static final int COMMAND_AMF0 = 20;
    public static final int AGGREGATE = 22;

    private RtmpMessageType() {
    }

    public static String describe(int type) {
        String name = switch (type) {
            case SET_CHUNK_SIZE -> "set-chunk-size";
            case ABORT -> "abort";
            case ACKNOWLEDGEMENT -> "acknowledgement";
            case USER_CONTROL -> "user-control";
            case WINDOW_ACK_SIZE -> "window-ack-size";
            case SET_PEER_BANDWIDTH -> "set-peer-bandwidth";
            case AUDIO -> "audio";
            case VIDEO -> "video";
            case DATA_AMF3 -> "data-amf3";
            case SHARED_OBJECT_AMF3 -> "shared-object-amf3";
            case COMMAND_AMF3 -> "command-amf3";
            case DATA_AMF0 -> "data-amf0";
            case SHARED_OBJECT_AMF0 -> "shared-object-amf0";
            case COMMAND_AMF0 -> "command-amf0";
            case AGGREGATE -> "aggregate";
            default -> "unknown";
        };
        return type + " (" + name + ")";
    }
}
