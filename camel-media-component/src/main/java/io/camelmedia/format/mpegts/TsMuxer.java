package io.camelmedia.format.mpegts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.netty.buffer.ByteBuf;

/**
 * MPEG-2 transport stream muxer (ITU-T H.222.0) for one live stream, writing what HLS players accept
 * (RFC 8216 3.2; Apple HLS authoring spec): one program, PAT + PMT on demand, one PES per frame.
 *
 * <h2>Layout</h2>
 * <ul>
 * <li>Program 1, transport_stream_id 1, PMT on PID {@value #PMT_PID}. Elementary PIDs from
 *     {@value #FIRST_ELEMENTARY_PID}: video tracks first, then audio, each kind in the given track order
 *     (video + audio gives video 0x100, audio 0x101; audio only gives 0x100).</li>
 * <li>PCR on the first video PID, else the first audio PID (the PMT's PCR_PID).</li>
 * <li>H.264/H.265 frames (AVCC or Annex B) become Annex B access units with an AUD first and the
 *     parameter sets before every key frame ({@link VideoAccessUnit}); AAC raw frames get an ADTS header;
 *     MP3 frames go as they are. One frame per PES (audio frames are not packed together).</li>
 * <li>PES: stream_id 0xE0 / 0xC0, PTS always, DTS when it differs; time stamps on the 90 kHz clock
 *     (audio ticks converted from the sample rate, rounded to nearest) wrapped to 33 bits. Video PES over
 *     65 535 bytes have PES_packet_length 0.</li>
 * <li>Adaptation field on the first packet of a PES: random_access_indicator on key frames (every audio
 *     frame is one), the PCR on every PES of the PCR PID; the last packet of a PES is padded with
 *     adaptation-field stuffing.</li>
 * </ul>
 *
 * <h2>PCR</h2>
 * PCR = DTS &minus; {@value #PCR_OFFSET_90K} ticks (100 ms), with extension 0. ffmpeg's muxer shifts every
 * time stamp by 1.4 s and puts the PCR 0.7 s before the DTS; we keep the time stamps exactly as the frames
 * carry them (HLS playlists and the other variants reference them), so we take mediacommon/MediaMTX's
 * 100 ms: enough for the audio/video interleaving of live ingest, and decoders start at once. The PCR is
 * kept non-decreasing (a frame whose DTS would move it back repeats the last value) unless it jumps back by
 * more than {@value #MAX_PCR_HOLD_90K} ticks, which is a time stamp reset the playlist marks as a
 * discontinuity. When frames of other PIDs arrive and the last PCR is {@value #PCR_INTERVAL_90K} ticks or
 * more behind, a PCR-only packet (adaptation field, no payload) goes out on the PCR PID first, so a PCR
 * comes at least every 100 ms as ITU-T H.222.0 2.7.2 requires, and before the first PES of any PID.
 *
 * <h2>State and threading</h2>
 * Continuity counters per PID and the last PCR live as long as the muxer, so segments cut from one stream
 * continue each other without a counter gap. One muxer per stream, used from one thread at a time.
 *
 * <h2>Buffers</h2>
 * Every write appends to the caller's {@link ByteBuf}: the caller owns it and releases it; the muxer never
 * retains, releases or keeps a reference to it.
 */
public final class TsMuxer {
    /** PMT PID: 0x1000, as ffmpeg's mpegts muxer uses. */
    public static final int PMT_PID = 0x1000;
    /** First elementary stream PID: 0x100, as ffmpeg. */
    public static final int FIRST_ELEMENTARY_PID = 0x100;
    public static final int PROGRAM_NUMBER = 1;
    public static final int TRANSPORT_STREAM_ID = 1;
    /** Tables never change for a muxer (tracks are fixed at construction): version_number 0. */
    public static final int TABLE_VERSION = 0;
    /**
     * Elementary streams per program: our PMT must fit one transport packet, (183 - 12 - 4) / (5 + 6) = 15
     * entries even if every one carried a 6-byte registration descriptor; 15 is far above any HLS rendition (one video and one or two audio tracks).
     */
    public static final int MAX_STREAMS = 15;
    /** PCR lead before DTS: 100 ms at 90 kHz (see the class comment). */
    public static final long PCR_OFFSET_90K = SystemClock.HZ / 10;
    /** Longest gap between PCRs: 100 ms (ITU-T H.222.0 2.7.2). */
    public static final long PCR_INTERVAL_90K = SystemClock.HZ / 10;
    /** A PCR that would go back by more than 10 s is a time stamp reset, not interleaving jitter. */
    public static final long MAX_PCR_HOLD_90K = 10L * SystemClock.HZ;

    private final Map<Integer, ElementaryStream> streams = new HashMap<>();
    private final ElementaryStream pcrStream;
    private final byte[] pat;
    private final byte[] pmt;
    private final ContinuityCounter patCc = new ContinuityCounter();
    private final ContinuityCounter pmtCc = new ContinuityCounter();
    private final byte[] pesHeader = new byte[PesHeader.MAX_SIZE];
    private boolean pcrWritten;
    private long lastPcr;

