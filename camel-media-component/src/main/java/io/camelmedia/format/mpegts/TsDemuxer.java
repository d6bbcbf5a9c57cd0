package io.camelmedia.format.mpegts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.camelmedia.codec.h264.H264;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.netty.buffer.ByteBuf;

/**
 * MPEG-2 transport stream demuxer (ITU-T H.222.0 | ISO/IEC 13818-1) for one live stream, push-based: fed
 * chunks of any size (SRT and UDP give 1316 bytes = 7 packets, files anything), it delivers the first
 * program's H.264, H.265, AAC (ADTS), MPEG audio and Opus streams to a {@link MediaListener} as frames.
 *
 * <h2>Input</h2>
 * Packets are 188 bytes and may be split across {@link #feed} calls. Bytes that are not a packet are skipped
 * to the next sync byte 0x47; after a loss of sync a sync byte counts only when the byte 188 further on is
 * one too (when the chunk holds it). Nothing fed ever makes {@code feed} throw: bad packets, sections and
 * PES are dropped and counted in {@link #stats()}.
 *
 * <h2>Tables</h2>
 * PAT on PID 0, then the PMT of its first program (program_number &ne; 0); sections may span packets and are
 * checked (section_syntax_indicator, length, CRC_32); current_next_indicator 0 tables are ignored. A PMT
 * that changes the elementary streams (PID, stream_type, codec) ends a started stream ({@code ended
 * "program changed"}) and starts the new layout; a new version with the same streams changes nothing.
 *
 * <h2>Tracks</h2>
 * Track ids as the FLV ingest numbers them: the first video stream of the PMT is track 1, the first audio
 * stream track 2, every further supported stream 3, 4... in PMT order (at most {@value #MAX_STREAMS}).
 * Other stream types are ignored and counted once. Video tracks are known from the first access unit with
 * SPS and PPS (+VPS) in band (avcC/hvcC built from them), AAC and MPEG audio from their first frame header,
 * Opus from the PMT. Frames are held until every track is known (at most {@value #MAX_HELD_FRAMES} frames,
 * {@value #MAX_HELD_BYTES} bytes or {@value #MAX_HOLD_MICROS} µs of stream time); then {@code started} with
 * the tracks known, the held frames, and every next frame as its PES completes. Frames of a track not known
 * at the start are dropped and counted.
 *
 * <h2>Timing</h2>
 * PTS/DTS are unwrapped from 33 bits into one continuous timeline for the program ({@link TimestampUnwrapper})
 * and not shifted: video stays on 90 kHz, audio goes onto its sample-rate clock ({@link SystemClock#from90k},
 * the exact inverse of the muxer's conversion) with the frames after the first of a PES following by their
 * duration. The last PCR of the PCR_PID is kept ({@link #lastPcr()}).
 *
 * <h2>Loss</h2>
 * A continuity_counter gap drops the PES in progress on that PID (counted); the next one starts clean. A
 * repeated counter is a duplicate packet and ignored; the adaptation field's discontinuity_indicator lets
 * the counter jump. transport_error_indicator packets are dropped (the gap is then seen as loss). PES over
 * {@value #MAX_VIDEO_PES_SIZE} (video) or {@value #MAX_AUDIO_PES_SIZE} (audio) bytes are dropped.
 *
 * <h2>Threading</h2>
 * One demuxer per stream, fed from one thread at a time; listener calls happen on that thread, inside
 * {@link #feed} and {@link #close}.
 */
public final class TsDemuxer {
    /** Largest video PES: an 8 MiB access unit ({@link H264#MAX_ACCESS_UNIT_SIZE}) plus the largest PES header. */
    public static final int MAX_VIDEO_PES_SIZE = H264.MAX_ACCESS_UNIT_SIZE + PesHeader.FIXED_SIZE + 0xFF;
    /** Largest audio PES: what a 16-bit PES_packet_length can describe (audio may not use 0, 2.4.3.7). */
    public static final int MAX_AUDIO_PES_SIZE = PesHeader.PREFIX_SIZE + PesHeader.MAX_PES_PACKET_LENGTH;
    /** Elementary streams read from one PMT: 16, far above any real program (a video and a few audio tracks). */
    public static final int MAX_STREAMS = 16;
    /** Frames held before STARTED: 512, as the RTMP and RTP ingests hold. */
    public static final int MAX_HELD_FRAMES = 512;
    /** Bytes held before STARTED: 32 MiB, as the RTMP and RTP ingests hold. */
    public static final long MAX_HELD_BYTES = 32L * 1024 * 1024;
    /** Stream time held before STARTED: 2 s, more than a GOP of the ingests we see wait for its parameter sets. */
    public static final long MAX_HOLD_MICROS = 2_000_000L;

