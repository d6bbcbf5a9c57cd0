package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.require;
import static io.camelmedia.format.flv.FlvBytes.u16;
import static io.camelmedia.format.flv.FlvBytes.u8;

/**
 * A ModEx packet-type extension (Enhanced RTMP v2, VideoPacketType.ModEx = 7 / AudioPacketType.ModEx = 7),
 * read and stepped over: it modifies the packet that follows it, and the only modifier defined so far,
 * TimestampOffsetNano, is finer than the millisecond clock of FLV tags, so it is dropped.
 *
 * <pre>
 * while (packetType == ModEx) {
 *   modExDataSize = UI8 + 1
 *   if (modExDataSize == 256) modExDataSize = UI16 + 1
 *   modExData     = UI8[modExDataSize]
 *   packetModExType = UB[4]        // 0 = TimestampOffsetNano (UI24 nanoseconds in modExData)
 *   packetType      = UB[4]        // the packet type of what follows (may be ModEx again)
 * }
 * </pre>
 *
 * @param packetModExType the modifier's type
 * @param packetType      the packet type that follows the modifier
 * @param next            the position after the modifier
 */
record ModEx(int packetModExType, int packetType, int next) {
    static final int PACKET_TYPE_MOD_EX = 7;
    static final int MOD_EX_TYPE_TIMESTAMP_OFFSET_NANO = 0;

    /** modExDataSize + 1 == 256 means the size continues in a UI16. */
    private static final int SIZE_ESCAPE = 256;

    /** Reads one modifier at {@code pos} of the body {@code b[start, end)}. */
    static ModEx read(byte[] b, int start, int end, int pos, String structure) {
        require(b, start, end, pos, 1, structure, "ModEx modExDataSize");
        int size = u8(b, pos) + 1;
        pos += 1;
        if (size == SIZE_ESCAPE) {
            require(b, start, end, pos, 2, structure, "ModEx modExDataSize (UI16)");
            size = u16(b, pos) + 1;
            pos += 2;
        }
        require(b, start, end, pos, size + 1, structure, "ModEx modExData and packetModExType/packetType");
        pos += size;
        int types = u8(b, pos);
        return new ModEx(types >> 4, types & 0x0F, pos + 1);
    }
}
