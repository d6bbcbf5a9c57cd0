package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.protocol.rtp.RtpException;

import java.util.ArrayList;
import java.util.List;

/**
 * What H.264 (RFC 6184) and H.265 (RFC 7798) packetizing share: NAL units that fit go alone or, several
 * small ones in a row, into one aggregation packet (STAP-A / AP); a NAL unit larger than a packet is cut
 * into fragmentation units (FU-A / FU). A key frame without in-band parameter sets gets them from the
 * track's configuration record first, so a receiver joining at any key frame can decode.
 */
abstract class NalUnitPacketizer implements Packetizer {
    private final boolean aggregate;
    private final boolean fragment;

    NalUnitPacketizer(boolean aggregate, boolean fragment) {
        this.aggregate = aggregate;
        this.fragment = fragment;
    }

    @Override
    public final List<byte[]> packetize(MediaFrame frame, int maxPayloadSize) {
        if (maxPayloadSize < headerLength() + fuHeaderLength() + 1) {
            throw new IllegalArgumentException("maxPayloadSize " + maxPayloadSize + " cannot carry a fragment");
        }
        List<byte[]> nals = nalUnits(frame);
        List<byte[]> out = new ArrayList<>(nals.size() + frame.payloadLength() / maxPayloadSize + 1);
        int i = 0;
        while (i < nals.size()) {
            byte[] nal = nals.get(i);
            if (nal.length > maxPayloadSize) {
                if (!fragment) {
                    throw new RtpException("NAL unit of " + nal.length + " bytes exceeds the payload size "
                            + maxPayloadSize + " and packetization-mode 0 cannot fragment");
                }
                fragment(nal, maxPayloadSize, out);
                i++;
                continue;
            }
            int run = aggregate ? aggregationRun(nals, i, maxPayloadSize) : 1;
            out.add(run == 1 ? nal : aggregation(nals.subList(i, i + run)));
            i += run;
        }
        return out;
    }

    /** How many NAL units from {@code from} fit one aggregation packet (1 means send it alone). */
    private int aggregationRun(List<byte[]> nals, int from, int max) {
        int size = headerLength();
        int n = 0;
        for (int i = from; i < nals.size(); i++) {
            int next = size + 2 + nals.get(i).length;
            if (next > max || nals.get(i).length > 0xFFFF) {
                break;
            }
            size = next;
            n++;
        }
        return Math.max(n, 1);
    }

    private byte[] aggregation(List<byte[]> nals) {
        int size = headerLength();
        for (byte[] n : nals) {
            size += 2 + n.length;
        }
        byte[] out = new byte[size];
        writeAggregationHeader(nals, out);
        int p = headerLength();
        for (byte[] n : nals) {
            out[p] = (byte) (n.length >>> 8);
            out[p + 1] = (byte) n.length;
            System.arraycopy(n, 0, out, p + 2, n.length);
            p += 2 + n.length;
        }
        return out;
    }

    private void fragment(byte[] nal, int max, List<byte[]> out) {
        int head = headerLength() + fuHeaderLength();
        int chunk = max - head;
        int pos = headerLength();   // the NAL header is carried in the FU headers, not the payload
        while (pos < nal.length) {
            int n = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[head + n];
            writeFragmentHeader(nal, pos == headerLength(), pos + n == nal.length, p);
            System.arraycopy(nal, pos, p, head, n);
            out.add(p);
            pos += n;
        }
    }

    private List<byte[]> nalUnits(MediaFrame frame) {
        byte[] bytes = frame.payloadBytes();
        NalUnits units;
        try {
            units = frame.format() == BitstreamFormat.ANNEX_B ? AnnexB.split(bytes)
                    : Avcc.split(bytes, 0, bytes.length, Avcc.LENGTH_SIZE);
        } catch (CodecException e) {
            throw new RtpException("cannot packetize " + frame + ": " + e.getMessage());
        }
        List<byte[]> nals = new ArrayList<>(units.count() + 3);
        boolean hasParameterSets = false;
        for (int i = 0; i < units.count(); i++) {
            if (units.length(i) < headerLength()) {
                continue;   // a unit without its header carries nothing a decoder can use
            }
            nals.add(units.copy(i));
            hasParameterSets |= isParameterSet(units.header(i));
        }
        if (frame.keyframe() && !hasParameterSets && frame.track().hasConfig()) {
            nals.addAll(0, parameterSets(frame.track().config()));
        }
        return nals;
    }

    /** Bytes of the NAL unit header: 1 (H.264), 2 (H.265). */
    abstract int headerLength();

    /** Bytes between the payload header and the fragment data: 1 (FU-A header), 1 (FU header). */
    abstract int fuHeaderLength();

    abstract boolean isParameterSet(byte header0);

    /** The parameter sets of the configuration record, in decoding order. */
    abstract List<byte[]> parameterSets(byte[] config);

    abstract void writeAggregationHeader(List<byte[]> nals, byte[] out);

    /** Writes the payload header and FU header of a fragment of {@code nal} into {@code out}. */
    abstract void writeFragmentHeader(byte[] nal, boolean start, boolean end, byte[] out);
}