    private static final int PAT_PID = ProgramAssociationSection.PID;
    private static final int TRANSPORT_ERROR = 0x80;
    private static final int SCRAMBLING_SHIFT = 6;
    private static final int DISCONTINUITY_INDICATOR = 0x80;
    private static final int PCR_EXTENSION_FACTOR = 300;

    private final String path;
    private final MediaListener listener;
    private final TsDemuxerStats stats = new TsDemuxerStats();
    private final byte[] partial = new byte[TsPacket.SIZE];
    private int partialLength;
    private boolean synced;
    private final SectionAssembler patSections = new SectionAssembler(stats);
    private final SectionAssembler pmtSections = new SectionAssembler(stats);
    private final ContinuityCheck patCc = new ContinuityCheck();
    private final ContinuityCheck pmtCc = new ContinuityCheck();
    private final SectionAssembler.Listener onPat = this::pat;
    private final SectionAssembler.Listener onPmt = this::pmt;
    private int programNumber = -1;
    private int pmtPid = -1;
    private int pcrPid = -1;
    private long lastPcr = -1;
    private final PesStream[] byPid = new PesStream[TsPacket.MAX_PID + 1];
    private final List<PesStream> streams = new ArrayList<>();
    private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    private final List<MediaFrame> scratch = new ArrayList<>();
    private final ArrayDeque<MediaFrame> held = new ArrayDeque<>();
    private long heldBytes;
    private long heldFromMicros;
    private StreamInfo info;
    private final boolean[] inStream = new boolean[MAX_STREAMS + 3];
    /** PIDs of PMT entries not read, so each is counted once (at most 8192). */
    private final java.util.Set<Integer> ignoredPids = new java.util.HashSet<>();
    private boolean closed;

    /**
     * @param path     the stream path the listener is told (e.g. {@code live/cam1})
     * @param listener receives started, the frames, ended
     */
    public TsDemuxer(String path, MediaListener listener) {
        this.path = Objects.requireNonNull(path, "path");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public String path() {
        return path;
    }

    public TsDemuxerStats stats() {
        return stats;
    }

    /** The last program_clock_reference of the PCR_PID on the 27 MHz clock (base x 300 + extension), or -1. */
    public long lastPcr() {
        return lastPcr;
    }

    /** True between {@code started} and {@code ended}. */
    public boolean isStarted() {
        return info != null;
    }

    /** The StreamInfo given to {@code started}, or null before. */
    public StreamInfo info() {
        return info;
    }

    /** Feeds {@code data[offset, offset+length)}; calls the listener for what completes. Ignored after close. */
    public void feed(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (closed) {
            return;
        }
        stats.bytes += length;
        int end = offset + length;
        int p = partialLength > 0 ? completePartial(data, offset, end) : offset;
        while (p < end) {
            if (data[p] != (byte) TsPacket.SYNC_BYTE || (!synced && falseSync(data, p, end))) {
                p = skipToSync(data, p + (data[p] == (byte) TsPacket.SYNC_BYTE ? 1 : 0), end, p);
                continue;
            }
            if (end - p < TsPacket.SIZE) {
                System.arraycopy(data, p, partial, 0, end - p);
                partialLength = end - p;
                return;
            }
            synced = true;
            packet(data, p);
            p += TsPacket.SIZE;
        }
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /** Feeds the readable bytes of {@code buf} and consumes them; the caller keeps ownership (no release). */
    public void feed(ByteBuf buf) {
        int n = buf.readableBytes();
        if (buf.hasArray()) {
            feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), n);
        } else {
            byte[] copy = new byte[n];
            buf.getBytes(buf.readerIndex(), copy);
            feed(copy, 0, n);
        }
        buf.skipBytes(n);
    }

