package io.camelmedia.format.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.camelmedia.codec.Samples;
import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.testing.RecordingMediaListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TsDemuxer} on streams our {@link TsMuxer} writes from synthetic frames: chunking, tables, hold,
 * timing, and every kind of damage (garbage, loss, duplicates, truncation, oversized PES, bad CRC).
 */
class TsDemuxerTest {
    static final byte[] AVCC = Samples.config("h264/openh264-320x240-baseline");
    static final Track H264 = Track.builder(1, Codec.H264).config(AVCC).build();
    static final Track AAC = Track.builder(2, Codec.AAC).config(AudioSpecificConfig.of(2, 48_000, 2).encode())
            .sampleRate(48_000).channels(2).clockRate(48_000).build();
    private static final byte[] IDR = Samples.hex("65 88 84 00 33 ff");
    private static final byte[] NON_IDR = Samples.hex("41 9a 02 04");

    /** 2 s of 25 fps video (key frame every 25) and 48 kHz AAC, interleaved by time, from pts {@code base}. */
    static List<MediaFrame> frames(long base) {
        Random random = new Random(7);
        List<MediaFrame> out = new ArrayList<>();
        int a = 0;
        for (int v = 0; v < 50; v++) {
            long pts = base + v * 3600L;
            while (a * 1024L * 90_000 / 48_000 <= v * 3600L) {
                byte[] raw = new byte[100 + random.nextInt(300)];
                random.nextBytes(raw);
                long t = SystemClock.from90k(base, 48_000) + a * 1024L;
                out.add(MediaFrame.of(AAC, t, t, true, BitstreamFormat.RAW, raw));
                a++;
            }
            byte[] slice = Arrays.copyOf(v % 25 == 0 ? IDR : NON_IDR, 500 + random.nextInt(3000));
            for (int i = 6; i < slice.length; i++) {
                slice[i] = (byte) (1 + random.nextInt(255)); // no zero bytes: no emulated start codes
            }
            out.add(MediaFrame.of(H264, pts, pts, v % 25 == 0, BitstreamFormat.AVCC, avcc(slice)));
        }
        return out;
    }

    static byte[] avcc(byte[]... nals) {
        return io.camelmedia.codec.h264.Avcc.join(io.camelmedia.codec.h264.NalUnits.of(nals));
    }

    static byte[] mux(List<Track> tracks, List<MediaFrame> frames) {
        return TsMuxerFfmpegTest.mux(tracks, frames, false);
    }

    /** Feeds {@code ts} in chunks of {@code chunk} bytes, then closes. */
    static RecordingMediaListener demux(byte[] ts, int chunk, TsDemuxer[] out) {
        RecordingMediaListener rec = new RecordingMediaListener();
        TsDemuxer d = new TsDemuxer("live/ts", rec);
        for (int p = 0; p < ts.length; p += chunk) {
            d.feed(ts, p, Math.min(chunk, ts.length - p));
        }
        d.close("end of input");
        if (out != null) {
            out[0] = d;
        }
        return rec;
    }

