package io.camelmedia.process.annexb;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.h264.AnnexB;
import io.camelmedia.codec.h264.Avcc;
import io.camelmedia.codec.h264.NalUnits;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Converts the H.264/H.265 frames of one stream between AVCC (ISO/IEC 14496-15 length prefixes) and
 * Annex B (start codes): the engine behind the {@code media:annexb} step. Frames of other codecs, and
 * frames already in the wanted form, are returned as the same instance.
 *
 * <h2>AVCC to Annex B</h2>
 * Exactly what ffmpeg's {@code h264_mp4toannexb} / {@code hevc_mp4toannexb} bitstream filters produce
 * (see {@link H264ToAnnexB} and {@link H265ToAnnexB}): the track's parameter sets are put before the first
 * IDR/IRAP slice of a key access unit (after any AUD/SEI); for H.264 they are not repeated when the access
 * unit carries them in-band, and the latest in-band ones replace those of the avcC. With
 * {@link StartCodes#FFMPEG} the bytes are identical to ffmpeg's; with the default
 * {@link StartCodes#FOUR_BYTE} every start code has 4 bytes. A frame whose track has no configuration yet
 * is re-framed only. AVCC payloads always have 4-byte lengths ({@link BitstreamFormat#AVCC}); the
 * lengthSizeMinusOne of the track's avcC/hvcC is not consulted (ingest converts other sizes with
 * {@link Avcc#toFourByteLengths}).
 *
 * <h2>Annex B to AVCC</h2>
 * Every NAL unit is kept, parameter sets and access unit delimiters included, each with a 4-byte length.
 * That is what ffmpeg's MP4 and FLV muxers do with Annex B input, it keeps the conversion lossless
 * (AVCC → Annex B → AVCC gives back the input plus the parameter sets the first step inserted), and
 * in-band parameter sets keep working for players that switch resolution mid-stream (the 'avc3'/'hev1'
 * convention). In-band VPS/SPS/PPS that differ from the track's configuration make a new {@link Track}
 * (same id) with a rebuilt avcC/hvcC and the SPS's width and height; later frames of the same input track
 * go out on that new track.
 *
 * <h2>State</h2>
 * One converter per stream, used from one thread at a time (a stream's frames arrive in order on one
 * thread). It keeps one entry per track id in each direction (ffmpeg's filter state, the last track
 * built from in-band parameter sets), at most {@link #MAX_TRACKS}; beyond that the least recently used
 * track's entry is dropped and rebuilt when that track comes back.
 */
public final class AnnexbConverter {
    /**
     * Tracks remembered per direction: a stream has one or two video tracks (MPEG-TS programs rarely carry
     * more than a handful); 16 bounds memory without ever evicting in practice.
     */
    public static final int MAX_TRACKS = 16;

    private final StartCodes startCodes;
    private final Map<Integer, Object> toAnnexB = lru();
    private final Map<Integer, ParameterSetTracker> toAvcc = lru();

    /** A converter writing 4-byte start codes. */
    public AnnexbConverter() {
        this(StartCodes.FOUR_BYTE);
    }

    public AnnexbConverter(StartCodes startCodes) {
        this.startCodes = startCodes;
    }

    private static <V> Map<Integer, V> lru() {
        return new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
                return size() > MAX_TRACKS;
            }
        };
    }

    /**
     * {@code f} in Annex B form; the same instance when it is not H.264/H.265 or already Annex B.
     *
     * @throws CodecException when the payload or the track's configuration record is malformed
     */
    public MediaFrame toAnnexB(MediaFrame f) {
        if (!f.codec().isNalBased() || f.format() != BitstreamFormat.AVCC) {
            return f;
        }
        byte[] payload = f.payloadBytes();
        byte[] out = f.codec() == Codec.H264 ? h264(f.track()).convert(payload, 0, payload.length)
                : h265(f.track()).convert(payload, 0, payload.length);
        return f.withPayload(BitstreamFormat.ANNEX_B, out);
    }

    private H264ToAnnexB h264(Track t) {
        Object s = toAnnexB.get(t.id());
        if (s instanceof H264ToAnnexB h && h.isFor(t)) {
            return h;
        }
        H264ToAnnexB h = new H264ToAnnexB(t, startCodes);
        toAnnexB.put(t.id(), h);
        return h;
    }

    private H265ToAnnexB h265(Track t) {
        Object s = toAnnexB.get(t.id());
        if (s instanceof H265ToAnnexB h && h.isFor(t)) {
            return h;
        }
        H265ToAnnexB h = new H265ToAnnexB(t);
        toAnnexB.put(t.id(), h);
        return h;
    }

    /**
     * {@code f} in AVCC form (4-byte lengths), on a track rebuilt from in-band parameter sets when they
     * changed; the same instance when it is not H.264/H.265 or already AVCC.
     *
     * @throws CodecException when the payload is not Annex B or its parameter sets are malformed
     */
    public MediaFrame toAvcc(MediaFrame f) {
        if (!f.codec().isNalBased() || f.format() != BitstreamFormat.ANNEX_B) {
            return f;
        }
        byte[] payload = f.payloadBytes();
        NalUnits units = AnnexB.split(payload, 0, payload.length);
        Track track = tracker(f.track()).trackFor(units);
        MediaFrame out = f.withPayload(BitstreamFormat.AVCC, Avcc.join(units));
        return track == f.track() ? out : out.withTrack(track);
    }

    private ParameterSetTracker tracker(Track t) {
        ParameterSetTracker p = toAvcc.get(t.id());
        if (p != null && p.isFor(t)) {
            return p;
        }
        p = new ParameterSetTracker(t);
        toAvcc.put(t.id(), p);
        return p;
    }

    /** Forgets all state, as ffmpeg's filter flush does (e.g. after a seek or a publisher reconnect). */
    public void reset() {
        toAnnexB.clear();
        toAvcc.clear();
    }
}