    /**
     * Ends the input: the PES in progress on each PID is finished (a video PES of unbounded length ends
     * here), held frames are started with the tracks known, and {@code ended(path, reason)} follows when the
     * stream had started. Idempotent; later feeds are ignored.
     */
    public void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        for (PesStream s : streams) {
            finish(s);
        }
        if (info == null && !held.isEmpty()) {
            start();
        }
        if (info != null) {
            info = null;
            listener.ended(path, reason);
        }
    }

    // ---- packets ----------------------------------------------------------------------------------------

    private int completePartial(byte[] data, int offset, int end) {
        int n = Math.min(TsPacket.SIZE - partialLength, end - offset);
        System.arraycopy(data, offset, partial, partialLength, n);
        partialLength += n;
        if (partialLength < TsPacket.SIZE) {
            return end;
        }
        partialLength = 0;
        int next = offset + n;
        if (next < end && data[next] != (byte) TsPacket.SYNC_BYTE && !synced) {
            stats.skippedBytes += TsPacket.SIZE; // a false sync byte: not a packet
            return next;
        }
        synced = true;
        packet(partial, 0);
        return next;
    }

    /** True when the byte a packet after {@code p} is in the chunk and is no sync byte. */
    private static boolean falseSync(byte[] data, int p, int end) {
        return end - p > TsPacket.SIZE && data[p + TsPacket.SIZE] != (byte) TsPacket.SYNC_BYTE;
    }

    private int skipToSync(byte[] data, int from, int end, int lost) {
        synced = false;
        int p = from;
        while (p < end && data[p] != (byte) TsPacket.SYNC_BYTE) {
            p++;
        }
        stats.skippedBytes += p - lost;
        return p;
    }

    private void packet(byte[] b, int p) {
        stats.packets++;
        int b1 = b[p + 1] & 0xFF;
        if ((b1 & TRANSPORT_ERROR) != 0) {
            stats.transportErrors++;
            return;
        }
        int pid = ((b1 & 0x1F) << 8) | (b[p + 2] & 0xFF);
        boolean unitStart = (b1 & TsPacket.PAYLOAD_UNIT_START) != 0;
        int b3 = b[p + 3] & 0xFF;
        int control = (b3 >> 4) & 0x03;
        int pos = p + TsPacket.HEADER_SIZE;
        int end = p + TsPacket.SIZE;
        boolean discontinuity = false;
        if ((control & TsPacket.ADAPTATION_ONLY) != 0) {
            int length = b[pos] & 0xFF;
            if (length > TsPacket.BODY_SIZE - 1) {
                stats.transportErrors++;
                stats.error("adaptation_field_length " + length + " exceeds " + (TsPacket.BODY_SIZE - 1) + " on PID 0x"
                        + Integer.toHexString(pid));
                return;
            }
            if (length > 0) {
                discontinuity = (b[pos + 1] & DISCONTINUITY_INDICATOR) != 0;
                readPcr(b, pos, length, pid);
            }
            pos += 1 + length;
        }
        if ((control & TsPacket.PAYLOAD_ONLY) == 0 || (b3 >> SCRAMBLING_SHIFT) != 0) {
            return; // no payload, or scrambled (we hold no keys)
        }
        payload(b, pid, pos, end, unitStart, b3 & 0x0F, discontinuity);
    }

    private void readPcr(byte[] b, int field, int length, int pid) {
        if (pid == pcrPid && (b[field + 1] & AdaptationField.PCR_FLAG) != 0 && length >= 1 + AdaptationField.PCR_SIZE) {
            int q = field + 2;
            long base = ((long) (b[q] & 0xFF) << 25) | ((b[q + 1] & 0xFF) << 17) | ((b[q + 2] & 0xFF) << 9)
                    | ((b[q + 3] & 0xFF) << 1) | ((b[q + 4] & 0xFF) >> 7);
            int extension = ((b[q + 4] & 0x01) << 8) | (b[q + 5] & 0xFF);
            lastPcr = base * PCR_EXTENSION_FACTOR + extension;
        }
    }

    private void payload(byte[] b, int pid, int pos, int end, boolean unitStart, int cc, boolean discontinuity) {
        if (pid == PAT_PID) {
            section(patCc, patSections, onPat, b, pos, end, unitStart, cc, discontinuity);
        } else if (pid == pmtPid) {
            section(pmtCc, pmtSections, onPmt, b, pos, end, unitStart, cc, discontinuity);
        } else if (byPid[pid] != null) {
            pes(byPid[pid], b, pos, end, unitStart, cc, discontinuity);
        }
    }

    private void section(ContinuityCheck check, SectionAssembler sections, SectionAssembler.Listener to, byte[] b,
                         int pos, int end, boolean unitStart, int cc, boolean discontinuity) {
        switch (check.payload(cc, discontinuity)) {
            case DUPLICATE -> {
                stats.duplicatePackets++;
                return;
            }
            case LOST -> {
                stats.continuityErrors++;
                sections.reset();
            }
            default -> {
            }
        }
        sections.payload(b, pos, end, unitStart, to);
    }

    // ---- PAT / PMT --------------------------------------------------------------------------------------

    private void pat(byte[] s, int length) {
        List<ProgramAssociationSection> programs;
        try {
            programs = ProgramAssociationSection.decode(s, 0, length);
        } catch (TsException e) {
            sectionError(e);
            return;
        }
        if (!Psi.current(s, 0) || programs.isEmpty() || Psi.sectionNumber(s, 0) != 0) {
            return;
        }
        ProgramAssociationSection first = programs.get(0);
        if (first.programMapPid() != pmtPid || first.programNumber() != programNumber) {
            programNumber = first.programNumber();
            pmtPid = first.programMapPid();
            pmtSections.reset();
            pmtCc.reset();
        }
    }

    private void pmt(byte[] s, int length) {
        ProgramMapSection pmt;
        try {
            pmt = ProgramMapSection.decode(s, 0, length);
        } catch (TsException e) {
            sectionError(e);
            return;
        }
        if (!Psi.current(s, 0) || pmt.programNumber() != programNumber) {
            return;
        }
        pcrPid = pmt.pcrPid();
        List<PesStream> layout = layout(pmt);
        if (sameLayout(layout)) {
            return;
        }
        if (info != null) {
            info = null;
            listener.ended(path, "program changed");
        }
        stats.droppedFrames += held.size();
        clearHeld();
        streams.forEach(st -> byPid[st.pid] = null);
        streams.clear();
        streams.addAll(layout);
        streams.forEach(st -> byPid[st.pid] = st);
    }

    private void sectionError(TsException e) {
        stats.sectionErrors++;
        stats.error(e.getMessage());
    }

    /** The streams a PMT describes, with track ids (video 1, audio 2, others from 3) and fresh readers. */
    private List<PesStream> layout(ProgramMapSection pmt) {
        List<PesStream> out = new ArrayList<>();
        boolean video = false;
        boolean audio = false;
        int next = 3;
        for (ProgramMapSection.Stream e : pmt.streams()) {
            Codec codec = StreamType.codecOf(e.streamType(), e.descriptors());
            if (codec == null || out.size() == MAX_STREAMS || e.elementaryPid() == PAT_PID
                    || e.elementaryPid() == pmtPid || out.stream().anyMatch(o -> o.pid == e.elementaryPid())) {
                if (ignoredPids.add(e.elementaryPid())) {
                    stats.ignoredStreams++;
                }
                continue;
            }
            int id;
            if (codec.mediaType() == MediaType.VIDEO && !video) {
                video = true;
                id = 1;
            } else if (codec.mediaType() == MediaType.AUDIO && !audio) {
                audio = true;
                id = 2;
            } else {
                id = next++;
            }
            out.add(new PesStream(e.elementaryPid(), e.streamType(), codec, id, reader(codec, id, e.descriptors()),
                    codec.mediaType() == MediaType.VIDEO ? MAX_VIDEO_PES_SIZE : MAX_AUDIO_PES_SIZE));
        }
        return out;
    }

    private PesPayloadReader reader(Codec codec, int trackId, byte[] descriptors) {
        return switch (codec) {
            case H264, H265 -> new VideoPesReader(trackId, codec, stats);
            case AAC -> new AdtsPesReader(trackId, stats);
            case MP3 -> new MpegAudioPesReader(trackId, stats);
            case OPUS -> new OpusPesReader(trackId, descriptors, stats);
            default -> throw new IllegalStateException("no PES reader for " + codec);
        };
    }

    private boolean sameLayout(List<PesStream> layout) {
        if (layout.size() != streams.size()) {
            return false;
        }
        for (int i = 0; i < layout.size(); i++) {
            PesStream a = layout.get(i);
            PesStream b = streams.get(i);
            if (a.pid != b.pid || a.streamType != b.streamType || a.codec != b.codec) {
                return false;
            }
        }
        return true;
    }

    // ---- PES --------------------------------------------------------------------------------------------

    private void pes(PesStream s, byte[] b, int pos, int end, boolean unitStart, int cc, boolean discontinuity) {
        switch (s.cc.payload(cc, discontinuity)) {
            case DUPLICATE -> {
                stats.duplicatePackets++;
                return;
            }
            case LOST -> {
                stats.continuityErrors++;
                if (s.breakPes()) {
                    stats.droppedPes++;
                }
            }
            default -> {
            }
        }
        if (unitStart) {
            finish(s);
            s.start();
        } else if (s.state() != PesStream.State.COLLECTING) {
            return;
        }
        if (!s.append(b, pos, end)) {
            stats.oversizedPes++;
            stats.droppedPes++;
            stats.error("PES on PID 0x" + Integer.toHexString(s.pid) + " exceeds " + s.maxSize + " bytes");
            return;
        }
        if (s.complete()) {
            finish(s);
        }
    }

    /** Hands the PES collected on {@code s} (if any) to its reader and delivers the frames. */
    private void finish(PesStream s) {
        if (s.state() != PesStream.State.COLLECTING) {
            s.idle();
            return;
        }
        byte[] buf = s.buffer();
        int size = s.size();
        s.idle();
        PesHeader h;
        try {
            h = PesHeader.decode(buf, 0, size);
        } catch (TsException e) {
            dropPes(e.getMessage());
            return;
        }
        int header = PesHeader.headerSize(buf, 0, size);
        int payload = h.payloadLength() < 0 ? size - header : h.payloadLength();
        if (payload > size - header) {
            dropPes("PES on PID 0x" + Integer.toHexString(s.pid) + " cut short: " + (size - header) + " of "
                    + payload + " payload bytes");
            return;
        }
        long pts = h.pts();
        long dts = h.dts();
        if (pts != PesHeader.NO_TIMESTAMP) {
            dts = unwrapper.unwrap(dts);
            pts = dts + SystemClock.wrap(h.pts() - h.dts());
        }
        stats.pesPackets++;
        scratch.clear();
        try {
            s.reader.read(buf, header, payload, pts, dts, scratch);
        } catch (RuntimeException e) { // CodecException, TsException: the rest of this PES is unusable
            stats.elementaryStreamErrors++;
            stats.error("PID 0x" + Integer.toHexString(s.pid) + " " + s.codec + ": " + e.getMessage());
        }
        for (MediaFrame f : scratch) {
            emit(f);
        }
        scratch.clear();
    }

    private void dropPes(String why) {
        stats.droppedPes++;
        stats.error(why);
    }

    // ---- hold and delivery ------------------------------------------------------------------------------

    private void emit(MediaFrame f) {
        if (info == null) {
            hold(f);
            return;
        }
        deliver(f);
    }

    private void deliver(MediaFrame f) {
        if (!inStream[f.track().id()]) {
            stats.droppedFrames++;
            return;
        }
        stats.frames++;
        listener.frame(path, f);
    }

    private void hold(MediaFrame f) {
        if (held.isEmpty()) {
            heldFromMicros = f.dtsMicros();
        }
        held.add(f);
        heldBytes += f.payloadLength();
        boolean allKnown = streams.stream().allMatch(s -> s.reader.track() != null);
        if (allKnown || held.size() >= MAX_HELD_FRAMES || heldBytes >= MAX_HELD_BYTES
                || f.dtsMicros() - heldFromMicros >= MAX_HOLD_MICROS) {
            start();
        }
    }

    private void start() {
        List<Track> tracks = new ArrayList<>();
        Arrays.fill(inStream, false);
        streams.stream().filter(s -> s.reader.track() != null).sorted((a, b) -> Integer.compare(a.trackId, b.trackId))
                .forEach(s -> {
                    tracks.add(s.reader.track());
                    inStream[s.trackId] = true;
                });
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("protocol", "mpegts");
        info = new StreamInfo(path, tracks, meta);
        listener.started(info);
        while (!held.isEmpty()) {
            deliver(held.poll());
        }
        heldBytes = 0;
    }

    private void clearHeld() {
        held.clear();
        heldBytes = 0;
    }
}
