package io.camelmedia.protocol.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.camelmedia.protocol.rtp.sdp.SdpException;

/**
 * An {@code application/trickle-ice-sdpfrag} body (RFC 8840 §9, used by WHIP/WHEP PATCH, RFC 9725 §4.3): ICE
 * credentials (a restart when they are new), candidates, end-of-candidates, and mid lines, which are noted and
 * otherwise ignored.
 */
public final class IceFragment {
    /** Lines in one fragment: a client trickles a handful of candidates at a time. */
    public static final int MAX_LINES = 256;

    private final String iceUfrag;
    private final String icePwd;
    private final List<String> candidates;
    private final boolean endOfCandidates;

    private IceFragment(String iceUfrag, String icePwd, List<String> candidates, boolean endOfCandidates) {
        this.iceUfrag = iceUfrag;
        this.icePwd = icePwd;
        this.candidates = candidates;
        this.endOfCandidates = endOfCandidates;
    }

    public static IceFragment parse(String body) {
        String[] lines = body.split("\r?\n");
        if (lines.length > MAX_LINES) {
            throw new SdpException("trickle-ice-sdpfrag of " + lines.length + " lines exceeds " + MAX_LINES);
        }
        String ufrag = null;
        String pwd = null;
        boolean end = false;
        List<String> cands = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty()) {
                continue;
            }
            if (l.length() < 2 || l.charAt(1) != '=') {
                throw new SdpException("line " + (i + 1) + " of the fragment is not <type>=<value>: " + l);
            }
            if (l.startsWith("a=ice-ufrag:")) {
                ufrag = l.substring(12).trim();
            } else if (l.startsWith("a=ice-pwd:")) {
                pwd = l.substring(10).trim();
            } else if (l.startsWith("a=candidate:")) {
                cands.add(l.substring(2));
            } else if (l.equals("a=end-of-candidates")) {
                end = true;
            }
        }
        return new IceFragment(ufrag, pwd, List.copyOf(cands), end);
    }

    public Optional<String> iceUfrag() {
        return Optional.ofNullable(iceUfrag);
    }

    public Optional<String> icePwd() {
        return Optional.ofNullable(icePwd);
    }

    public List<String> candidates() {
        return candidates;
    }

    public boolean endOfCandidates() {
        return endOfCandidates;
    }
}
