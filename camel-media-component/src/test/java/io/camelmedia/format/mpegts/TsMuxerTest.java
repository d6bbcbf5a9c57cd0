package io.camelmedia.format.mpegts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.camelmedia.codec.Samples;
import io.camelmedia.codec.aac.AdtsHeader;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Packetization, stuffing, PCR, access unit shaping, ADTS framing and the error cases of {@link TsMuxer}. */
class TsMuxerTest {
    private static final byte[] AVCC = Samples.config("h264/openh264-320x240-baseline");
    private static final byte[] HVCC = Samples.config("h265/x265-main-320x240");
    private static final byte[] ASC = Samples.config("aac/aac-lc-48000-stereo");
    private static final Track H264 = Track.builder(1, Codec.H264).config(AVCC).build();
    private static final Track H265 = Track.builder(1, Codec.H265).config(HVCC).build();
    private static final Track AAC = Track.builder(2, Codec.AAC).config(ASC).sampleRate(48_000).channels(2).build();
    /** An IDR slice NAL unit (type 5) and a non-IDR one (type 1): header byte plus a few slice bytes. */
    private static final byte[] IDR = Samples.hex("65 88 84 00 33 ff");
    private static final byte[] NON_IDR = Samples.hex("41 9a 02 04");

    // ---- packetization and adaptation field stuffing --------------------------------------------------

