package io.camelmedia.process.annexb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.testing.Ffmpeg;

/**
 * A video stream as the bundled ffmpeg 8 sees it: its AVCC packets and codec configuration record (read
 * from an MP4 with {@code -c copy -f data} and ffprobe's packet sizes), and ffmpeg's own Annex B output
 * of {@code -bsf:v h264_mp4toannexb} / {@code hevc_mp4toannexb} per packet, with its framemd5 hashes.
 */
record FfmpegStream(byte[] config, List<byte[]> avccPackets, List<Boolean> keyFlags, List<byte[]> annexBPackets,
                    List<String> annexBMd5) {

    static FfmpegStream of(Path mp4, String configBox, String bsf) throws IOException, InterruptedException {
        byte[] file = Files.readAllBytes(mp4);
        byte[] config = box(file, configBox);
        String probe = Ffmpeg.probe(60, "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size,flags",
                "-of", "csv=p=0", mp4.toString()).requireSuccess().stdout();
        List<Integer> sizes = new ArrayList<>();
        List<Boolean> keys = new ArrayList<>();
        for (String line : probe.trim().split("\n")) {
            String[] f = line.trim().split(",");
            sizes.add(Integer.parseInt(f[0]));
            keys.add(f[1].startsWith("K"));
        }
        Path raw = Files.createTempFile("avcc", ".bin");
        Path annexB = Files.createTempFile("annexb", ".bin");
        Path md5 = Files.createTempFile("annexb", ".framemd5");
        try {
            Ffmpeg.run(60, "-v", "error", "-y", "-i", mp4.toString(), "-map", "0:v:0", "-c", "copy", "-f", "data",
                    raw.toString()).requireSuccess();
            Ffmpeg.run(60, "-v", "error", "-y", "-i", mp4.toString(), "-map", "0:v:0", "-c:v", "copy", "-bsf:v", bsf,
                    "-f", "framemd5", md5.toString()).requireSuccess();
            Ffmpeg.run(60, "-v", "error", "-y", "-i", mp4.toString(), "-map", "0:v:0", "-c:v", "copy", "-bsf:v", bsf,
                    "-f", "data", annexB.toString()).requireSuccess();
            List<byte[]> avcc = cut(Files.readAllBytes(raw), sizes);
            List<String> hashes = new ArrayList<>();
            List<Integer> annexBSizes = new ArrayList<>();
            for (String line : Files.readString(md5, StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                annexBSizes.add(Integer.parseInt(f[4].trim()));
                hashes.add(f[5].trim());
            }
            return new FfmpegStream(config, avcc, keys, cut(Files.readAllBytes(annexB), annexBSizes), hashes);
        } finally {
            Files.deleteIfExists(raw);
            Files.deleteIfExists(annexB);
            Files.deleteIfExists(md5);
        }
    }

    private static List<byte[]> cut(byte[] all, List<Integer> sizes) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        for (int n : sizes) {
            out.add(Arrays.copyOfRange(all, pos, pos + n));
            pos += n;
        }
        if (pos != all.length) {
            throw new AssertionError("packet sizes add up to " + pos + " but the stream has " + all.length + " bytes");
        }
        return out;
    }

    /** Payload of the first ISO BMFF box named {@code fourcc} (its size is the 4 bytes before the name). */
    static byte[] box(byte[] file, String fourcc) {
        byte[] name = fourcc.getBytes(StandardCharsets.US_ASCII);
        for (int i = 4; i + 4 <= file.length; i++) {
            if (Arrays.equals(file, i, i + 4, name, 0, 4)) {
                int size = ((file[i - 4] & 0xFF) << 24) | ((file[i - 3] & 0xFF) << 16) | ((file[i - 2] & 0xFF) << 8)
                        | (file[i - 1] & 0xFF);
                return Arrays.copyOfRange(file, i + 4, i - 4 + size);
            }
        }
        throw new AssertionError("no " + fourcc + " box");
    }
}