    /** The frame the demuxer should give for {@code f}: the muxer's PES payload, AUD dropped, in AVCC. */
    static MediaFrame expected(List<Track> tracks, MediaFrame f) {
        if (!f.codec().isNalBased()) {
            return f;
        }
        ElementaryStream es = new ElementaryStream(f.track(), new TsMuxer(tracks).pid(f.track().id()));
        io.camelmedia.codec.h264.NalUnits units = io.camelmedia.codec.h264.AnnexB.split(es.payload(f));
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < units.count(); i++) {
            int type = f.codec() == Codec.H264 ? units.header(i) & 0x1F : (units.header(i) >> 1) & 0x3F;
            if (type != (f.codec() == Codec.H264 ? 9 : 35)) {
                kept.add(units.copy(i));
            }
        }
        return f.withPayload(BitstreamFormat.AVCC, avcc(kept.toArray(byte[][]::new)));
    }

    /** Asserts {@code got} are {@code sent} (after {@link #expected}): timing, flag, payload, track id and codec. */
    static void assertFramesEqual(List<Track> tracks, List<MediaFrame> sent, List<MediaFrame> got) {
        assertEquals(sent.size(), got.size(), "frame count");
        for (int i = 0; i < sent.size(); i++) {
            MediaFrame e = expected(tracks, sent.get(i));
            MediaFrame g = got.get(i);
            String at = "frame " + i + " " + e + " / " + g;
            assertEquals(e.track().id(), g.track().id(), at);
            assertEquals(e.codec(), g.codec(), at);
            assertEquals(e.pts(), g.pts(), at);
            assertEquals(e.dts(), g.dts(), at);
            assertEquals(e.keyframe(), g.keyframe(), at);
            assertEquals(e.format(), g.format(), at);
            assertArrayEquals(e.payloadBytes(), g.payloadBytes(), at);
        }
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 7, 188, 1316, 4000, 1 << 20})
    void roundTripThroughTheMuxerInAnyChunking(int chunk) {
        List<Track> tracks = List.of(H264, AAC);
        List<MediaFrame> sent = frames(0);
        byte[] ts = mux(tracks, sent);
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(ts, chunk, d);

        assertEquals("started", rec.events().get(0));
        assertEquals("ended", rec.events().get(rec.events().size() - 1));
        assertEquals(List.of("end of input"), rec.endReasons());
        List<Track> got = rec.info().tracks();
        assertEquals(2, got.size());
        assertEquals(1, got.get(0).id());
        assertEquals(320, got.get(0).width());
        assertEquals(240, got.get(0).height());
        assertEquals(90_000, got.get(0).clockRate());
        assertEquals(AAC, got.get(1));
        assertFramesEqual(tracks, sent, rec.frames());
        TsDemuxerStats stats = d[0].stats();
        assertEquals(ts.length, stats.bytes());
        assertEquals(ts.length / 188, stats.packets());
        assertEquals(0, stats.continuityErrors() + stats.droppedPes() + stats.skippedBytes() + stats.sectionErrors()
                + stats.elementaryStreamErrors() + stats.droppedFrames(), stats.toString());
        assertEquals(sent.size(), stats.frames());
        assertTrue(d[0].lastPcr() >= 0);
    }

    @Test
    void opusRoundTripsThroughTheMuxer() {
        Track opus = Track.builder(2, Codec.OPUS).clockRate(48_000).sampleRate(48_000).channels(2)
                .config(io.camelmedia.codec.opus.OpusHead.of(2, 0, 48_000).encode()).build();
        Random random = new Random(3);
        List<MediaFrame> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] packet = new byte[1 + random.nextInt(600)];   // au_size over 255 takes several size bytes
            random.nextBytes(packet);
            sent.add(MediaFrame.of(opus, i * 960L, i * 960L, true, BitstreamFormat.RAW, packet));
        }
        RecordingMediaListener rec = demux(mux(List.of(opus), sent), 1316, null);
        assertEquals(Codec.OPUS, rec.info().tracks().get(0).codec());
        assertEquals(2, rec.info().tracks().get(0).channels());
        assertEquals(sent.size(), rec.frames().size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.get(i).pts(), rec.frames().get(i).pts());
            assertArrayEquals(sent.get(i).payloadBytes(), rec.frames().get(i).payloadBytes(), "frame " + i);
        }
    }

    @Test
    void byteBufInputIsConsumed() {
        byte[] ts = mux(List.of(H264, AAC), frames(0));
        RecordingMediaListener rec = new RecordingMediaListener();
        TsDemuxer d = new TsDemuxer("live/ts", rec);
        ByteBuf direct = Unpooled.directBuffer(ts.length);
        try {
            direct.writeBytes(ts);
            d.feed(direct);
            assertEquals(0, direct.readableBytes());
        } finally {
            direct.release();
        }
        d.close("done");
        assertEquals(frames(0).size(), rec.frames().size());
    }

    @Test
    void timestampsAreUnwrappedAcrossThe33BitWrap() {
        long base = (1L << 33) - 90_000; // 1 s before the wrap
        List<MediaFrame> sent = frames(base);
        RecordingMediaListener rec = demux(mux(List.of(H264, AAC), sent), 1316, null);
        List<MediaFrame> video = rec.frames(1);
        for (int i = 0; i < video.size(); i++) {
            assertEquals(base + i * 3600L, video.get(i).pts());
        }
        assertTrue(video.get(49).pts() > (1L << 33));
        assertFramesEqual(List.of(H264, AAC), sent, rec.frames());
    }

    @Test
    void randomBytesNeverThrowAndStartNothing() {
        Random random = new Random(1);
        for (int round = 0; round < 20; round++) {
            byte[] junk = new byte[10_000];
            random.nextBytes(junk);
            if (round % 2 == 0) {
                for (int i = 0; i < junk.length; i += 188) {
                    junk[i] = 0x47; // sync bytes in place: garbage packets, not just garbage bytes
                }
            }
            TsDemuxer[] d = new TsDemuxer[1];
            RecordingMediaListener rec = demux(junk, 1 + random.nextInt(2000), d);
            assertTrue(rec.frames().size() < 5, "junk made frames: " + rec.frames().size());
        }
    }

    @Test
    void garbageBetweenPacketsIsSkipped() {
        byte[] ts = mux(List.of(H264, AAC), frames(0));
        ByteArrayOutputStream dirty = new ByteArrayOutputStream();
        dirty.writeBytes(new byte[] {1, 2, 0x47, 3, 4, 5}); // a false sync byte too
        for (int p = 0; p < ts.length; p += 188) {
            dirty.write(ts, p, 188);
            if (p / 188 % 100 == 50) {
                dirty.writeBytes(new byte[] {0x11, 0x22, 0x33});
            }
        }
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(dirty.toByteArray(), 1316, d);
        assertFramesEqual(List.of(H264, AAC), frames(0), rec.frames());
        assertTrue(d[0].stats().skippedBytes() >= 6, d[0].stats().toString());
        assertEquals(0, d[0].stats().continuityErrors());
    }

    @Test
    void aLostPacketDropsItsPesAndIsCounted() {
        List<MediaFrame> sent = frames(0);
        byte[] ts = mux(List.of(H264, AAC), sent);
        int videoPid = new TsMuxer(List.of(H264, AAC)).pid(1);
        int victim = -1;
        for (int i = 200; victim < 0; i++) { // a packet in the middle of a video PES, not its first
            int p = i * 188;
            int pid = ((ts[p + 1] & 0x1F) << 8) | (ts[p + 2] & 0xFF);
            if (pid == videoPid && (ts[p + 1] & 0x40) == 0) {
                victim = i;
            }
        }
        byte[] lossy = new byte[ts.length - 188];
        System.arraycopy(ts, 0, lossy, 0, victim * 188);
        System.arraycopy(ts, (victim + 1) * 188, lossy, victim * 188, ts.length - (victim + 1) * 188);
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(lossy, 1316, d);
        assertEquals(1, d[0].stats().continuityErrors());
        assertEquals(1, d[0].stats().droppedPes());
        assertEquals(sent.size() - 1, rec.frames().size());
        assertEquals(49, rec.frames(1).size());
    }

    @Test
    void duplicatePacketsAreIgnored() {
        byte[] ts = mux(List.of(H264, AAC), frames(0));
        ByteArrayOutputStream doubled = new ByteArrayOutputStream();
        for (int p = 0; p < ts.length; p += 188) {
            doubled.write(ts, p, 188);
            if (p / 188 % 3 == 0) {
                doubled.write(ts, p, 188);
            }
        }
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(doubled.toByteArray(), 1316, d);
        assertFramesEqual(List.of(H264, AAC), frames(0), rec.frames());
        assertTrue(d[0].stats().duplicatePackets() > 100);
        assertEquals(0, d[0].stats().continuityErrors());
    }

    @Test
    void truncatedInputEndsCleanly() {
        byte[] ts = mux(List.of(H264, AAC), frames(0));
        for (int cut : new int[] {0, 100, 188 * 3 + 17, ts.length / 2 + 5, ts.length - 1}) {
            TsDemuxer[] d = new TsDemuxer[1];
            RecordingMediaListener rec = demux(Arrays.copyOf(ts, cut), 1316, d);
            assertTrue(rec.frames().size() <= frames(0).size());
            if (!rec.events().isEmpty()) {
                assertEquals("ended", rec.events().get(rec.events().size() - 1));
            }
        }
    }

    @Test
    void transportErrorPacketsAreDropped() {
        byte[] ts = mux(List.of(H264, AAC), frames(0));
        ts[300 * 188 + 1] |= (byte) 0x80; // transport_error_indicator
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(ts, 1316, d);
        assertEquals(1, d[0].stats().transportErrors());
        assertTrue(rec.frames().size() >= frames(0).size() - 1);
    }

    @Test
    void aBadCrcRefusesTheSection() {
        byte[] ts = mux(List.of(H264, AAC), frames(0));
        ts[188 + 10] ^= 0x01; // inside the PMT (the second packet)
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(ts, 1316, d);
        assertEquals(1, d[0].stats().sectionErrors());
        assertTrue(d[0].stats().lastError().contains("CRC_32"), d[0].stats().lastError());
        assertEquals(List.of(), rec.events()); // the only PMT was bad: nothing known
    }

    @Test
    void anOversizedAudioPesIsDroppedAndBounded() {
        int pid = 0x101;
        ByteBuf out = Unpooled.buffer();
        try {
            new TsMuxer(List.of(H264, AAC)).writeTables(out);
            byte[] header = new PesHeader(PesHeader.AUDIO_STREAM_ID, 0, 0, 0).encode();
            header[4] = 0; // PES_packet_length 0: unbounded, which audio may not use
            header[5] = 0;
            byte[] body = new byte[TsDemuxer.MAX_AUDIO_PES_SIZE + 10_000];
            TsPacket.writePes(out, pid, new ContinuityCounter(), header, header.length, body, 0, body.length, false, -1);
            byte[] ts = new byte[out.readableBytes()];
            out.readBytes(ts);
            TsDemuxer[] d = new TsDemuxer[1];
            demux(ts, 1316, d);
            assertEquals(1, d[0].stats().oversizedPes());
            assertEquals(0, d[0].stats().pesPackets());
        } finally {
            out.release();
        }
    }

    @Test
    void aPmtSpanningPacketsIsReassembled() {
        byte[] big = new byte[2 + 250];
        big[0] = (byte) 0xFE; // a user private descriptor of 250 bytes: the PMT takes two packets
        big[1] = (byte) 250;
        byte[] pmt = new ProgramMapSection(1, 0, 0x100, List.of(new ProgramMapSection.Stream(StreamType.H264, 0x100, big),
                new ProgramMapSection.Stream(StreamType.AAC_ADTS, 0x101))).encode();
        byte[] pat = new ProgramAssociationSection(1, 0, 1, 0x1000).encode();
        ByteBuf out = Unpooled.buffer();
        try {
            TsPacket.writeSection(out, 0, new ContinuityCounter(), pat);
            ContinuityCounter pmtCc = new ContinuityCounter();
            TsPacket.writeHeader(out, true, 0x1000, TsPacket.PAYLOAD_ONLY, pmtCc.next());
            out.writeByte(0); // pointer_field
            out.writeBytes(pmt, 0, 183);
            TsPacket.writeHeader(out, false, 0x1000, TsPacket.PAYLOAD_ONLY, pmtCc.next());
            out.writeBytes(pmt, 183, pmt.length - 183);
            while (out.readableBytes() % 188 != 0) {
                out.writeByte(0xFF);
            }
            // the frames follow, from a muxer with the same PIDs (its tables are skipped)
            byte[] rest = mux(List.of(H264, AAC), frames(0));
            out.writeBytes(rest, 2 * 188, rest.length - 2 * 188);
            byte[] ts = new byte[out.readableBytes()];
            out.readBytes(ts);
            TsDemuxer[] d = new TsDemuxer[1];
            RecordingMediaListener rec = demux(ts, 100, d);
            assertEquals(0, d[0].stats().sectionErrors(), d[0].stats().toString());
            assertEquals(2, rec.info().tracks().size());
            assertEquals(frames(0).size(), rec.frames().size());
        } finally {
            out.release();
        }
    }

    @Test
    void aPmtWithOtherStreamsEndsTheStreamAndStartsAgain() {
        List<MediaFrame> first = frames(0);
        Track aacOnly = AAC;
        List<MediaFrame> second = first.stream().filter(f -> f.track().id() == 2).toList();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(mux(List.of(H264, AAC), first));
        // an audio-only program: audio moves to PID 0x100, the PMT version is the same but the layout differs.
        // A new muxer restarts its counters at 0: its first PMT repeats the last counter (a duplicate, ignored),
        // the tables it writes next are read.
        TsMuxer muxer = new TsMuxer(List.of(aacOnly));
        ByteBuf out = Unpooled.buffer();
        try {
            muxer.writeTables(out);
            muxer.writeTables(out);
            second.forEach(f -> muxer.writeFrame(f, out));
            byte[] b = new byte[out.readableBytes()];
            out.readBytes(b);
            all.writeBytes(b);
        } finally {
            out.release();
        }
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(all.toByteArray(), 1316, d);
        assertEquals(2, rec.starts().size());
        assertEquals(List.of("program changed", "end of input"), rec.endReasons());
        assertEquals(1, rec.starts().get(1).tracks().size());
        assertEquals(2, rec.starts().get(1).tracks().get(0).id());
    }

    @Test
    void framesAreHeldUntilEveryTrackIsKnownButNotForever() {
        // video without parameter sets anywhere: the track never becomes known, audio starts after 2 s
        Track bare = Track.builder(1, Codec.H264).build();
        List<MediaFrame> sent = new ArrayList<>();
        for (MediaFrame f : frames(0)) {
            sent.add(f.track().id() == 1 ? MediaFrame.of(bare, f.pts(), f.dts(), f.keyframe(), f.format(),
                    f.payloadBytes()) : f);
        }
        TsDemuxer[] d = new TsDemuxer[1];
        RecordingMediaListener rec = demux(mux(List.of(bare, AAC), sent), 1316, d);
        assertEquals(1, rec.info().tracks().size());
        assertEquals(Codec.AAC, rec.info().tracks().get(0).codec());
        assertEquals(sent.stream().filter(f -> f.track().id() == 2).count(), rec.frames(2).size());
        assertEquals(50, d[0].stats().droppedFrames());
        assertNull(d[0].info());
        assertFalse(d[0].isStarted());
    }

    @Test
    void from90kInvertsTo90kForAudioRates() {
        for (int rate : new int[] {8_000, 16_000, 22_050, 44_100, 48_000, 90_000}) {
            for (long t = 0; t < 200_000; t += 997) {
                assertEquals(t, SystemClock.from90k(SystemClock.to90k(t, rate), rate), rate + " Hz tick " + t);
            }
        }
    }
}
