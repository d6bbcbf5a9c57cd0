package io.camelmedia.testing;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Images checked by the bundled ffmpeg: what ffprobe reads, and how close two pictures are (psnr filter). */
public final class Images {
    private Images() {
    }

    /** "codec WxH" of the first video stream, as ffprobe reads the file (e.g. {@code mjpeg 320x180}). */
    public static String probe(Path image) throws Exception {
        String out = Ffmpeg.probe(30, "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height",
                "-of", "csv=p=0", image.toString()).requireSuccess().stdout().trim();
        String[] f = out.split(",");
        return f[0] + " " + f[1] + "x" + f[2];
    }

    /** ffmpeg's psnr filter's average over the two pictures, in dB (infinity: identical). */
    public static double psnr(Path a, Path b) throws Exception {
        String err = Ffmpeg.run(60, "-i", a.toString(), "-i", b.toString(), "-lavfi", "psnr", "-f", "null", "-")
                .requireSuccess().stderr();
        Matcher m = Pattern.compile("average:(inf|[0-9.]+)").matcher(err);
        if (!m.find()) {
            throw new AssertionError("no PSNR in: " + err);
        }
        double db = m.group(1).equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
        System.out.printf("PSNR %s vs %s: %.2f dB%n", a.getFileName(), b.getFileName(), db);
        return db;
    }
}
