package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.RtpSequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MPEG-4 AAC over RTP, RFC 3640 {@code mpeg4-generic} with AU headers of AU-size and AU-Index /
 * AU-Index-delta only (AAC-hbr: sizelength 13, indexlength 3, indexdeltalength 3; AAC-lbr: 6/2/2).
 *
 * <pre>
 * +---------+-----------+-----------+---------------+
 * | RTP     | AU Header | Auxiliary | Access Unit   |
 * | Header  | Section   | Section   | Data Section  |
 * +---------+-----------+-----------+---------------+
 * AU Header Section (§3.2.1): AU-headers-length (16 bits, in bits), then per AU: AU-size, AU-Index(-delta)
 * </pre>
 * Several AUs in one packet become several frames, the k-th at the packet timestamp + k x samples per
 * frame (AU-Index-delta must be 0: no interleaving). One AU larger than a packet arrives in fragments
 * (§3.2.3: "the AU-size ... indicates the size of the entire AU"), all with the same timestamp, the last
 * with the marker bit; a gap inside drops it. Output: raw AAC frames (no ADTS).
 */
public final class AacDepacketizer implements Depacketizer {
    /** An AAC frame is at most 6144 bits per channel (ISO/IEC 14496-3 4.5.3.2); 48 channels x 768 bytes = 36 KiB. */
    public static final int MAX_AU_SIZE = 48 * 768;
    private static final int AU_HEADERS_LENGTH_FIELD = 2;

    private final int sizeLength;
    private final int indexLength;
    private final int indexDeltaLength;
    private final int samplesPerFrame;
    private final DepacketizerStats stats = new DepacketizerStats();

    private boolean started;
    private int lastSequence;
    private boolean gap;
    private byte[] fragment;        // the AU under reassembly, null when none
    private int fragmentFilled;
    private long fragmentTimestamp;

    /**
     * @param sizeLength       fmtp {@code sizelength} (13 for AAC-hbr), 1..16
     * @param indexLength      fmtp {@code indexlength} (3), 0..8
     * @param indexDeltaLength fmtp {@code indexdeltalength} (3), 0..8
     * @param samplesPerFrame  1024 for AAC-LC ({@code AudioSpecificConfig.samplesPerFrame()}), to time AUs after the first
     */
    public AacDepacketizer(int sizeLength, int indexLength, int indexDeltaLength, int samplesPerFrame) {
        if (sizeLength < 1 || sizeLength > 16 || indexLength < 0 || indexLength > 8 || indexDeltaLength < 0
                || indexDeltaLength > 8) {
            throw new IllegalArgumentException("unsupported AU header: sizelength " + sizeLength + ", indexlength "
                    + indexLength + ", indexdeltalength " + indexDeltaLength);
        }
        this.sizeLength = sizeLength;
        this.indexLength = indexLength;
        this.indexDeltaLength = indexDeltaLength;
        this.samplesPerFrame = samplesPerFrame;
    }

    /** AAC-hbr (RFC 3640 §3.3.6): sizelength 13, indexlength 3, indexdeltalength 3. */
    public static AacDepacketizer hbr(int samplesPerFrame) {
        return new AacDepacketizer(13, 3, 3, samplesPerFrame);
    }

    @Override
    public List<DepacketizedFrame> push(RtpPacket p) {
        stats.packet();
        if (started && p.sequenceNumber() != RtpSequence.add(lastSequence, 1)) {
            gap = true;
        }
        started = true;
        lastSequence = p.sequenceNumber();
        if (gap) {
            gap = false;
            if (fragment != null) {
                fragment = null;
                stats.drop(DropReason.LOSS);
            }
        }
        List<DepacketizedFrame> out = new ArrayList<>(2);
        DropReason bad = parse(p, out);
        if (bad != null) {
            stats.drop(bad);
            fragment = null;
            return List.of();
        }
        stats.frames(out.size());
        return out;
    }

