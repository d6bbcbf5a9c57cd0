package io.camelmedia.protocol.rtp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866; RFC 4566 usage by RTSP and ffmpeg): session-level lines and the media
 * sections. {@link #parse} reads what ffmpeg, GStreamer, browsers and cameras write; {@link #encode}
 * writes CRLF-terminated lines in the order of RFC 8866 §5 ({@code v o s [i u e p] c b t [r z k] a m...}).
 */
public final class SessionDescription {
    private final String origin;
    private final String sessionName;
    private final SdpConnection connection;
    private final List<String> otherLines;     // "i=...", "b=...", "t=..." etc. as written, in order
    private final List<SdpAttribute> attributes;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        this.origin = b.origin;
        this.sessionName = b.sessionName;
        this.connection = b.connection;
        this.otherLines = List.copyOf(b.otherLines);
        this.attributes = List.copyOf(b.attributes);
        this.media = List.copyOf(b.media);
    }

    /**
     * Parses a description.
     *
     * @throws SdpException naming the line when it does not start with {@code v=0}, a line is not
     *                      {@code <type>=<value>}, an {@code m=}/{@code c=}/{@code a=rtpmap}/{@code a=fmtp}/
     *                      {@code a=rtcp} line is malformed, or a size limit is passed
     */
    public static SessionDescription parse(String text) {
        return SdpParser.parse(Objects.requireNonNull(text, "text"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code o=} value, e.g. {@code - 0 0 IN IP4 127.0.0.1}. */
    public String origin() {
        return origin;
    }

    public String sessionName() {
        return sessionName;
    }

    /** The session-level {@code c=}. */
    public Optional<SdpConnection> connection() {
        return Optional.ofNullable(connection);
    }

    /** The connection that applies to {@code m}: its own {@code c=}, else the session's (RFC 8866 §5.7). */
    public Optional<SdpConnection> connectionOf(MediaDescription m) {
        return m.connection().or(this::connection);
    }

    public List<SdpAttribute> attributes() {
        return attributes;
    }

    public Optional<String> attribute(String name) {
        for (SdpAttribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a.value() == null ? "" : a.value());
            }
        }
        return Optional.empty();
    }

    /** Session lines other than v/o/s/c/a, as {@code "t=0 0"}. */
    public List<String> otherLines() {
        return otherLines;
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The media sections of one type ({@code "video"}, {@code "audio"}). */
    public List<MediaDescription> media(String type) {
        return media.stream().filter(m -> m.media().equals(type)).toList();
    }

    /** The text: CRLF after every line. */
    public String encode() {
        StringBuilder sb = new StringBuilder("v=0\r\n");
        sb.append("o=").append(origin).append("\r\n");
        sb.append("s=").append(sessionName).append("\r\n");
        writeLines(sb, "iuep");
        if (connection != null) {
            sb.append("c=").append(connection).append("\r\n");
        }
        writeLines(sb, "b");
        writeLines(sb, "t");
        writeLines(sb, "rzk");
        for (SdpAttribute a : attributes) {
            sb.append("a=").append(a).append("\r\n");
        }
        for (MediaDescription m : media) {
            m.write(sb);
        }
        return sb.toString();
    }

    private void writeLines(StringBuilder sb, String types) {
        for (String l : otherLines) {
            if (types.indexOf(l.charAt(0)) >= 0) {
                sb.append(l).append("\r\n");
            }
        }
    }

    @Override
    public String toString() {
        return encode();
    }

    /** Builds a description; defaults: {@code o=- 0 0 IN IP4 127.0.0.1}, {@code s=-}, {@code t=0 0}. */
    public static final class Builder {
        private String origin = "- 0 0 IN IP4 127.0.0.1";
        private String sessionName = "-";
        private SdpConnection connection;
        private final List<String> otherLines = new ArrayList<>();
        private final List<SdpAttribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private boolean timing;

        private Builder() {
        }

        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        public Builder sessionName(String name) {
            this.sessionName = name.isEmpty() ? " " : name;   // RFC 8866 §5.3: "s= " when there is no name
            return this;
        }

        public Builder connection(SdpConnection c) {
            this.connection = c;
            return this;
        }

        /** Another session-level line ({@code i u e p b t r z k}). */
        public Builder line(char type, String value) {
            if ("iuepbtrzk".indexOf(type) < 0) {
                return this;   // an unknown type (RFC 8866 §5: "MUST be ignored")
            }
            timing |= type == 't';
            otherLines.add(type + "=" + value);
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.add(new SdpAttribute(name, value));
            return this;
        }

        public Builder media(MediaDescription m) {
            media.add(m);
            return this;
        }

        public SessionDescription build() {
            if (!timing) {
                otherLines.add("t=0 0");
                timing = true;
            }
            return new SessionDescription(this);
        }
    }
}