    /** name, PES bytes (header + data), random access, PCR: the packets and the adaptation field of each. */
    static Stream<Arguments> stuffing() {
        return Stream.of(
                Arguments.of("exactly one packet", 184, false, -1L, new int[] {-1}),
                Arguments.of("one byte short: adaptation_field_length 0, no flags byte", 183, false, -1L, new int[] {0}),
                Arguments.of("two bytes short: length 1, flags 0", 182, false, -1L, new int[] {1}),
                Arguments.of("last packet leaves 1 byte", 184 + 183, false, -1L, new int[] {-1, 0}),
                Arguments.of("last packet leaves 2 bytes", 184 + 182, false, -1L, new int[] {-1, 1}),
                Arguments.of("two full packets", 2 * 184, false, -1L, new int[] {-1, -1}),
                Arguments.of("random access, fills the rest exactly", 182 + 184, true, -1L, new int[] {1, -1}),
                Arguments.of("PCR + random access, one byte of stuffing", 175, true, 12_345L, new int[] {8}),
                Arguments.of("PCR + random access, exactly", 176, true, 12_345L, new int[] {7}),
                Arguments.of("PCR + random access, then 1 byte short", 176 + 183, true, 1L << 32, new int[] {7, 0}),
                Arguments.of("tiny: 14-byte header and one byte", 15, false, -1L, new int[] {168}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stuffing")
    void pesIsPacketizedWithStuffingInTheLastPacket(String name, int total, boolean randomAccess, long pcr,
                                                    int[] adaptationFieldLengths) {
        byte[] header = new PesHeader(0xE0, 0, 0, total - 14).encode();
        assertEquals(14, header.length);
        byte[] data = new byte[total - 14 + 7]; // the data sits at offset 7 of a larger array
        new Random(total).nextBytes(data);
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[] {1, 2, 3, 4, 5}); // bytes already in the caller's buffer stay as they are
        ContinuityCounter cc = new ContinuityCounter();
        int packets = TsPacket.writePes(out, 0x100, cc, header, header.length, data, 7, total - 14, randomAccess, pcr);
        try {
            assertEquals(adaptationFieldLengths.length, packets);
            assertEquals(5 + packets * TsPacket.SIZE, out.readableBytes());
            byte[] all = new byte[out.readableBytes()];
            out.getBytes(0, all);
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Arrays.copyOf(all, 5));
            byte[] ts = Arrays.copyOfRange(all, 5, all.length);
            List<TsPackets.Header> headers = TsPackets.parse(ts);
            TsPackets.assertContinuity(headers);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            for (TsPackets.Header h : headers) {
                int p = h.index() * TsPacket.SIZE;
                assertEquals(0x100, h.pid());
                assertEquals(h.index() == 0, h.payloadUnitStart());
                assertEquals(h.index(), h.cc());
                assertEquals(adaptationFieldLengths[h.index()], h.adaptationFieldLength(), "packet " + h.index());
                int bodyStart = 4 + (h.adaptationFieldLength() >= 0 ? 1 + h.adaptationFieldLength() : 0);
                if (h.adaptationFieldLength() > 0) {
                    boolean first = h.index() == 0;
                    assertEquals((first && randomAccess ? 0x40 : 0) | (first && pcr >= 0 ? 0x10 : 0), h.adaptationFlags());
                    int stuffFrom = 6 + ((h.adaptationFlags() & 0x10) != 0 ? 6 : 0);
                    for (int i = p + stuffFrom; i < p + bodyStart; i++) {
                        assertEquals((byte) 0xFF, ts[i], "stuffing byte at " + (i - p));
                    }
                    if ((h.adaptationFlags() & 0x10) != 0) {
                        assertEquals(pcr, pcrBase(ts, p));
                    }
                }
                payload.write(ts, p + bodyStart, TsPacket.SIZE - bodyStart);
            }
            byte[] expected = new byte[total];
            System.arraycopy(header, 0, expected, 0, 14);
            System.arraycopy(data, 7, expected, 14, total - 14);
            assertArrayEquals(expected, payload.toByteArray());
        } finally {
            out.release();
        }
    }

    /** program_clock_reference_base of the packet at {@code p} (its adaptation field has the PCR first). */
    static long pcrBase(byte[] ts, int p) {
        long b = 0;
        for (int i = 0; i < 4; i++) {
            b = (b << 8) | (ts[p + 6 + i] & 0xFF);
        }
        int fifth = ts[p + 10] & 0xFF;
        assertEquals(0x7E, fifth & 0x7E, "reserved bits are ones");
        assertEquals(0, ts[p + 11], "extension 0");
        return (b << 1) | (fifth >> 7);
    }

    // ---- tables -----------------------------------------------------------------------------------

    @Test
    void tablesArePatAndPmtPacketsWithRunningCounters() {
        TsMuxer muxer = new TsMuxer(List.of(AAC, H264));
        byte[] ts = write(out -> {
            muxer.writeTables(out);
            muxer.writeTables(out);
        });
        assertEquals(4 * TsPacket.SIZE, ts.length);
        byte[] pat = Samples.hex("47 40 00 10 00  00b00d0001c100000001f0002ab104b2");
        byte[] pmt = Samples.hex("47 50 00 10 00  02b0170001c10000e100f0001be100f0000fe101f0002f44b99b");
        assertArrayEquals(pat, Arrays.copyOf(ts, pat.length));
        assertArrayEquals(pmt, Arrays.copyOfRange(ts, 188, 188 + pmt.length));
        for (int i = pat.length; i < 188; i++) {
            assertEquals((byte) 0xFF, ts[i]);
        }
        assertEquals(0x11, ts[2 * 188 + 3], "second PAT: continuity_counter 1");
        assertEquals(0x11, ts[3 * 188 + 3], "second PMT: continuity_counter 1");
        assertEquals(0x100, muxer.pid(1));
        assertEquals(0x101, muxer.pid(2));
        assertEquals(0x100, muxer.pcrPid());
    }

    @Test
    void audioOnlyTakesTheFirstPidAndCarriesThePcr() {
        Track mp3 = Track.builder(2, Codec.MP3).sampleRate(22_050).channels(1).build();
        TsMuxer muxer = new TsMuxer(List.of(mp3));
        assertEquals(0x100, muxer.pid(2));
        assertEquals(0x100, muxer.pcrPid());
        byte[] ts = write(muxer::writeTables);
        // stream_type 0x04: MPEG-2 (LSF) audio below 32 kHz
        assertEquals(0x04, ts[188 + 5 + 12]);
    }

    // ---- PCR ------------------------------------------------------------------------------------

    @Test
    void pcrIsDtsMinus100msOnTheVideoPidAndPcrOnlyPacketsFillGaps() {
        TsMuxer muxer = new TsMuxer(List.of(H264, AAC));
        // audio first (pts 0 at 48 kHz): a PCR-only packet on the video PID precedes it
        byte[] first = write(out -> muxer.writeFrame(aac(0, 200), out));
        List<TsPackets.Header> h = TsPackets.parse(first);
        assertEquals(0x100, h.get(0).pid());
        assertEquals(TsPacket.ADAPTATION_ONLY, h.get(0).adaptationFieldControl());
        assertEquals(183, h.get(0).adaptationFieldLength());
        assertEquals(SystemClock.wrap(-9000), pcrBase(first, 0), "PCR = DTS - 100 ms, wrapped to 33 bits");
        assertEquals(0x101, h.get(1).pid());
        assertEquals(0x40, h.get(1).adaptationFlags(), "audio frames are random access points");

        // a video key frame at dts 3000: PCR 3000 - 9000 and random_access_indicator in its first packet
        byte[] video = write(out -> muxer.writeFrame(h264(3000, 3000, true, BitstreamFormat.AVCC), out));
        h = TsPackets.parse(video);
        assertEquals(0x50, h.get(0).adaptationFlags());
        assertEquals(SystemClock.wrap(-6000), pcrBase(video, 0));

        // audio 100 ms after the last PCR's DTS: another PCR-only packet; just before it: none
        byte[] early = write(out -> muxer.writeFrame(aac(4800 + 1000, 100), out)); // 5800 at 48 kHz = 10875 at 90 kHz
        assertEquals(0x101, TsPackets.parse(early).get(0).pid(), "7875 ticks since the last PCR: none due");
        byte[] due = write(out -> muxer.writeFrame(aac(6400, 100), out)); // 12000 - 9000 - (-6000) = 9000: due
        List<TsPackets.Header> d = TsPackets.parse(due);
        assertEquals(0x100, d.get(0).pid());
        assertEquals(12000 - 9000, pcrBase(due, 0));

        // a video frame whose DTS is behind that PCR keeps the PCR where it was (never backwards)
        byte[] behind = write(out -> muxer.writeFrame(h264(6000, 6000, false, BitstreamFormat.AVCC), out));
        assertEquals(3000, pcrBase(behind, 0));
    }

    // ---- access units ----------------------------------------------------------------------------

    @Test
    void h264KeyFrameGetsAudAndParameterSetsFromTheAvcc() {
        ElementaryStream es = new ElementaryStream(H264, 0x100);
        var avcc = io.camelmedia.codec.h264.AvcDecoderConfigurationRecord.decode(AVCC);
        byte[] key = es.payload(h264(0, 0, true, BitstreamFormat.AVCC));
        byte[] expected = annexB(Samples.hex("09f0"), avcc.sequenceParameterSets().get(0),
                avcc.pictureParameterSets().get(0), IDR);
        assertArrayEquals(expected, key);
        assertArrayEquals(annexB(Samples.hex("09f0"), NON_IDR), es.payload(h264(3600, 3600, false, BitstreamFormat.AVCC)));
    }

    @Test
    void annexBInputWithAudAndParameterSetsIsKeptAsIs() {
        ElementaryStream es = new ElementaryStream(H264, 0x100);
        var avcc = io.camelmedia.codec.h264.AvcDecoderConfigurationRecord.decode(AVCC);
        byte[] au = annexB(Samples.hex("09f0"), avcc.sequenceParameterSets().get(0),
                avcc.pictureParameterSets().get(0), IDR);
        MediaFrame f = MediaFrame.of(H264, 0, 0, true, BitstreamFormat.ANNEX_B, Samples.embed(au, 3), 3, au.length);
        assertArrayEquals(au, es.payload(f), "no second AUD, no second SPS/PPS; read at a non-zero offset");
    }

    @Test
    void h265KeyFrameGetsAudThenVpsSpsPps() {
        ElementaryStream es = new ElementaryStream(H265, 0x100);
        var hvcc = io.camelmedia.codec.h265.HevcDecoderConfigurationRecord.decode(HVCC);
        byte[] idr = Samples.hex("2601 af 1d 80");
        MediaFrame f = MediaFrame.of(H265, 0, 0, true, BitstreamFormat.AVCC, avcc(idr));
        byte[] expected = annexB(Samples.hex("460150"), hvcc.nalUnits(32).get(0), hvcc.nalUnits(33).get(0),
                hvcc.nalUnits(34).get(0), idr);
        assertArrayEquals(expected, es.payload(f));
    }

    @Test
    void aacBecomesTheSameAdtsFrameFfmpegWrote() {
        // the committed ffmpeg ADTS file: strip each header, mux the raw frame, get the original back
        byte[] adts = Samples.bytes("aac/aac-lc-48000-stereo.adts");
        ElementaryStream es = new ElementaryStream(AAC, 0x101);
        int pos = 0;
        for (int n = 0; n < 5; n++) {
            AdtsHeader h = AdtsHeader.decode(adts, pos, adts.length - pos);
            byte[] raw = Arrays.copyOfRange(adts, pos + h.headerLength(), pos + h.frameLength());
            byte[] ours = es.payload(MediaFrame.of(AAC, n * 1024L, n * 1024L, true, BitstreamFormat.RAW, raw));
            assertArrayEquals(Arrays.copyOfRange(adts, pos, pos + h.frameLength()), ours, "frame " + n);
            pos += h.frameLength();
        }
    }

    // ---- errors ----------------------------------------------------------------------------------

    @Test
    void refusesWhatItCannotCarry() {
        assertTrue(TsMuxer.supports(Codec.H264) && TsMuxer.supports(Codec.H265) && TsMuxer.supports(Codec.AAC)
                && TsMuxer.supports(Codec.MP3) && TsMuxer.supports(Codec.OPUS));
        assertFalse(TsMuxer.supports(Codec.AV1) || TsMuxer.supports(Codec.VP9) || TsMuxer.supports(Codec.PCMU));
        Track vp9 = Track.builder(1, Codec.VP9).build();
        assertEquals("track 1: codec VP9 is not carried in MPEG-TS by this muxer (H264, H265, AAC, MP3, Opus only)",
                assertThrows(TsException.class, () -> new TsMuxer(List.of(vp9))).getMessage());
        assertThrows(TsException.class, () -> new TsMuxer(List.of()));
        assertEquals("tracks: track id 1 appears twice",
                assertThrows(TsException.class, () -> new TsMuxer(List.of(H264, H265))).getMessage());

        TsMuxer muxer = new TsMuxer(List.of(H264));
        ByteBuf out = Unpooled.buffer();
        try {
            assertEquals("track id 2 is not in this muxer's program (tracks [1])",
                    assertThrows(TsException.class, () -> muxer.writeFrame(aac(0, 10), out)).getMessage());
            MediaFrame h265 = MediaFrame.of(H265, 0, 0, true, BitstreamFormat.AVCC, avcc(IDR));
            assertEquals("frame of track 1 is H265 but the track was H264 when the PMT was written",
                    assertThrows(TsException.class, () -> muxer.writeFrame(h265, out)).getMessage());
            MediaFrame empty = MediaFrame.of(H264, 0, 0, true, BitstreamFormat.AVCC, new byte[0]);
            assertThrows(TsException.class, () -> muxer.writeFrame(empty, out));
            assertEquals(0, out.readableBytes(), "nothing written for a refused frame");
        } finally {
            out.release();
        }
        Track noConfig = Track.builder(2, Codec.AAC).sampleRate(48_000).build();
        MediaFrame f = MediaFrame.of(noConfig, 0, 0, true, BitstreamFormat.RAW, new byte[10]);
        assertEquals("AAC track 2 has no AudioSpecificConfig: ADTS needs one",
                assertThrows(TsException.class, () -> new ElementaryStream(noConfig, 0x101).payload(f)).getMessage());
    }

    /** Random access units: every outcome is success or TsException; output stays whole packets, gap-free. */
    @Test
    void fuzzedAccessUnits() {
        Random random = new Random(42);
        TsMuxer muxer = new TsMuxer(List.of(H264, AAC));
        ByteBuf out = Unpooled.buffer();
        try {
            for (int i = 0; i < 3000; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                if (random.nextBoolean() && junk.length > 4) {
                    junk[0] = 0;
                    junk[1] = 0;
                    junk[2] = 0;
                    junk[3] = 1;
                }
                BitstreamFormat format = random.nextBoolean() ? BitstreamFormat.AVCC : BitstreamFormat.ANNEX_B;
                MediaFrame f = random.nextInt(4) == 0 ? aac(i * 1024L, random.nextInt(2000))
                        : MediaFrame.of(H264, i * 3600L, i * 3600L, random.nextBoolean(), format, junk);
                int before = out.writerIndex();
                try {
                    muxer.writeFrame(f, out);
                } catch (TsException e) {
                    assertEquals(before, out.writerIndex(), "a refused frame writes nothing");
                }
            }
            byte[] ts = new byte[out.readableBytes()];
            out.getBytes(0, ts);
            TsPackets.assertContinuity(TsPackets.parse(ts));
        } finally {
            out.release();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static MediaFrame h264(long pts, long dts, boolean key, BitstreamFormat format) {
        byte[] nal = key ? IDR : NON_IDR;
        byte[] payload = format == BitstreamFormat.AVCC ? avcc(nal) : annexB(nal);
        return MediaFrame.of(H264, pts, dts, key, format, payload);
    }

    private static MediaFrame aac(long pts, int size) {
        return MediaFrame.of(AAC, pts, pts, true, BitstreamFormat.RAW, new byte[size]);
    }

    private static byte[] avcc(byte[]... nals) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            b.writeBytes(new byte[] {0, 0, (byte) (n.length >> 8), (byte) n.length});
            b.writeBytes(n);
        }
        return b.toByteArray();
    }

    private static byte[] annexB(byte[]... nals) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            b.writeBytes(new byte[] {0, 0, 0, 1});
            b.writeBytes(n);
        }
        return b.toByteArray();
    }

    private interface Writer {
        void write(ByteBuf out);
    }

    private static byte[] write(Writer w) {
        ByteBuf out = Unpooled.buffer();
        try {
            w.write(out);
            byte[] b = new byte[out.readableBytes()];
            out.readBytes(b);
            return b;
        } finally {
            out.release();
        }
    }
}
