package io.camelmedia.process.annexb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.camelmedia.codec.TrackConfigs;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.Ffmpeg;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance check of {@link AnnexbConverter#toAnnexB}: on real streams, every converted packet is
 * byte-identical (framemd5) to what the bundled ffmpeg 8's {@code h264_mp4toannexb} /
 * {@code hevc_mp4toannexb} make of the same packet; and Annex B to AVCC gives the input back.
 */
class AnnexbConverterFfmpegTest {
    @TempDir
    static Path dir;
    private static final Map<String, FfmpegStream> STREAMS = new ConcurrentHashMap<>();

    /** name, codec, resource (or null: encode with the bundled ffmpeg), encoder args. */
    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("openh264 320x240 baseline", Codec.H264, "h264/openh264-320x240-baseline.mp4", null),
                Arguments.of("x264 320x240 high aud repeat-headers bframes", Codec.H264,
                        "h264/x264-320x240-high-aud-repeat-headers.mp4", null),
                Arguments.of("openh264 640x360 4 slices", Codec.H264, null,
                        new String[]{"-c:v", "libopenh264", "-slices", "4", "-g", "6", "-b:v", "300k"}),
                Arguments.of("x265 main 320x240", Codec.H265, "h265/x265-main-320x240.mp4", null),
                Arguments.of("x265 main10 320x180 repeat-headers", Codec.H265,
                        "h265/x265-main10-320x180-repeat-headers.mp4", null));
    }

    static FfmpegStream stream(String name, Codec codec, String resource, String[] encoder) throws Exception {
        FfmpegStream s = STREAMS.get(name);
        if (s != null) {
            return s;
        }
        Path mp4 = dir.resolve(name.replace(' ', '-') + ".mp4");
        if (resource != null) {
            try (InputStream in = AnnexbConverterFfmpegTest.class.getResourceAsStream("/codec/" + resource)) {
                Files.copy(in, mp4);
            }
        } else {
            List<String> args = new ArrayList<>(List.of("-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25", "-frames:v", "15", "-pix_fmt", "yuv420p"));
            args.addAll(List.of(encoder));
            args.add(mp4.toString());
            Ffmpeg.run(120, args.toArray(String[]::new)).requireSuccess();
        }
        boolean h264 = codec == Codec.H264;
        s = FfmpegStream.of(mp4, h264 ? "avcC" : "hvcC", h264 ? "h264_mp4toannexb" : "hevc_mp4toannexb");
        STREAMS.put(name, s);
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void ffmpegStartCodesGiveFfmpegsBytesPerPacket(String name, Codec codec, String resource, String[] encoder)
            throws Exception {
        FfmpegStream s = stream(name, codec, resource, encoder);
        Track track = TrackConfigs.track(1, codec, s.config());
        AnnexbConverter converter = new AnnexbConverter(StartCodes.FFMPEG);
        for (int i = 0; i < s.avccPackets().size(); i++) {
            MediaFrame out = converter.toAnnexB(frame(track, s, i));
            byte[] payload = out.payloadBytes();
            assertEquals(BitstreamFormat.ANNEX_B, out.format());
            assertArrayEquals(s.annexBPackets().get(i), payload, name + " packet " + i);
            assertEquals(s.annexBMd5().get(i), md5(payload), name + " packet " + i + " framemd5");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void fourByteStartCodesCarryTheSameNalUnits(String name, Codec codec, String resource, String[] encoder)
            throws Exception {
        FfmpegStream s = stream(name, codec, resource, encoder);
        Track track = TrackConfigs.track(1, codec, s.config());
        AnnexbConverter converter = new AnnexbConverter();
        for (int i = 0; i < s.avccPackets().size(); i++) {
            byte[] payload = converter.toAnnexB(frame(track, s, i)).payloadBytes();
            assertArrayEquals(AnnexB.join(AnnexB.split(s.annexBPackets().get(i))), payload, name + " packet " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void annexBBackToAvccGivesTheInputPlusTheInsertedParameterSets(String name, Codec codec, String resource,
                                                                    String[] encoder) throws Exception {
        FfmpegStream s = stream(name, codec, resource, encoder);
        Track track = TrackConfigs.track(1, codec, s.config());
        AnnexbConverter converter = new AnnexbConverter();
        for (int i = 0; i < s.avccPackets().size(); i++) {
            MediaFrame in = frame(track, s, i);
            MediaFrame annexB = converter.toAnnexB(in);
            MediaFrame back = converter.toAvcc(annexB);
            assertEquals(BitstreamFormat.AVCC, back.format());
            assertSame(track, back.track(), "parameter sets equal to the config keep the track");
            assertArrayEquals(Avcc.join(AnnexB.split(s.annexBPackets().get(i))), back.payloadBytes());
            assertIsInputPlusParameterSets(codec, s.avccPackets().get(i), back.payloadBytes(), name + " packet " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void annexBWithoutConfigBuildsTheTrackFromInBandParameterSets(String name, Codec codec, String resource,
                                                                   String[] encoder) throws Exception {
        FfmpegStream s = stream(name, codec, resource, encoder);
        Track fromMp4 = TrackConfigs.track(1, codec, s.config());
        Track bare = Track.builder(1, codec).build(); // as an MPEG-TS ingest knows it: no config yet
        AnnexbConverter converter = new AnnexbConverter();
        MediaFrame first = converter.toAvcc(MediaFrame.of(bare, 0, 0, true, BitstreamFormat.ANNEX_B,
                s.annexBPackets().get(0)));
        Track built = first.track();
        assertEquals(fromMp4.width(), built.width());
        assertEquals(fromMp4.height(), built.height());
        assertEquals(1, built.id());
        Track again = TrackConfigs.track(1, codec, built.config());
        assertEquals(fromMp4.width(), again.width());
        MediaFrame second = converter.toAvcc(MediaFrame.of(bare, 1, 1, false, BitstreamFormat.ANNEX_B,
                s.annexBPackets().get(1)));
        assertSame(built, second.track(), "later frames of the same input track go out on the built track");
    }

    private static void assertIsInputPlusParameterSets(Codec codec, byte[] input, byte[] output, String what) {
        NalUnits in = Avcc.split(input);
        NalUnits out = Avcc.split(output);
        int j = 0;
        for (int i = 0; i < out.count(); i++) {
            if (j < in.count() && java.util.Arrays.equals(in.copy(j), out.copy(i))) {
                j++;
            } else {
                assertTrue(isParameterSetOrSei(codec, out.header(i)), what + ": unit " + i + " was added and is not a parameter set");
            }
        }
        assertEquals(in.count(), j, what + ": all input units are there in order");
    }

    private static boolean isParameterSetOrSei(Codec codec, byte header) {
        if (codec == Codec.H264) {
            return io.camelmedia.codec.h264.NalUnitType.isParameterSet(io.camelmedia.codec.h264.NalUnitType.of(header));
        }
        int t = io.camelmedia.codec.h265.NalUnitType.of(header);
        return io.camelmedia.codec.h265.NalUnitType.isParameterSet(t) || t == io.camelmedia.codec.h265.NalUnitType.PREFIX_SEI;
    }

    private static MediaFrame frame(Track track, FfmpegStream s, int i) {
        return MediaFrame.of(track, i * 3600L, i * 3600L, s.keyFlags().get(i), BitstreamFormat.AVCC,
                s.avccPackets().get(i).clone());
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

}
