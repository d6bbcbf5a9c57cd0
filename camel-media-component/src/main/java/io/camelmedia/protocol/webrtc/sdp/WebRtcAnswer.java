package io.camelmedia.protocol.webrtc.sdp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * Writes the SDP answer of a {@link Negotiation} (RFC 8829 §5.3): one BUNDLE group of the accepted m-lines,
 * {@code a=ice-lite}, our ICE credentials, fingerprint and setup role on every m-line, rtcp-mux, the chosen payload
 * type with the offered fmtp and the feedback we act on (NACK, PLI, FIR; no transport-cc), and for what we send
 * the SSRC and msid. Host candidates go on the first accepted m-line, followed by end-of-candidates (the server
 * has no others to trickle). Rejected m-lines get port 0 (RFC 8843 §7.3.3).
 */
public final class WebRtcAnswer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebRtcAnswer() {
    }

    public static String build(Negotiation n, WebRtcOffer offer, String iceUfrag, String icePwd, String fingerprintSha256,
                               List<String> candidateValues, String streamId) {
        StringBuilder b = new StringBuilder(2048);
        line(b, "v=0");
        line(b, "o=- " + (RANDOM.nextLong() & Long.MAX_VALUE) + " 2 IN IP4 127.0.0.1");
        line(b, "s=-");
        line(b, "t=0 0");
        StringBuilder bundle = new StringBuilder("a=group:BUNDLE");
        for (NegotiatedMedia m : n.media()) {
            if (m.accepted()) {
                bundle.append(' ').append(m.offered().mid());
            }
        }
        line(b, bundle.toString());
        line(b, "a=ice-lite");
        line(b, "a=msid-semantic: WMS " + msidToken(streamId));
        boolean first = true;
        for (NegotiatedMedia m : n.media()) {
            String kind = m.offered().description().media();
            if (!m.accepted()) {
                List<String> formats = m.offered().description().formats();
                line(b, "m=" + kind + " 0 " + m.offered().description().proto() + " " + (formats.isEmpty() ? "0" : formats.get(0)));
                line(b, "c=IN IP4 0.0.0.0");
                line(b, "a=mid:" + m.offered().mid());
                line(b, "a=inactive");
                continue;
            }
            OfferedCodec c = m.codec();
            line(b, "m=" + kind + " 9 UDP/TLS/RTP/SAVPF " + c.payloadType());
            line(b, "c=IN IP4 0.0.0.0");
            line(b, "a=rtcp:9 IN IP4 0.0.0.0");
            line(b, "a=ice-ufrag:" + iceUfrag);
            line(b, "a=ice-pwd:" + icePwd);
            line(b, "a=fingerprint:sha-256 " + fingerprintSha256);
            line(b, "a=setup:" + (n.weAreDtlsClient() ? "active" : "passive"));
            line(b, "a=mid:" + m.offered().mid());
            line(b, "a=" + (n.ingest() ? "recvonly" : "sendonly"));
            line(b, "a=rtcp-mux");
            if (m.offered().description().hasAttribute("rtcp-rsize")) {
                line(b, "a=rtcp-rsize");
            }
            line(b, "a=rtpmap:" + c.payloadType() + " " + c.rtpMap().encodingName() + "/" + c.rtpMap().clockRate()
                    + (c.rtpMap().encodingParameters() == null ? "" : "/" + c.rtpMap().encodingParameters()));
            if (c.fmtpOrNull() != null && !c.fmtpOrNull().parameters().isEmpty()) {
                line(b, "a=fmtp:" + c.payloadType() + " " + c.fmtpOrNull().value());
            }
            if (m.nack()) {
                line(b, "a=rtcp-fb:" + c.payloadType() + " nack");
            }
            if (m.pli()) {
                line(b, "a=rtcp-fb:" + c.payloadType() + " nack pli");
            }
            if (m.fir()) {
                line(b, "a=rtcp-fb:" + c.payloadType() + " ccm fir");
            }
            if (!n.ingest()) {
                String msid = msidToken(streamId) + " " + kind + "-" + m.offered().mid();
                line(b, "a=msid:" + msid);
                line(b, "a=ssrc:" + m.localSsrc() + " cname:camel-media");
                line(b, "a=ssrc:" + m.localSsrc() + " msid:" + msid);
            }
            if (first) {
                first = false;
                for (String cand : candidateValues) {
                    line(b, "a=" + cand);
                }
                line(b, "a=end-of-candidates");
            }
        }
        return b.toString();
    }

    /** An msid token (RFC 8830 §2: token chars): the stream path with '/' and others replaced. */
    private static String msidToken(String id) {
        String t = id.replaceAll("[^A-Za-z0-9!#$%&'*+\\-.^_`{|}~]", "-");
        return t.isEmpty() ? "camel-media" : t.toLowerCase(Locale.ROOT);
    }

    private static void line(StringBuilder b, String l) {
        b.append(l).append("\r\n");
    }
}