    private DropReason parse(RtpPacket p, List<DepacketizedFrame> out) {
        int len = p.payloadLength();
        if (len < AU_HEADERS_LENGTH_FIELD) {
            return DropReason.MALFORMED;
        }
        int headersBits = (p.payloadByte(0) << 8) | p.payloadByte(1);
        int headersBytes = (headersBits + 7) / 8;
        if (headersBytes > len - AU_HEADERS_LENGTH_FIELD) {
            return DropReason.MALFORMED;
        }
        int firstHeaderBits = sizeLength + indexLength;
        int nextHeaderBits = sizeLength + indexDeltaLength;
        if (headersBits < firstHeaderBits) {
            return DropReason.MALFORMED;
        }
        int auCount = 1 + (headersBits - firstHeaderBits) / nextHeaderBits;
        if (firstHeaderBits + (auCount - 1) * nextHeaderBits != headersBits) {
            return DropReason.MALFORMED;
        }
        int bit = AU_HEADERS_LENGTH_FIELD * 8;
        int data = AU_HEADERS_LENGTH_FIELD + headersBytes;
        for (int k = 0; k < auCount; k++) {
            int size = bits(p, bit, sizeLength);
            int index = bits(p, bit + sizeLength, k == 0 ? indexLength : indexDeltaLength);
            bit += k == 0 ? firstHeaderBits : nextHeaderBits;
            if (index != 0) {
                return DropReason.UNSUPPORTED;   // interleaving
            }
            if (size > MAX_AU_SIZE) {
                return DropReason.TOO_LARGE;
            }
            int left = len - data;
            if (auCount == 1 && (size > left || fragment != null)) {
                return fragment(p, size, data, left, out);
            }
            if (fragment != null) {
                return DropReason.MALFORMED;   // a new AU while a fragmented one was unfinished
            }
            if (size > left) {
                return DropReason.MALFORMED;
            }
            byte[] au = new byte[size];
            p.copyPayload(data, au, 0, size);
            data += size;
            out.add(new DepacketizedFrame((p.timestamp() + (long) k * samplesPerFrame) & 0xFFFF_FFFFL, au,
                    BitstreamFormat.RAW, true));
        }
        return null;
    }

    /** §3.2.3: fragments of one AU, each with an AU header giving the whole AU's size. */
    private DropReason fragment(RtpPacket p, int size, int data, int left, List<DepacketizedFrame> out) {
        if (fragment == null) {
            fragment = new byte[size];
            fragmentFilled = 0;
            fragmentTimestamp = p.timestamp();
        } else if (fragment.length != size || fragmentTimestamp != p.timestamp()) {
            return DropReason.MALFORMED;
        }
        if (left > fragment.length - fragmentFilled) {
            return DropReason.MALFORMED;
        }
        p.copyPayload(data, fragment, fragmentFilled, left);
        fragmentFilled += left;
        if (fragmentFilled == fragment.length) {
            out.add(new DepacketizedFrame(fragmentTimestamp, fragment, BitstreamFormat.RAW, true));
            fragment = null;
        } else if (p.marker()) {
            return DropReason.MALFORMED;   // the last fragment came without the rest of the AU
        }
        return null;
    }

    private static int bits(RtpPacket p, int bitOffset, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int b = bitOffset + i;
            v = (v << 1) | ((p.payloadByte(b >>> 3) >>> (7 - (b & 7))) & 1);
        }
        return v;
    }

    @Override
    public void lost(int count) {
        if (count > 0) {
            gap = true;
            for (int i = 0; i < count; i++) {
                stats.drop(DropReason.LOSS);
            }
        }
    }

    @Override
    public DepacketizerStats stats() {
        return stats;
    }

    @Override
    public String toString() {
        return "AacDepacketizer[sizelength=" + sizeLength + " indexlength=" + indexLength + " indexdeltalength="
                + indexDeltaLength + " " + stats + (fragment != null ? " fragment=" + Arrays.toString(new int[] {fragmentFilled, fragment.length}) : "") + "]";
    }
}
