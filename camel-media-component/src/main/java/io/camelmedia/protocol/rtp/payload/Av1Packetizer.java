package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.av1.Av1CodecConfigurationRecord;
import io.camelmedia.codec.av1.Leb128;
import io.camelmedia.codec.av1.ObuType;
import io.camelmedia.codec.av1.TemporalUnit;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.protocol.rtp.RtpException;

import java.util.ArrayList;
import java.util.List;

/**
 * AV1 temporal units (low-overhead bitstream format, as MP4/FLV/Matroska and {@link Av1Depacketizer} give
 * them) into RTP payloads (AOM "RTP Payload Format for AV1" v1.0.0 §4-§5):
 * <ul>
 *   <li>temporal delimiters and tile list OBUs are not sent (§5, "SHOULD be removed");</li>
 *   <li>every OBU element goes out with {@code obu_has_size_field=0}, its length told by the element
 *       length field or by being the last element (§4.3);</li>
 *   <li>elements fill each payload up to {@code maxPayloadSize}; an OBU that does not fit is split across
 *       packets with Y on the first and Z on the next (§4.4);</li>
 *   <li>W is the element count when a payload holds 1 to 3 elements (the last then needs no length field),
 *       0 with more;</li>
 *   <li>N=1 on the first packet of a key frame that carries a sequence header (a new coded video
 *       sequence). A key frame without a sequence header gets the one of the track's av1C configOBUs, sent
 *       first.</li>
 * </ul>
 * The caller sets the marker bit on the last payload (end of the temporal unit, §4.2).
 */
public final class Av1Packetizer implements Packetizer {
    private static final String STRUCTURE = "AV1 packetizer";
    private static final int HAS_SIZE_FIELD = 0x02;

    /** One OBU without its size field: header byte(s) from {@code headerOffset}, payload from {@code payloadOffset}. */
    private record Element(byte[] buf, int headerOffset, int headerLength, int payloadOffset, int payloadLength) {
        int length() {
            return headerLength + payloadLength;
        }

        byte byteAt(int i) {
            if (i == 0) {
                return (byte) (buf[headerOffset] & ~HAS_SIZE_FIELD);
            }
            return i < headerLength ? buf[headerOffset + i] : buf[payloadOffset + i - headerLength];
        }

        /** Copies element bytes {@code [from, from+n)} to {@code dst[at..]}. */
        void copy(int from, int n, byte[] dst, int at) {
            int i = from;
            while (i < headerLength && i < from + n) {
                dst[at++] = byteAt(i++);
            }
            int rest = from + n - i;
            if (rest > 0) {
                System.arraycopy(buf, payloadOffset + i - headerLength, dst, at, rest);
            }
        }
    }

    @Override
    public List<byte[]> packetize(MediaFrame frame, int maxPayloadSize) {
        int reserve = Leb128.size(maxPayloadSize);
        if (maxPayloadSize <= Av1AggregationHeader.LENGTH + reserve) {
            throw RtpException.invalid(STRUCTURE, "maxPayloadSize", maxPayloadSize,
                    "must exceed the aggregation header and one element length", 0);
        }
        byte[] tu = frame.payloadBytes();
        List<Element> elements = new ArrayList<>();
        boolean sequenceHeader = elements(tu, elements);
        if (frame.keyframe() && !sequenceHeader && frame.track().hasConfig()) {
            List<Element> config = new ArrayList<>();
            if (elements(configObus(frame), config)) {
                config.addAll(elements);
                elements = config;
                sequenceHeader = true;
            }
        }
        if (elements.isEmpty()) {
            throw RtpException.invalid(STRUCTURE, "OBU count", 0, "the temporal unit has nothing to send", 0);
        }
        return pack(elements, maxPayloadSize, reserve, frame.keyframe() && sequenceHeader);
    }

    private static byte[] configObus(MediaFrame frame) {
        try {
            return Av1CodecConfigurationRecord.decode(frame.track().config()).configObus();
        } catch (CodecException e) {
            return new byte[0];
        }
    }

    /** Adds the OBUs of {@code tu} that are sent; true if one is a sequence header. */
    private static boolean elements(byte[] tu, List<Element> out) {
        List<TemporalUnit.Obu> obus;
        try {
            obus = TemporalUnit.split(tu, 0, tu.length);
        } catch (CodecException e) {
            throw new RtpException(STRUCTURE + ": malformed temporal unit: " + e.getMessage());
        }
        boolean sequenceHeader = false;
        int headerOffset = 0;
        for (TemporalUnit.Obu o : obus) {
            int type = o.header().obuType();
            int headerLength = o.header().extensionFlag() ? 2 : 1;
            if (type != ObuType.TEMPORAL_DELIMITER && type != ObuType.TILE_LIST) {
                out.add(new Element(tu, headerOffset, headerLength, o.payloadOffset(), o.payloadLength()));
                sequenceHeader |= type == ObuType.SEQUENCE_HEADER;
            }
            headerOffset = o.payloadOffset() + o.payloadLength();
        }
        return sequenceHeader;
    }

    /** Greedy packing: each element reserves a length field; the last of at most three drops it (W). */
    private static List<byte[]> pack(List<Element> elements, int max, int reserve, boolean newSequence) {
        List<byte[]> out = new ArrayList<>();
        Packet p = new Packet(max, false, newSequence);
        for (Element e : elements) {
            int from = 0;
            while (from < e.length()) {
                int room = max - p.size - reserve;
                if (room <= 0) {
                    out.add(p.finish(false));
                    p = new Packet(max, false, false);
                    room = max - p.size - reserve;
                }
                int n = Math.min(room, e.length() - from);
                p.add(e, from, n);
                from += n;
                if (from < e.length()) {
                    out.add(p.finish(true));
                    p = new Packet(max, true, false);
                }
            }
        }
        out.add(p.finish(false));
        return out;
    }

    /** One payload under construction. */
    private static final class Packet {
        private final byte[] body;
        private final boolean continuesPrevious;
        private final boolean newSequence;
        private final List<int[]> spans = new ArrayList<>(); // {offset in body, length}
        private int size = Av1AggregationHeader.LENGTH;
        private int bodyLength;

        Packet(int max, boolean continuesPrevious, boolean newSequence) {
            this.body = new byte[max];
            this.continuesPrevious = continuesPrevious;
            this.newSequence = newSequence;
        }

        void add(Element e, int from, int n) {
            e.copy(from, n, body, bodyLength);
            spans.add(new int[] {bodyLength, n});
            bodyLength += n;
            size += Leb128.size(n) + n;
        }

        byte[] finish(boolean continuesNext) {
            int w = spans.size() <= Av1AggregationHeader.MAX_W ? spans.size() : 0;
            int len = Av1AggregationHeader.LENGTH;
            for (int i = 0; i < spans.size(); i++) {
                len += (w != 0 && i == spans.size() - 1 ? 0 : Leb128.size(spans.get(i)[1])) + spans.get(i)[1];
            }
            byte[] out = new byte[len];
            out[0] = (byte) new Av1AggregationHeader(continuesPrevious, continuesNext, w, newSequence).encode();
            int p = Av1AggregationHeader.LENGTH;
            for (int i = 0; i < spans.size(); i++) {
                int[] s = spans.get(i);
                if (w == 0 || i < spans.size() - 1) {
                    p = Leb128.write(s[1], out, p);
                }
                System.arraycopy(body, s[0], out, p, s[1]);
                p += s[1];
            }
            return out;
        }
    }
}
