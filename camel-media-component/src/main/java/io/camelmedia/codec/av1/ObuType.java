package io.camelmedia.codec.av1;

/** obu_type of the AV1 specification 6.2.2 (Table "OBU types"). */
public final class ObuType {
    public static final int SEQUENCE_HEADER = 1;
    public static final int TEMPORAL_DELIMITER = 2;
    public static final int FRAME_HEADER = 3;
    public static final int TILE_GROUP = 4;
    public static final int METADATA = 5;
    public static final int FRAME = 6;
    public static final int REDUNDANT_FRAME_HEADER = 7;
    public static final int TILE_LIST = 8;
    public static final int PADDING = 15;

    private ObuType() {
    }
}
