package io.camelmedia.protocol.rtp.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of a session description (RFC 8866 §5, §9 grammar) into a {@link SessionDescription}.
 * Lenient where the RFC says to be and where senders differ: LF or CRLF line ends, a trailing space,
 * unknown line types and attributes (kept). Strict where we depend on the value: {@code v=0} first,
 * {@code m=}, {@code c=}, {@code a=rtpmap} and {@code a=fmtp} must parse, and the sizes are bounded.
 */
final class SdpParser {
    /**
     * Longest description we read: 64 KiB. ffmpeg's are under 1 KiB; a browser offer with many codecs and
     * ICE candidates is 5-15 KiB.
     */
    static final int MAX_LENGTH = 64 * 1024;
    /** Media sections: a browser bundle of many transceivers stays under a few dozen. */
    static final int MAX_MEDIA = 64;
    /** Attribute lines per section (or session): Chrome writes about 60 per video section. */
    static final int MAX_ATTRIBUTES = 512;

    private SdpParser() {
    }

    static SessionDescription parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new SdpException("SDP of " + text.length() + " characters exceeds the limit " + MAX_LENGTH);
        }
        String[] lines = text.split("\r?\n");
        SessionDescription.Builder session = SessionDescription.builder();
        MediaDescription.Builder media = null;
        List<MediaDescription> sections = new ArrayList<>();
        boolean sawVersion = false;
        int attributes = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripTrailing(lines[i]);
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw SdpException.atLine(lineNo, "?", "not '<type>=<value>': '" + abbreviate(line) + "'");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (!sawVersion) {
                if (type != 'v' || !value.trim().equals("0")) {
                    throw SdpException.atLine(lineNo, String.valueOf(type), "a description starts with 'v=0'");
                }
                sawVersion = true;
                continue;
            }
            switch (type) {
                case 'm' -> {
                    if (media != null) {
                        sections.add(media.build());
                    }
                    if (sections.size() == MAX_MEDIA) {
                        throw SdpException.atLine(lineNo, "m", "more than " + MAX_MEDIA + " media sections");
                    }
                    media = parseMedia(lineNo, value);
                    attributes = 0;
                }
                case 'c' -> {
                    SdpConnection c = SdpConnection.parse(lineNo, value);
                    if (media != null) {
                        media.connection(c);
                    } else {
                        session.connection(c);
                    }
                }
                case 'a' -> {
                    if (++attributes > MAX_ATTRIBUTES) {
                        throw SdpException.atLine(lineNo, "a", "more than " + MAX_ATTRIBUTES + " attributes in a section");
                    }
                    if (value.isEmpty() || value.charAt(0) == ':') {
                        throw SdpException.atLine(lineNo, "a", "attribute without a name: '" + abbreviate(value) + "'");
                    }
                    SdpAttribute a = SdpAttribute.parse(value);
                    validate(lineNo, a);
                    if (media != null) {
                        media.attribute(a.name(), a.value());
                    } else {
                        session.attribute(a.name(), a.value());
                    }
                }
                case 'b' -> {
                    if (media != null) {
                        media.bandwidth(value);
                    } else {
                        session.line(type, value);
                    }
                }
                case 'o' -> session.origin(value);
                case 's' -> session.sessionName(value);
                default -> {
                    if (media == null) {
                        session.line(type, value);
                    } // i= and k= inside a media section: not used, dropped
                }
            }
        }
        if (!sawVersion) {
            throw new SdpException("SDP is empty (no 'v=0' line)");
        }
        if (media != null) {
            sections.add(media.build());
        }
        sections.forEach(session::media);
        return session.build();
    }

    private static MediaDescription.Builder parseMedia(int line, String value) {
        String[] f = value.trim().split(" +");
        if (f.length < 3) {
            throw SdpException.atLine(line, "m", "expected '<media> <port> <proto> <fmt> ...', got '" + abbreviate(value) + "'");
        }
        String portText = f[1];
        int count = 1;
        int slash = portText.indexOf('/');
        if (slash >= 0) {
            count = number(line, "m", "number of ports", portText.substring(slash + 1), 1, 65535);
            portText = portText.substring(0, slash);
        }
        int port = number(line, "m", "port", portText, 0, 65535);
        MediaDescription.Builder b = MediaDescription.builder(f[0], port, f[2]).numberOfPorts(count);
        for (int i = 3; i < f.length; i++) {
            b.format(f[i]);
        }
        return b;
    }

    /** The attributes whose values we use must parse: an error here beats a wrong codec later. */
    private static void validate(int line, SdpAttribute a) {
        switch (a.name()) {
            case "rtpmap" -> RtpMap.parse(line, a.value() == null ? "" : a.value());
            case "fmtp" -> Fmtp.parse(line, a.value() == null ? "" : a.value());
            case "rtcp" -> {
                String v = a.value() == null ? "" : a.value().trim();
                int sp = v.indexOf(' ');
                number(line, "a", "rtcp port", sp < 0 ? v : v.substring(0, sp), 0, 65535);
            }
            default -> {
            }
        }
    }

    static int number(int line, String type, String field, String text, int min, int max) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 10) {
            throw SdpException.atLine(line, type, field + " '" + abbreviate(text) + "' is not a number");
        }
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw SdpException.atLine(line, type, field + " '" + abbreviate(text) + "' is not a number");
        }
        if (v < min || v > max) {
            throw SdpException.atLine(line, type, field + " " + v + " is outside " + min + ".." + max);
        }
        return (int) v;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
