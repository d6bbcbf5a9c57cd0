package io.camelmedia.protocol.webrtc.sdp;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.payload.PayloadFormats;
import io.camelmedia.protocol.rtp.sdp.Direction;

/**
 * The offer/answer decision (RFC 8829 §5.3): which offered m-lines we accept, with which payload type, and our
 * DTLS role. Ingest (WHIP) takes the first offered codec we can depacketize, in the publisher's order of
 * preference; egress (WHEP) maps each of the stream's tracks onto an m-line of its kind that offers its codec.
 */
public final class Negotiation {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<NegotiatedMedia> media;
    private final boolean weAreDtlsClient;
    private final boolean ingest;

    private Negotiation(List<NegotiatedMedia> media, boolean weAreDtlsClient, boolean ingest) {
        this.media = List.copyOf(media);
        this.weAreDtlsClient = weAreDtlsClient;
        this.ingest = ingest;
    }

    /** WHIP: the publisher sends, we receive {@code accepted} codecs. */
    public static Negotiation forIngest(WebRtcOffer offer, Set<Codec> accepted) {
        List<NegotiatedMedia> out = new ArrayList<>();
        int trackId = 1;
        for (OfferedMedia m : offer.media()) {
            OfferedCodec chosen = null;
            if (m.kind() != null && (m.direction() == Direction.SENDONLY || m.direction() == Direction.SENDRECV)) {
                for (OfferedCodec c : m.codecs()) {
                    Optional<Codec> codec = PayloadFormats.codecOf(c.rtpMap());
                    if (codec.isPresent() && accepted.contains(codec.get()) && receivable(codec.get(), c)) {
                        chosen = c;
                        break;
                    }
                }
            }
            if (chosen == null) {
                out.add(NegotiatedMedia.rejected(m));
                continue;
            }
            Track t = PayloadFormats.track(trackId++, chosen.rtpMap(), chosen.fmtpOrNull());
            out.add(new NegotiatedMedia(m, true, chosen, t, 0, chosen.hasFeedback("nack"), chosen.hasFeedback("nack pli"),
                    chosen.hasFeedback("ccm fir")));
        }
        requireAny(out, offer, "we receive " + accepted);
        return new Negotiation(out, dtlsClient(offer), true);
    }

    /** WHEP: we send {@code tracks} (the stream's) to the viewer. */
    public static Negotiation forEgress(WebRtcOffer offer, List<Track> tracks) {
        List<NegotiatedMedia> out = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (OfferedMedia m : offer.media()) {
            NegotiatedMedia n = null;
            if (m.kind() != null && (m.direction() == Direction.RECVONLY || m.direction() == Direction.SENDRECV)) {
                for (Track t : tracks) {
                    if (t.mediaType() != m.kind() || used.contains(t.id())) {
                        continue;
                    }
                    OfferedCodec c = sendable(t, m);
                    if (c != null) {
                        used.add(t.id());
                        long ssrc = (RANDOM.nextInt() & 0xFFFF_FFFFL) | 1;
                        n = new NegotiatedMedia(m, true, c, t, ssrc, c.hasFeedback("nack"), c.hasFeedback("nack pli"),
                                c.hasFeedback("ccm fir"));
                        break;
                    }
                }
            }
            out.add(n != null ? n : NegotiatedMedia.rejected(m));
        }
        requireAny(out, offer, "the stream has " + tracks.stream().map(Track::codec).toList());
        return new Negotiation(out, dtlsClient(offer), false);
    }

    /** RFC 8842 §5.3: to actpass or passive we answer active (we are the DTLS client); to active, passive. */
    private static boolean dtlsClient(WebRtcOffer offer) {
        return !"active".equals(offer.setup());
    }

    /** What our depacketizers take: H.264 only in packetization-mode 1 (and 0), no RTX/FEC/RED. */
    private static boolean receivable(Codec codec, OfferedCodec c) {
        if (codec == Codec.H264) {
            int mode = c.fmtpOrNull() == null ? 0 : c.fmtpOrNull().getInt("packetization-mode", 0);
            return mode == 1;
        }
        if (codec == Codec.OPUS) {
            return c.rtpMap().clockRate() == 48_000;
        }
        return codec != Codec.AAC;   // mpeg4-generic is not a WebRTC codec
    }

    /** The offered payload type that can carry {@code t}: H.264 prefers the same profile_idc. */
    private static OfferedCodec sendable(Track t, OfferedMedia m) {
        OfferedCodec fallback = null;
        for (OfferedCodec c : m.codecs()) {
            Optional<Codec> codec = PayloadFormats.codecOf(c.rtpMap());
            if (codec.isEmpty() || codec.get() != t.codec()) {
                continue;
            }
            if (t.codec() != Codec.H264) {
                return c;
            }
            if (c.fmtpOrNull() == null || c.fmtpOrNull().getInt("packetization-mode", 0) != 1) {
                continue;
            }
            String pli = c.fmtpOrNull().get("profile-level-id").orElse("42001f");
            if (t.hasConfig() && pli.length() == 6) {
                int profile = AvcDecoderConfigurationRecord.decode(t.config()).avcProfileIndication();
                if (Integer.parseInt(pli.substring(0, 2), 16) == profile) {
                    return c;
                }
            }
            if (fallback == null || pli.startsWith("42e0")) {
                fallback = fallback == null || !fallbackIsBaseline(fallback) ? c : fallback;
            }
        }
        return fallback;
    }

    private static boolean fallbackIsBaseline(OfferedCodec c) {
        return c.fmtpOrNull() != null && c.fmtpOrNull().get("profile-level-id").orElse("").startsWith("42e0");
    }

    private static void requireAny(List<NegotiatedMedia> out, WebRtcOffer offer, String ours) {
        if (out.stream().noneMatch(NegotiatedMedia::accepted)) {
            List<String> offered = new ArrayList<>();
            for (OfferedMedia m : offer.media()) {
                offered.add((m.kind() == null ? "data" : m.kind().name().toLowerCase()) + " " + m.direction().attribute() + " "
                        + m.codecs().stream().map(c -> c.rtpMap().encodingName()).distinct().toList());
            }
            throw new NoCommonCodecException("offered " + offered + "; " + ours);
        }
    }

    public List<NegotiatedMedia> media() {
        return media;
    }

    /** True when the answer says {@code a=setup:active} (we start the DTLS handshake as its client). */
    public boolean weAreDtlsClient() {
        return weAreDtlsClient;
    }

    /** True for WHIP (we receive), false for WHEP (we send). */
    public boolean ingest() {
        return ingest;
    }

    static boolean isVideo(NegotiatedMedia n) {
        return n.offered().kind() == MediaType.VIDEO;
    }
}
