package io.camelmedia.format.flv;

import static io.camelmedia.format.flv.FlvBytes.u32;
import static io.camelmedia.format.flv.FlvBytes.u8;

/**
 * The FLV header (Adobe FLV v10.1, annex E.2 "The FLV header").
 *
 * <pre>
 * Signature          UI8 x 3  'F' 'L' 'V'
 * Version            UI8      1
 * TypeFlagsReserved  UB[5]    0
 * TypeFlagsAudio     UB[1]    audio tags are present
 * TypeFlagsReserved  UB[1]    0
 * TypeFlagsVideo     UB[1]    video tags are present
 * DataOffset         UI32     the length of this header in bytes: 9 for version 1
 * </pre>
 *
 * <p>The type flags are kept but not enforced: the tags themselves say what is there (writers that do not
 * know in advance set both or neither). Reserved flag bits are not checked for the same reason.
 *
 * @param version    Version
 * @param hasAudio   TypeFlagsAudio
 * @param hasVideo   TypeFlagsVideo
 * @param dataOffset DataOffset
 */
public record FlvHeader(int version, boolean hasAudio, boolean hasVideo, long dataOffset) {
    /** The header of a version 1 file. */
    public static final int SIZE = 9;
    public static final int VERSION_1 = 1;
    /**
     * Bound on DataOffset: 1 KiB. Version 1 defines 9; anything past 9 is skipped as a header extension no
     * version defines, so a large value is a corrupt file, not a real extension.
     */
    public static final int MAX_DATA_OFFSET = 1024;

    private static final int FLAG_AUDIO = 0x04;
    private static final int FLAG_VIDEO = 0x01;

    /** Reads the header from {@code b[0, SIZE)}. */
    public static FlvHeader decode(byte[] b) {
        if (b.length < SIZE) {
            throw new FlvException("FLV header: " + b.length + " bytes, needs " + SIZE);
        }
        if (b[0] != 'F' || b[1] != 'L' || b[2] != 'V') {
            throw new FlvException("FLV header: Signature is not 'FLV' at offset 0 (" + FlvBytes.hex(b, 0, SIZE) + ")");
        }
        int version = u8(b, 3);
        if (version != VERSION_1) {
            throw new FlvException("FLV header: Version " + version + " at offset 3, only 1 is defined");
        }
        int flags = u8(b, 4);
        long dataOffset = u32(b, 5);
        if (dataOffset < SIZE || dataOffset > MAX_DATA_OFFSET) {
            throw new FlvException("FLV header: DataOffset " + dataOffset + " at offset 5 is outside " + SIZE + ".."
                    + MAX_DATA_OFFSET);
        }
        return new FlvHeader(version, (flags & FLAG_AUDIO) != 0, (flags & FLAG_VIDEO) != 0, dataOffset);
    }
}
