package io.camelmedia.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.camelmedia.format.amf.Amf0Decoder;
import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import io.netty.buffer.Unpooled;

/** Sources of real frames and checks shared by the container writer tests. */
public final class ContainerTestSupport {
    private ContainerTestSupport() {
    }

    /**
     * A file of the Janus recordings copied to {@code src/test/resources/mjr/} (README there), e.g.
     * {@code a-h264-opus-audio.mjr}; a missing one fails the test.
     */
    public static Path mjr(String name) {
        URL url = ContainerTestSupport.class.getResource("/mjr/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource mjr/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    /**
     * {@code data} is, packet by packet, what a framemd5 of a {@code -c copy} read lists: each packet's size
     * and MD5 in turn, and nothing left over (e.g. the samples of a WAV against its reference's framemd5).
     */
    public static void assertSameBytes(List<FrameMd5.Packet> ref, byte[] data) {
        int pos = 0;
        for (FrameMd5.Packet p : ref) {
            assertTrue(pos + p.size() <= data.length, "data ends before the packet at pts " + p.pts());
            byte[] chunk = Arrays.copyOfRange(data, pos, pos + p.size());
            assertEquals(p.md5(), FrameMd5Comparator.md5(chunk), "packet at pts " + p.pts());
            pos += p.size();
        }
        assertEquals(data.length, pos, "all bytes compared");
    }

    /** An FLV written by the bundled ffmpeg, read into frames (as the RTMP ingest makes them). */
    public static RecordingMediaListener readFlv(Path flv) throws Exception {
        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/test", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        FlvReader.read(flv, assembler, (ts, body) -> {
            for (Object o : Amf0Decoder.DEFAULT.decodeAll(Unpooled.wrappedBuffer(body))) {
                if (o instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> props = (Map<String, Object>) m;
                    assembler.metadata(props);
                }
            }
        });
        return rec;
    }

    /** The one Track of {@code id}. */
    public static Track track(RecordingMediaListener rec, int id) {
        List<Track> seen = rec.tracks(id);
        assertEquals(1, seen.size(), "one Track per id: " + seen);
        return seen.get(0);
    }

    /**
     * The RTP payloads of a Janus {@code .mjr} file (MJR00002: 'MJR00002', 2-byte JSON length, JSON; then per
     * packet 'MEET', 4-byte ms offset, 2-byte length, the RTP packet), header stripped (12 bytes + CSRCs +
     * extension, padding removed), with their RTP timestamps, in file order.
     */
    public record RtpPayload(long timestamp, int sequence, byte[] payload) {
    }

    public static List<RtpPayload> mjrPayloads(Path mjr) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(mjr));
        byte[] magic = new byte[8];
        b.get(magic);
        assertEquals("MJR00002", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
        int jsonLength = b.getShort() & 0xFFFF;
        b.position(b.position() + jsonLength);
        List<RtpPayload> out = new ArrayList<>();
        while (b.remaining() >= 10) {
            byte[] meet = new byte[4];
            b.get(meet);
            assertEquals("MEET", new String(meet, java.nio.charset.StandardCharsets.US_ASCII));
            b.getInt();
            int len = b.getShort() & 0xFFFF;
            byte[] rtp = new byte[len];
            b.get(rtp);
            int cc = rtp[0] & 0x0F;
            int pos = 12 + 4 * cc;
            if ((rtp[0] & 0x10) != 0) {
                int extWords = ((rtp[pos + 2] & 0xFF) << 8) | (rtp[pos + 3] & 0xFF);
                pos += 4 + 4 * extWords;
            }
            int end = len;
            if ((rtp[0] & 0x20) != 0) {
                end -= rtp[len - 1] & 0xFF;
            }
            long ts = ByteBuffer.wrap(rtp, 4, 4).getInt() & 0xFFFF_FFFFL;
            int seq = ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
            out.add(new RtpPayload(ts, seq, Arrays.copyOfRange(rtp, pos, end)));
        }
        return out;
    }

