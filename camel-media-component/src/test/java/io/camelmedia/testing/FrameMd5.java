package io.camelmedia.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packet-level reference of a media file as ffmpeg sees it: ffmpeg's {@code -f framemd5} output
 * (version 2: {@code #tb}, {@code #media_type}, {@code #codec_id}, {@code #extradata} header lines, then
 * {@code stream#, dts, pts, duration, size, hash} per packet) plus, optionally, each packet's keyframe flag
 * from ffprobe {@code -show_packets}.
 *
 * <p>Typical use: {@code FrameMd5 ref = FrameMd5.ofPackets(file);} then
 * {@link FrameMd5Comparator#assertMatches}. {@link #ofPackets} runs the bundled ffmpeg with
 * {@code -copyts -c copy} so timestamps are the container's own (no start-time shift) and payloads are the
 * demuxed packets, not decoded frames.
 */
public final class FrameMd5 {

    /** One stream's header lines. */
    public record StreamHeader(int index, long tbNum, long tbDen, String mediaType, String codecId,
                               Integer extradataSize, String extradataMd5) {
    }

    /**
     * One packet line. {@code keyframe} is null when not known (no ffprobe flags merged).
     */
    public record Packet(int stream, long dts, long pts, long duration, int size, String md5, Boolean keyframe) {
        Packet withKeyframe(Boolean key) {
            return new Packet(stream, dts, pts, duration, size, md5, key);
        }
    }

    private final Map<Integer, StreamHeader> streams;
    private final List<Packet> packets;

    private FrameMd5(Map<Integer, StreamHeader> streams, List<Packet> packets) {
        this.streams = streams;
        this.packets = packets;
    }

    /**
     * Runs the bundled ffmpeg and ffprobe on {@code media}: stream-copied framemd5 with the container's
     * timestamps, plus keyframe flags.
     */
    public static FrameMd5 ofPackets(Path media) throws IOException, InterruptedException {
        return ofPackets(media, new String[0]);
    }

    /** As {@link #ofPackets(Path)}, with {@code options} before the output (e.g. {@code -bsf:a aac_adtstoasc}). */
    public static FrameMd5 ofPackets(Path media, String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("-copyts", "-i", media.toString(), "-map", "0", "-c", "copy"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-f", "framemd5", "-"));
        String text = Ffmpeg.run(120, cmd.toArray(String[]::new)).requireSuccess().stdout();
        FrameMd5 parsed = parse(text);
        String flags = Ffmpeg.probe(120, "-v", "error", "-show_entries", "packet=stream_index,flags",
                "-of", "csv=p=0", media.toString()).requireSuccess().stdout();
        return parsed.withKeyframes(flags);
    }

    /** Parses framemd5 text (without keyframe flags). */
    public static FrameMd5 parse(String text) {
        Map<Integer, Map<String, String>> heads = new HashMap<>();
        Map<Integer, String[]> extradata = new HashMap<>();
        List<Packet> packets = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#extradata ")) {
                String[] f = line.substring("#extradata ".length()).split(",");
                extradata.put(Integer.parseInt(f[0].strip()), new String[] {f[1].strip(), f[2].strip()});
            } else if (line.startsWith("#") && line.contains(":") && Character.isDigit(charBeforeColon(line))) {
                int colon = line.indexOf(':');
                String[] keyAndIndex = line.substring(1, colon).split(" ");
                int index = Integer.parseInt(keyAndIndex[keyAndIndex.length - 1]);
                heads.computeIfAbsent(index, i -> new HashMap<>()).put(keyAndIndex[0], line.substring(colon + 1).strip());
            } else if (!line.startsWith("#")) {
                String[] f = line.split(",");
                packets.add(new Packet(Integer.parseInt(f[0].strip()), Long.parseLong(f[1].strip()),
                        Long.parseLong(f[2].strip()), Long.parseLong(f[3].strip()), Integer.parseInt(f[4].strip()),
                        f[5].strip(), null));
            }
        }
        Map<Integer, StreamHeader> streams = new HashMap<>();
        heads.forEach((index, h) -> {
            String[] tb = h.getOrDefault("tb", "1/1").split("/");
            String[] ex = extradata.get(index);
            streams.put(index, new StreamHeader(index, Long.parseLong(tb[0]), Long.parseLong(tb[1]),
                    h.get("media_type"), h.get("codec_id"), ex == null ? null : Integer.valueOf(ex[0]),
                    ex == null ? null : ex[1]));
        });
        return new FrameMd5(streams, packets);
    }

    private static char charBeforeColon(String line) {
        int colon = line.indexOf(':');
        return colon > 0 ? line.charAt(colon - 1) : ' ';
    }

    /**
     * Merges ffprobe's {@code -show_entries packet=stream_index,flags -of csv=p=0} output (lines such as
     * {@code 0,K__}) in packet order: the n-th line of a stream gives the n-th packet's keyframe flag.
     */
    public FrameMd5 withKeyframes(String ffprobeCsv) {
        Map<Integer, List<Boolean>> flags = new HashMap<>();
        for (String line : ffprobeCsv.split("\n")) {
            String[] f = line.strip().split(",");
            if (f.length >= 2) {
                flags.computeIfAbsent(Integer.parseInt(f[0]), i -> new ArrayList<>()).add(f[1].startsWith("K"));
            }
        }
        Map<Integer, Integer> seen = new HashMap<>();
        List<Packet> merged = new ArrayList<>(packets.size());
        for (Packet p : packets) {
            int n = seen.merge(p.stream(), 1, Integer::sum) - 1;
            List<Boolean> list = flags.getOrDefault(p.stream(), List.of());
            merged.add(n < list.size() ? p.withKeyframe(list.get(n)) : p);
        }
        return new FrameMd5(streams, merged);
    }

    public Map<Integer, StreamHeader> streams() {
        return Map.copyOf(streams);
    }

    public StreamHeader stream(int index) {
        StreamHeader h = streams.get(index);
        if (h == null) {
            throw new IllegalArgumentException("no stream " + index + " in " + streams.keySet());
        }
        return h;
    }

    /** The first stream of {@code mediaType} ("video", "audio"). */
    public Optional<StreamHeader> streamOf(String mediaType) {
        return streams.values().stream().filter(s -> mediaType.equals(s.mediaType()))
                .min((a, b) -> Integer.compare(a.index(), b.index()));
    }

    /** All packets, in file order. */
    public List<Packet> packets() {
        return List.copyOf(packets);
    }

    /** The packets of one stream, in file order. */
    public List<Packet> packets(int stream) {
        return packets.stream().filter(p -> p.stream() == stream).toList();
    }
}
