package io.camelmedia.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.camelmedia.frame.Codec;

/**
 * The FLV sources our frame-exact tests use, each written by the bundled ffmpeg 8 from generated media
 * (HEVC is a stream copy of a committed x265 sample: the LGPL ffmpeg has no HEVC encoder).
 */
public final class FlvSamples {
    private static final String VIDEO_SOURCE = "testsrc2=size=320x240:rate=25";
    private static final String HEVC_SAMPLE = "/flv/hevc-aac-320x240-25fps.mp4";

    /** One source: what ffmpeg is told to encode, and the codecs the FLV then carries (video null: audio only). */
    public record Sample(String name, Codec video, Codec audio, List<String> ffmpegArgs) {
        @Override
        public String toString() {
            return name;
        }

        /** Writes this sample as an FLV file at {@code flv}. */
        public Path writeFlv(Path flv) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("-y", "-loglevel", "error"));
            for (String a : ffmpegArgs) {
                cmd.add(a.startsWith("SAMPLE:") ? resource(a.substring("SAMPLE:".length())).toString() : a);
            }
            cmd.add("-f");
            cmd.add("flv");
            cmd.add(flv.toString());
            Ffmpeg.run(120, cmd.toArray(String[]::new)).requireSuccess();
            return flv;
        }
    }

    private FlvSamples() {
    }

    /** (a) H.264 + AAC, (b) H.265 + AAC, (c) AV1 + AAC, (d) VP9 + Opus, (e) MP3 audio only. */
    public static List<Sample> all() {
        List<String> lavfi = List.of("-f", "lavfi", "-i", VIDEO_SOURCE, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "2");
        List<String> audioOnly = List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2");
        return List.of(
                new Sample("ffmpeg8 libopenh264 + aac (legacy AVC/AAC)", Codec.H264, Codec.AAC,
                        concat(lavfi, "-c:v", "libopenh264", "-g", "25", "-c:a", "aac", "-b:a", "64k")),
                new Sample("ffmpeg8 copy of x265 + aac (enhanced hvc1, B-frames)", Codec.H265, Codec.AAC,
                        List.of("-i", "SAMPLE:" + HEVC_SAMPLE, "-c", "copy")),
                new Sample("ffmpeg8 libsvtav1 + aac (enhanced av01)", Codec.AV1, Codec.AAC,
                        concat(lavfi, "-c:v", "libsvtav1", "-preset", "12", "-g", "25", "-c:a", "aac")),
                new Sample("ffmpeg8 libvpx-vp9 + libopus (enhanced vp09 + Opus)", Codec.VP9, Codec.OPUS,
                        concat(lavfi, "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "25",
                                "-c:a", "libopus")),
                new Sample("ffmpeg8 libmp3lame audio only (legacy MP3)", null, Codec.MP3,
                        concat(audioOnly, "-c:a", "libmp3lame")));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FlvSamples.class.getResource(name).toURI());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