    /** Frames of an IVF file (VP8/VP9/AV1 as ffmpeg writes it: 32-byte header, 12-byte frame headers). */
    public static List<MediaFrame> ivfFrames(Path ivf, Track track) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(ivf)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(6) & 0xFFFF;
        int rate = b.getInt(16);
        int scale = b.getInt(20);
        b.position(headerLength);
        List<MediaFrame> frames = new ArrayList<>();
        while (b.remaining() >= 12) {
            int size = b.getInt();
            long pts = b.getLong();
            byte[] data = new byte[size];
            b.get(data);
            long ticks = Math.round(pts * (double) scale * track.clockRate() / rate);
            boolean key = track.codec() == Codec.VP8 && (data[0] & 1) == 0;
            frames.add(MediaFrame.of(track, ticks, ticks, key, BitstreamFormat.RAW, data));
        }
        return frames;
    }

    /** Packet for packet: count, pts/dts (ours rescaled to the reference's timebase), size and MD5. */
    public static void assertSamePackets(FrameMd5 expected, int e, FrameMd5 actual, int a, long ptsShift) {
        List<FrameMd5.Packet> ep = expected.packets(e);
        List<FrameMd5.Packet> ap = actual.packets(a);
        FrameMd5.StreamHeader eh = expected.stream(e);
        FrameMd5.StreamHeader ah = actual.stream(a);
        assertTrue(ep.size() > 10, "a real stream: " + ep.size());
        assertEquals(ep.size(), ap.size(), "packet count of " + eh.codecId());
        for (int i = 0; i < ep.size(); i++) {
            FrameMd5.Packet x = ep.get(i);
            FrameMd5.Packet y = ap.get(i);
            String at = eh.codecId() + " packet " + i + ": " + x + " vs " + y;
            assertEquals(x.pts() + ptsShift, rescale(y.pts(), ah, eh), "pts of " + at);
            assertEquals(x.size(), y.size(), "size of " + at);
            assertEquals(x.md5(), y.md5(), "md5 of " + at);
            if (x.keyframe() != null && y.keyframe() != null) {
                assertEquals(x.keyframe(), y.keyframe(), "keyframe of " + at);
            }
        }
    }

    public static long rescale(long ts, FrameMd5.StreamHeader from, FrameMd5.StreamHeader to) {
        return Math.round((double) ts * from.tbNum() * to.tbDen() / ((double) from.tbDen() * to.tbNum()));
    }

    /** ffmpeg decodes every stream of {@code media} without printing a single error. */
    public static void assertDecodesCleanly(Path media) throws Exception {
        Ffmpeg.Result r = Ffmpeg.run(120, "-v", "error", "-i", media.toString(), "-map", "0", "-f", "null", "-")
                .requireSuccess();
        assertEquals("", r.stderr().strip(), "decoding " + media.getFileName() + " printed errors");
    }

    /** What ffmpeg's decoders print (errors only) for every stream of {@code media}, addresses removed. */
    public static String decodeErrors(Path media) throws Exception {
        Ffmpeg.Result r = Ffmpeg.run(120, "-v", "error", "-i", media.toString(), "-map", "0", "-f", "null", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stderr().replaceAll("@ 0x[0-9a-f]+", "@").strip();
    }

    /**
     * ffmpeg decodes {@code media} with exactly the messages it prints for its own remux of {@code source}
     * into the same container (so a quirk of the source's packets is not blamed on our writer).
     */
    public static void assertDecodesLikeFfmpegsRemux(Path media, Path source) throws Exception {
        String name = media.getFileName().toString();
        Path remux = media.resolveSibling("ffmpeg-remux-" + name);
        Ffmpeg.run(60, "-v", "error", "-y", "-i", source.toString(), "-map", "0", "-c", "copy", remux.toString())
                .requireSuccess();
        assertEquals(decodeErrors(remux), decodeErrors(media), "decoder messages, ffmpeg's remux vs ours");
    }

    /** Decoded 16-bit mono/stereo samples of {@code media}'s first audio stream, as ffmpeg outputs them. */
    public static short[] decodedPcm(Path media, String... inputArgs) throws Exception {
        Path raw = Files.createTempFile("pcm", ".raw");
        try {
            List<String> args = new ArrayList<>(List.of("-v", "error", "-y"));
            args.addAll(List.of(inputArgs));
            args.addAll(List.of("-i", media.toString(), "-map", "0:a:0", "-f", "s16le", raw.toString()));
            Ffmpeg.run(60, args.toArray(String[]::new)).requireSuccess();
            byte[] le = Files.readAllBytes(raw);
            short[] s = new short[le.length / 2];
            ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
            return s;
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
