package io.camelmedia.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Checks our frames against a {@link FrameMd5} reference, packet for packet: count, dts and pts (our ticks
 * converted to the reference stream's timebase, rounded to nearest), keyframe flag (where the reference
 * knows it) and payload MD5. Also checks a Track's codec configuration against the reference's
 * {@code #extradata} MD5.
 */
public final class FrameMd5Comparator {
    /** How many mismatches a failure message lists. */
    private static final int MAX_REPORTED = 10;

    private FrameMd5Comparator() {
    }

    /** Fails (AssertionError) unless {@code frames} match the reference packets of {@code stream} exactly. */
    public static void assertMatches(FrameMd5 reference, int stream, List<MediaFrame> frames) {
        List<String> problems = compare(reference, stream, frames);
        if (!problems.isEmpty()) {
            throw new AssertionError("stream " + stream + " (" + reference.stream(stream).codecId() + "): "
                    + problems.size() + " mismatch(es):\n  " + String.join("\n  ", problems));
        }
    }

    /** The mismatches, one line each (at most {@value #MAX_REPORTED} packet lines); empty when all match. */
    public static List<String> compare(FrameMd5 reference, int stream, List<MediaFrame> frames) {
        FrameMd5.StreamHeader header = reference.stream(stream);
        List<FrameMd5.Packet> packets = reference.packets(stream);
        List<String> problems = new ArrayList<>();
        if (packets.size() != frames.size()) {
            problems.add("count: reference " + packets.size() + ", ours " + frames.size());
        }
        for (int i = 0; i < Math.min(packets.size(), frames.size()) && problems.size() < MAX_REPORTED; i++) {
            String p = comparePacket(header, packets.get(i), frames.get(i));
            if (p != null) {
                problems.add("#" + i + ": " + p);
            }
        }
        return problems;
    }

    /** Fails unless {@code track}'s configuration record has the reference stream's extradata MD5. */
    public static void assertConfigMatches(FrameMd5 reference, int stream, Track track) {
        FrameMd5.StreamHeader header = reference.stream(stream);
        if (header.extradataMd5() == null) {
            throw new AssertionError("reference stream " + stream + " has no #extradata line");
        }
        String ours = md5(track.config());
        if (!header.extradataMd5().equals(ours) || header.extradataSize() != track.configLength()) {
            throw new AssertionError("stream " + stream + " config: reference " + header.extradataSize() + " bytes md5 "
                    + header.extradataMd5() + ", ours " + track.configLength() + " bytes md5 " + ours);
        }
    }

    /** Our ticks in the reference timebase, rounded to nearest. */
    public static long toTimebase(long ticks, int clockRate, long tbNum, long tbDen) {
        return Math.round((double) ticks * tbDen / ((double) clockRate * tbNum));
    }

    public static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String comparePacket(FrameMd5.StreamHeader h, FrameMd5.Packet ref, MediaFrame f) {
        int rate = f.track().clockRate();
        long dts = toTimebase(f.dts(), rate, h.tbNum(), h.tbDen());
        long pts = toTimebase(f.pts(), rate, h.tbNum(), h.tbDen());
        List<String> diffs = new ArrayList<>();
        if (dts != ref.dts()) {
            diffs.add("dts " + ref.dts() + " vs " + dts);
        }
        if (pts != ref.pts()) {
            diffs.add("pts " + ref.pts() + " vs " + pts);
        }
        if (ref.keyframe() != null && ref.keyframe() != f.keyframe()) {
            diffs.add("keyframe " + ref.keyframe() + " vs " + f.keyframe());
        }
        if (ref.size() != f.payloadLength()) {
            diffs.add("size " + ref.size() + " vs " + f.payloadLength());
        }
        String md5 = md5(f.payloadBytes());
        if (!ref.md5().equals(md5)) {
            diffs.add("md5 " + ref.md5() + " vs " + md5);
        }
        return diffs.isEmpty() ? null : String.join(", ", diffs) + " (" + f + ")";
    }
}