    /**
     * A muxer for {@code tracks} (see the class comment for the PID layout).
     *
     * @throws TsException when there is no track, more than {@value #MAX_STREAMS}, a repeated track id, or a
     *                     codec this muxer does not carry ({@link #supports})
     */
    public TsMuxer(List<Track> tracks) {
        if (tracks.isEmpty() || tracks.size() > MAX_STREAMS) {
            throw new TsException("tracks: " + tracks.size() + " given, a program carries 1.." + MAX_STREAMS);
        }
        List<Track> ordered = new ArrayList<>(tracks.size());
        tracks.stream().filter(t -> t.mediaType() == MediaType.VIDEO).forEach(ordered::add);
        tracks.stream().filter(t -> t.mediaType() != MediaType.VIDEO).forEach(ordered::add);
        List<ProgramMapSection.Stream> entries = new ArrayList<>();
        for (Track t : ordered) {
            if (!supports(t.codec())) {
                throw new TsException("track " + t.id() + ": codec " + t.codec()
                        + " is not carried in MPEG-TS by this muxer (H264, H265, AAC, MP3, Opus only)");
            }
            ElementaryStream es = new ElementaryStream(t, FIRST_ELEMENTARY_PID + entries.size());
            if (streams.putIfAbsent(t.id(), es) != null) {
                throw new TsException("tracks: track id " + t.id() + " appears twice");
            }
            entries.add(new ProgramMapSection.Stream(es.streamType, es.pid, StreamType.descriptors(t)));
        }
        pcrStream = streams.get(ordered.get(0).id());
        pat = new ProgramAssociationSection(TRANSPORT_STREAM_ID, TABLE_VERSION, PROGRAM_NUMBER, PMT_PID).encode();
        pmt = new ProgramMapSection(PROGRAM_NUMBER, TABLE_VERSION, pcrStream.pid, entries).encode();
    }

    /** True for the codecs this muxer carries: H.264, H.265, AAC and MP3 (no AV1, VP9 or Opus in TS). */
    public static boolean supports(Codec codec) {
        return StreamType.supports(codec);
    }

    /** The elementary PID of track {@code trackId}. */
    public int pid(int trackId) {
        return stream(trackId).pid;
    }

    /** The PID that carries the PCR. */
    public int pcrPid() {
        return pcrStream.pid;
    }

    /** Appends the PAT and the PMT, one packet each: call at the start of every segment. */
    public void writeTables(ByteBuf out) {
        out.ensureWritable(2 * TsPacket.SIZE);
        TsPacket.writeSection(out, ProgramAssociationSection.PID, patCc, pat);
        TsPacket.writeSection(out, PMT_PID, pmtCc, pmt);
    }

    /**
     * Appends {@code frame} as one PES in 188-byte packets (preceded by a PCR-only packet when the PCR is
     * due, see the class comment).
     *
     * @throws TsException when the frame's track id is not one of this muxer's tracks, its codec differs
     *                     from that track's, or the payload cannot be framed (malformed access unit, AAC
     *                     without AudioSpecificConfig, audio PES over 65 535 bytes)
     */
    public void writeFrame(MediaFrame frame, ByteBuf out) {
        ElementaryStream es = stream(frame.track().id());
        if (frame.codec() != es.codec) {
            throw new TsException("frame of track " + es.trackId + " is " + frame.codec() + " but the track was "
                    + es.codec + " when the PMT was written");
        }
        int rate = frame.track().clockRate();
        long pts = SystemClock.to90k(frame.pts(), rate);
        long dts = SystemClock.to90k(frame.dts(), rate);
        byte[] payload = es.payload(frame);
        int headerLength = new PesHeader(es.streamId, pts, dts, payload.length).encode(pesHeader, 0);
        long pcr = -1;
        if (es == pcrStream) {
            pcr = nextPcr(dts);
        } else if (!pcrWritten || dts - PCR_OFFSET_90K - lastPcr >= PCR_INTERVAL_90K) {
            out.ensureWritable(TsPacket.SIZE);
            TsPacket.writePcrOnly(out, pcrStream.pid, pcrStream.cc, nextPcr(dts));
        }
        TsPacket.writePes(out, es.pid, es.cc, pesHeader, headerLength, payload, 0, payload.length,
                frame.keyframe(), pcr);
    }

    /** The PCR base (33 bits) for a PES with decoding time {@code dts90k}, remembered as the last PCR. */
    private long nextPcr(long dts90k) {
        long pcr = dts90k - PCR_OFFSET_90K;
        if (pcrWritten && pcr < lastPcr && lastPcr - pcr <= MAX_PCR_HOLD_90K) {
            pcr = lastPcr;
        }
        pcrWritten = true;
        lastPcr = pcr;
        return SystemClock.wrap(pcr);
    }

    private ElementaryStream stream(int trackId) {
        ElementaryStream es = streams.get(trackId);
        if (es == null) {
            throw new TsException("track id " + trackId + " is not in this muxer's program (tracks "
                    + streams.keySet() + ")");
        }
        return es;
    }
}
