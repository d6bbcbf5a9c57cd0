package io.camelmedia.protocol.rtp.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.testing.FlvSamples;
import io.camelmedia.testing.RecordingMediaListener;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real encoder output (the FLV samples: openh264, x265, AAC, libopus) through our packetizer at MTU 1200 and
 * back through our depacketizer: every frame comes back with its timestamp and its bytes; key frames carry
 * the track's parameter sets in front (the packetizer adds them from avcC/hvcC, as FLV has them out of band).
 */
class PayloadRoundTripTest {
    static final int MAX_PAYLOAD = 1200 - 12;

    @TempDir
    Path dir;

    static Stream<Arguments> tracks() {
        List<FlvSamples.Sample> all = FlvSamples.all();
        return Stream.of(
                Arguments.of(all.get(0), true),    // H.264
                Arguments.of(all.get(0), false),   // AAC
                Arguments.of(all.get(1), true),    // H.265
                Arguments.of(all.get(3), false));  // Opus
    }

    @ParameterizedTest(name = "{0} video={1}")
    @MethodSource("tracks")
    void everyFrameComesBack(FlvSamples.Sample sample, boolean video) throws Exception {
        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/t", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        HashMap<String, Object> meta = new HashMap<>();
        FlvReader.read(sample.writeFlv(dir.resolve("in.flv")), assembler, (ts, body) -> assembler.metadata(meta));
        List<MediaFrame> frames = rec.frames(video ? FlvStreamAssembler.VIDEO_TRACK_ID : FlvStreamAssembler.AUDIO_TRACK_ID);
        assertTrue(frames.size() > 40, "frames: " + frames.size());
        Track track = frames.get(0).track();
        Packetizer packetizer = PayloadFormats.packetizer(track.codec());
        Depacketizer depacketizer = depacketizerFor(track);
        List<DepacketizedFrame> out = new ArrayList<>();
        int seq = 65_000;   // wraps during the run
        int packets = 0;
        for (MediaFrame f : frames) {
            List<byte[]> payloads = packetizer.packetize(f, MAX_PAYLOAD);
            for (int i = 0; i < payloads.size(); i++) {
                assertTrue(payloads.get(i).length <= MAX_PAYLOAD);
                RtpPacket p = RtpPacket.builder().payloadType(96).sequenceNumber(seq++).timestamp(f.pts() + 0xFFFF_0000L)
                        .ssrc(1).marker(i == payloads.size() - 1).payload(payloads.get(i)).build();
                out.addAll(depacketizer.push(p));
                packets++;
            }
        }
        assertEquals(0, depacketizer.stats().dropped(), depacketizer.stats().toString());
        assertEquals(frames.size(), out.size());
        assertEquals(packets, depacketizer.stats().packets());
        for (int i = 0; i < frames.size(); i++) {
            MediaFrame f = frames.get(i);
            DepacketizedFrame d = out.get(i);
            assertEquals((f.pts() + 0xFFFF_0000L) & 0xFFFF_FFFFL, d.rtpTimestamp());
            assertEquals(f.keyframe(), d.keyframe(), "#" + i);
            assertArrayEquals(expectedPayload(f), d.payload(), "#" + i);
        }
    }

    private static Depacketizer depacketizerFor(Track track) {
        return switch (track.codec()) {
            case H264 -> new H264Depacketizer();
            case H265 -> new H265Depacketizer();
            case AAC -> AacDepacketizer.hbr(AudioSpecificConfig.decode(track.config()).samplesPerFrame());
            case OPUS -> FramePerPacketDepacketizer.opus();
            default -> throw new IllegalArgumentException(track.toString());
        };
    }

    /** The frame as it should come back: AVCC with the track's parameter sets before a key frame that lacks them. */
    private static byte[] expectedPayload(MediaFrame f) throws Exception {
        if (!f.codec().isNalBased()) {
            return f.payloadBytes();
        }
        assertEquals(BitstreamFormat.AVCC, f.format());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (f.keyframe()) {
            List<byte[]> sets = f.codec() == Codec.H264 ? new H264Packetizer().parameterSets(f.track().config())
                    : new H265Packetizer().parameterSets(f.track().config());
            for (byte[] s : sets) {
                out.write(new byte[] {0, 0, (byte) (s.length >>> 8), (byte) s.length});
                out.write(s);
            }
        }
        byte[] payload = f.payloadBytes();
        NalUnits units = Avcc.split(payload, 0, payload.length, 4);
        for (int i = 0; i < units.count(); i++) {
            byte[] n = units.copy(i);
            out.write(new byte[] {(byte) (n.length >>> 24), (byte) (n.length >>> 16), (byte) (n.length >>> 8), (byte) n.length});
            out.write(n);
        }
        return out.toByteArray();
    }
}
