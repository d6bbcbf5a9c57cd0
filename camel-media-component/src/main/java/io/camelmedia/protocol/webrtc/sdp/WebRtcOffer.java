package io.camelmedia.protocol.webrtc.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.camelmedia.frame.MediaType;
import io.camelmedia.protocol.rtp.sdp.MediaDescription;
import io.camelmedia.protocol.rtp.sdp.SdpAttribute;
import io.camelmedia.protocol.rtp.sdp.SdpException;
import io.camelmedia.protocol.rtp.sdp.SessionDescription;

/**
 * A WebRTC SDP offer (RFC 8829 JSEP, RFC 8843 BUNDLE, RFC 8839 ICE, RFC 8842 DTLS), read with the RTP core's
 * SDP parser: the ICE credentials and DTLS fingerprint/setup (session or media level; with BUNDLE they are the
 * same everywhere, so the first m-line's count), and per m-line its codecs, feedback and SSRCs.
 */
public final class WebRtcOffer {
    private final SessionDescription sdp;
    private final String iceUfrag;
    private final String icePwd;
    private final String fingerprint;
    private final String setup;
    private final List<String> bundleMids;
    private final List<OfferedMedia> media;
    private final List<String> candidates;

    private WebRtcOffer(SessionDescription sdp, String iceUfrag, String icePwd, String fingerprint, String setup,
                        List<String> bundleMids, List<OfferedMedia> media, List<String> candidates) {
        this.sdp = sdp;
        this.iceUfrag = iceUfrag;
        this.icePwd = icePwd;
        this.fingerprint = fingerprint;
        this.setup = setup;
        this.bundleMids = bundleMids;
        this.media = media;
        this.candidates = candidates;
    }

    /** @throws SdpException when the text is not SDP or lacks what WebRTC needs (ICE credentials, fingerprint) */
    public static WebRtcOffer parse(String text) {
        SessionDescription sdp = SessionDescription.parse(text);
        if (sdp.media().isEmpty()) {
            throw new SdpException("the offer has no m-line");
        }
        MediaDescription first = sdp.media().get(0);
        String ufrag = attr(sdp, first, "ice-ufrag").orElseThrow(() -> new SdpException("the offer has no a=ice-ufrag"));
        String pwd = attr(sdp, first, "ice-pwd").orElseThrow(() -> new SdpException("the offer has no a=ice-pwd"));
        String fp = attr(sdp, first, "fingerprint").orElseThrow(() -> new SdpException("the offer has no a=fingerprint"));
        String setup = attr(sdp, first, "setup").orElse("actpass").trim();
        List<String> bundle = new ArrayList<>();
        sdp.attribute("group").ifPresent(g -> {
            String[] parts = g.trim().split("\\s+");
            if (parts.length > 0 && parts[0].equals("BUNDLE")) {
                for (int i = 1; i < parts.length; i++) {
                    bundle.add(parts[i]);
                }
            }
        });
        List<OfferedMedia> media = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            if (!m.proto().contains("RTP/SAVPF") && !m.proto().contains("RTP/SAVP") && !m.proto().contains("DTLS/SCTP")) {
                throw new SdpException("m-line " + i + " has protocol " + m.proto() + ", WebRTC uses UDP/TLS/RTP/SAVPF");
            }
            media.add(media(i, m));
            for (SdpAttribute a : m.attributes()) {
                if (a.name().equals("candidate") && a.value() != null) {
                    candidates.add("candidate:" + a.value());
                }
            }
        }
        return new WebRtcOffer(sdp, ufrag.trim(), pwd.trim(), fp.trim(), setup, List.copyOf(bundle), List.copyOf(media),
                List.copyOf(candidates));
    }

    private static Optional<String> attr(SessionDescription s, MediaDescription m, String name) {
        return m.attribute(name).or(() -> s.attribute(name));
    }

    private static OfferedMedia media(int index, MediaDescription m) {
        MediaType kind = switch (m.media()) {
            case "video" -> MediaType.VIDEO;
            case "audio" -> MediaType.AUDIO;
            default -> null;
        };
        Map<Integer, List<String>> fb = new HashMap<>();
        Map<Integer, Integer> rtxOf = new HashMap<>();
        List<Long> ssrcs = new ArrayList<>();
        Set<Long> secondary = new HashSet<>();
        for (SdpAttribute a : m.attributes()) {
            String v = a.value() == null ? "" : a.value().trim();
            switch (a.name()) {
                case "rtcp-fb" -> {
                    int sp = v.indexOf(' ');
                    if (sp > 0) {
                        String pt = v.substring(0, sp);
                        String what = v.substring(sp + 1).trim();
                        if (pt.equals("*")) {
                            fb.computeIfAbsent(-1, k -> new ArrayList<>()).add(what);
                        } else {
                            parseInt(pt).ifPresent(p -> fb.computeIfAbsent(p, k -> new ArrayList<>()).add(what));
                        }
                    }
                }
                case "ssrc" -> {
                    int sp = v.indexOf(' ');
                    parseLong(sp > 0 ? v.substring(0, sp) : v).filter(x -> !ssrcs.contains(x)).ifPresent(ssrcs::add);
                }
                case "ssrc-group" -> {
                    String[] parts = v.split("\\s+");
                    for (int i = 2; i < parts.length; i++) {
                        parseLong(parts[i]).ifPresent(secondary::add);
                    }
                }
                default -> {
                }
            }
        }
        ssrcs.removeAll(secondary);
        List<OfferedCodec> codecs = new ArrayList<>();
        if (kind != null) {
            for (int pt : m.payloadTypes()) {
                m.rtpMap(pt).ifPresent(map -> {
                    if (map.encodingNameUpper().equals("RTX")) {
                        m.fmtp(pt).flatMap(f -> f.get("apt")).flatMap(WebRtcOffer::parseInt).ifPresent(apt -> rtxOf.put(apt, pt));
                    }
                });
            }
            for (int pt : m.payloadTypes()) {
                int p = pt;
                m.rtpMap(pt).ifPresent(map -> {
                    List<String> f = new ArrayList<>(fb.getOrDefault(p, List.of()));
                    f.addAll(fb.getOrDefault(-1, List.of()));
                    codecs.add(new OfferedCodec(p, map, m.fmtp(p).orElse(null), f, rtxOf.get(p)));
                });
            }
        }
        String mid = m.attribute("mid").map(String::trim).orElse(String.valueOf(index));
        return new OfferedMedia(index, mid, kind, m.direction(), codecs, ssrcs, m);
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String iceUfrag() {
        return iceUfrag;
    }

    public String icePwd() {
        return icePwd;
    }

    /** The {@code a=fingerprint} value, e.g. {@code sha-256 AB:CD:...}. */
    public String fingerprint() {
        return fingerprint;
    }

    /** {@code actpass}, {@code active} or {@code passive}. */
    public String setup() {
        return setup;
    }

    public List<String> bundleMids() {
        return bundleMids;
    }

    public List<OfferedMedia> media() {
        return media;
    }

    public List<String> candidates() {
        return candidates;
    }

    public SessionDescription sdp() {
        return sdp;
    }
}
