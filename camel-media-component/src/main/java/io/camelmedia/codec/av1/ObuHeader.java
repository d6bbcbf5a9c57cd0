package io.camelmedia.codec.av1;

import io.camelmedia.codec.bits.ByteReader;

/**
 * obu_header() of the AV1 specification 5.3.2/5.3.3, followed by obu_size when present (5.3.1):
 *
 * <pre>
 * obu_forbidden_bit(1) obu_type(4) obu_extension_flag(1) obu_has_size_field(1) obu_reserved_1bit(1)
 * [ temporal_id(3) spatial_id(2) extension_header_reserved_3bits(3) ]   [ obu_size leb128() ]
 * </pre>
 *
 * @param obuSize the payload size from obu_size, or -1 when the OBU has no size field
 * @param headerLength bytes of header, extension and obu_size together
 */
public record ObuHeader(int obuType, boolean extensionFlag, boolean hasSizeField, int temporalId, int spatialId,
                        long obuSize, int headerLength) {

    /** Reads the header at the reader's position, leaving it at the first payload byte. */
    public static ObuHeader read(ByteReader r) {
        int start = r.position();
        int b = r.u8("obu_header");
        if ((b & 0x80) != 0) {
            throw r.invalid("obu_forbidden_bit", 1, "must be 0");
        }
        int type = (b >> 3) & 0x0F;
        boolean ext = (b & 0x04) != 0;
        boolean hasSize = (b & 0x02) != 0;
        int temporalId = 0;
        int spatialId = 0;
        if (ext) {
            int e = r.u8("obu_extension_header");
            temporalId = e >> 5;
            spatialId = (e >> 3) & 0x03;
        }
        long size = hasSize ? Leb128.read(r, "obu_size") : -1;
        return new ObuHeader(type, ext, hasSize, temporalId, spatialId, size, r.position() - start);
    }
}
