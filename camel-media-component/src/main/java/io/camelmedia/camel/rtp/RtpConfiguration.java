package io.camelmedia.camel.rtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.camelmedia.protocol.rtp.RtpInputConfig;
import io.camelmedia.protocol.rtp.RtpSender;
import io.camelmedia.protocol.rtp.RtpStreamAssembler;
import io.camelmedia.protocol.rtp.sdp.Fmtp;
import io.camelmedia.protocol.rtp.sdp.MediaDescription;
import io.camelmedia.protocol.rtp.sdp.RtpMap;
import io.camelmedia.protocol.rtp.sdp.SessionDescription;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code rtp:} endpoint. Defaults are the protocol classes'; a test checks the catalog says the same. */
@UriParams
@Configurer
public class RtpConfiguration implements Cloneable {
    /** The dynamic payload type ffmpeg and most senders use first (RFC 3551 §6: 96-127 are dynamic). */
    public static final int DEFAULT_PAYLOAD_TYPE = 96;

    @UriPath(description = "Consumer: the address to listen on (0.0.0.0 for every interface). Producer: the destination host")
    @Metadata(required = true)
    private String host;

    @UriPath(description = "Consumer: the UDP port RTP arrives on (RTCP on port+1 unless rtcpMux). Producer: the destination"
                           + " port (audio goes to port+2 when track=all)")
    @Metadata(required = true)
    private int port;

    @UriParam(label = "consumer", description = "The stream path the input belongs to (e.g. live/cam). Consumers with the"
                                                + " same stream join ONE stream, a track each. Default: rtp/<port>")
    private String stream;

    @UriParam(label = "consumer", description = "The RTP payload type of the input (default 96); packets of"
              + " other types are dropped and counted (0 and 8 are implied for codec=pcmu/pcma)")
    private int payloadType = -1;

    @UriParam(label = "consumer", enums = "h264,h265,vp8,vp9,av1,opus,aac,pcmu,pcma",
              description = "The codec of the input (instead of an SDP)")
    private String codec;

    @UriParam(label = "consumer", description = "The RTP clock rate, when the codec has no fixed one (aac: the sample rate)")
    private int clockRate;

    @UriParam(label = "consumer", description = "Format parameters as in an SDP a=fmtp line, e.g."
              + " 'packetization-mode=1;sprop-parameter-sets=...' or the AAC 'mode=AAC-hbr;sizelength=13;...;config=1190'")
    private String fmtp;

    @UriParam(label = "consumer", description = "An SDP describing the input (a file path, or the SDP text itself):"
              + " its media section with payloadType (or whose port is this port, or the first) gives codec, clock and fmtp")
    private String sdp;

    @UriParam(label = "consumer", defaultValue = "false",
              description = "RTCP arrives on the RTP port (RFC 5761) instead of port+1")
    private boolean rtcpMux;

    @UriParam(label = "consumer", defaultValue = "100ms", javaType = "java.time.Duration",
              description = "How long a missing packet is waited for before it counts as lost (0: no reordering)")
    private long reorderLatency = RtpInputConfig.DEFAULT_REORDER_LATENCY_MILLIS;

    @UriParam(label = "consumer,advanced", defaultValue = "8388608",
              description = "Largest frame reassembled, in bytes (8 MiB: a 50 Mb/s 2160p60 IDR); larger ones are dropped and counted")
    private int maxFrameSize = RtpInputConfig.DEFAULT_MAX_FRAME_SIZE;

    @UriParam(label = "consumer", defaultValue = "10s", javaType = "java.time.Duration",
              description = "The stream ends (ENDED) after this long without an RTP packet on any of its inputs")
    private long inactivityTimeout = RtpStreamAssembler.DEFAULT_INACTIVITY_TIMEOUT.toMillis();

    @UriParam(label = "producer", defaultValue = "all", enums = "video,audio,all",
              description = "Which tracks to send: video or audio to port, or all (video to port, audio to port+2)")
    private String track = "all";

    @UriParam(label = "producer", description = "Write the SDP describing the output to this file (at each STARTED)")
    private String sdpFile;

    @UriParam(label = "producer", description = "The name the SDP is served under over HTTP: /rtp/<sdpName>.sdp"
              + " (when platform-http is present). Default: <host>-<port>")
    private String sdpName;

    @UriParam(label = "producer", defaultValue = "1200",
              description = "Largest RTP packet sent, in bytes, RTP header included")
    private int mtu = RtpSender.DEFAULT_MTU;

    @UriParam(label = "producer", defaultValue = "96", description = "Payload type of the video sent")
    private int videoPayloadType = 96;

    @UriParam(label = "producer", defaultValue = "97", description = "Payload type of the audio sent (G.711 uses its static 0/8)")
    private int audioPayloadType = 97;

    @UriParam(label = "producer", description = "Send only this stream path (default: the first stream that starts;"
              + " another one while it is live is ignored)")
    private String sendStream;

    /** Parses {@code //host:port} (the part after {@code rtp:}). */
    void parseRemaining(String remaining) {
        String rest = remaining == null ? "" : remaining.startsWith("//") ? remaining.substring(2) : remaining;
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int colon = rest.lastIndexOf(':');
        if (rest.isEmpty() || colon <= 0) {
            throw new IllegalArgumentException("rtp: needs host and port, syntax rtp://host:port (e.g. rtp://0.0.0.0:5000)");
        }
        host = rest.substring(0, colon);
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rtp: port must be a number in '" + remaining + "'", e);
        }
        if (port < 0 || port > 65533) {
            throw new IllegalArgumentException("rtp: port must be 0..65533, was " + port);
        }
    }

    /** The input this consumer binds: payload format from {@code sdp}, or from {@code codec} + options. */
    RtpInputConfig inputConfig() {
        RtpMap map;
        Fmtp f;
        if (sdp != null && !sdp.isBlank()) {
            MediaDescription m = sdpMedia();
            int pt = payloadType >= 0 && m.payloadTypes().contains(payloadType) ? payloadType : m.payloadTypes().get(0);
            map = m.rtpMap(pt).orElseThrow(() -> new IllegalArgumentException("rtp: the SDP has no rtpmap for payload type " + pt));
            f = m.fmtp(pt).orElse(null);
        } else {
            map = rtpMapOfCodec();
            f = fmtp == null || fmtp.isBlank() ? null : new Fmtp(map.payloadType(), Fmtp.parseParameters(fmtp));
        }
        return new RtpInputConfig(host, port, rtcpMux, map, f, reorderLatency, maxFrameSize);
    }

    private MediaDescription sdpMedia() {
        String text = sdp.trim();
        if (!text.startsWith("v=")) {
            try {
                text = Files.readString(Path.of(text));
            } catch (IOException e) {
                throw new IllegalArgumentException("rtp: cannot read the SDP file " + sdp + ": " + e.getMessage(), e);
            }
        }
        SessionDescription d = SessionDescription.parse(text);
        if (d.media().isEmpty()) {
            throw new IllegalArgumentException("rtp: the SDP has no media section");
        }
        if (payloadType >= 0) {
            for (MediaDescription m : d.media()) {
                if (m.payloadTypes().contains(payloadType)) {
                    return m;
                }
            }
        }
        return d.media().stream().filter(m -> m.port() == port).findFirst().orElse(d.media().get(0));
    }

    private RtpMap rtpMapOfCodec() {
        if (codec == null || codec.isBlank()) {
            throw new IllegalArgumentException("rtp: a consumer needs codec (h264, h265, vp8, vp9, av1, opus, aac, pcmu, pcma) or sdp");
        }
        int pt = payloadType >= 0 ? payloadType : DEFAULT_PAYLOAD_TYPE;
        return switch (codec.toLowerCase(Locale.ROOT)) {
            case "h264" -> RtpMap.of(pt, "H264", 90_000);
            case "h265", "hevc" -> RtpMap.of(pt, "H265", 90_000);
            case "vp8" -> RtpMap.of(pt, "VP8", 90_000);
            case "vp9" -> RtpMap.of(pt, "VP9", 90_000);
            case "av1" -> RtpMap.of(pt, "AV1", 90_000);
            case "opus" -> RtpMap.of(pt, "opus", 48_000, 2);
            case "aac" -> {
                if (clockRate <= 0) {
                    throw new IllegalArgumentException("rtp: codec=aac needs clockRate (the sample rate) and fmtp (with config=)");
                }
                yield RtpMap.of(pt, "MPEG4-GENERIC", clockRate, 2);
            }
            case "pcmu" -> RtpMap.of(payloadType >= 0 ? payloadType : 0, "PCMU", 8000, 1);
            case "pcma" -> RtpMap.of(payloadType >= 0 ? payloadType : 8, "PCMA", 8000, 1);
            default -> throw new IllegalArgumentException("rtp: unknown codec '" + codec
                    + "' (h264, h265, vp8, vp9, av1, opus, aac, pcmu, pcma)");
        };
    }

    String streamPath() {
        return stream == null || stream.isBlank() ? "rtp/" + port : stream;
    }

    String effectiveSdpName() {
        return sdpName == null || sdpName.isBlank() ? host + "-" + port : sdpName;
    }

    public RtpConfiguration copy() {
        try {
            return (RtpConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getHost() {
        return host;
    }

    /** Consumer: the address to listen on. Producer: the destination host. */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** Consumer: the UDP port RTP arrives on. Producer: the destination port. */
    public void setPort(int port) {
        this.port = port;
    }

    public String getStream() {
        return stream;
    }

    /** The stream path the input belongs to; consumers with the same stream join one stream. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    public int getPayloadType() {
        return payloadType;
    }

    /** The RTP payload type of the input. */
    public void setPayloadType(int payloadType) {
        this.payloadType = payloadType;
    }

    public String getCodec() {
        return codec;
    }

    /** The codec of the input (instead of an SDP). */
    public void setCodec(String codec) {
        this.codec = codec;
    }

    public int getClockRate() {
        return clockRate;
    }

    /** The RTP clock rate when the codec has no fixed one. */
    public void setClockRate(int clockRate) {
        this.clockRate = clockRate;
    }

    public String getFmtp() {
        return fmtp;
    }

    /** Format parameters as in an SDP a=fmtp line. */
    public void setFmtp(String fmtp) {
        this.fmtp = fmtp;
    }

    public String getSdp() {
        return sdp;
    }

    /** An SDP describing the input: a file path or the text itself. */
    public void setSdp(String sdp) {
        this.sdp = sdp;
    }

    public boolean isRtcpMux() {
        return rtcpMux;
    }

    /** RTCP arrives on the RTP port (RFC 5761). */
    public void setRtcpMux(boolean rtcpMux) {
        this.rtcpMux = rtcpMux;
    }

    public long getReorderLatency() {
        return reorderLatency;
    }

    /** How long a missing packet is waited for, in milliseconds (or a duration such as 50ms). */
    public void setReorderLatency(long reorderLatency) {
        this.reorderLatency = reorderLatency;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    /** Largest frame reassembled, in bytes. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public long getInactivityTimeout() {
        return inactivityTimeout;
    }

    /** The stream ends after this long without an RTP packet, in milliseconds (or a duration such as 5s). */
    public void setInactivityTimeout(long inactivityTimeout) {
        this.inactivityTimeout = inactivityTimeout;
    }

    public String getTrack() {
        return track;
    }

    /** Which tracks to send: video, audio or all. */
    public void setTrack(String track) {
        this.track = track;
    }

    public String getSdpFile() {
        return sdpFile;
    }

    /** Write the SDP describing the output to this file. */
    public void setSdpFile(String sdpFile) {
        this.sdpFile = sdpFile;
    }

    public String getSdpName() {
        return sdpName;
    }

    /** The name the SDP is served under over HTTP: /rtp/<sdpName>.sdp. */
    public void setSdpName(String sdpName) {
        this.sdpName = sdpName;
    }

    public int getMtu() {
        return mtu;
    }

    /** Largest RTP packet sent, in bytes. */
    public void setMtu(int mtu) {
        this.mtu = mtu;
    }

    public int getVideoPayloadType() {
        return videoPayloadType;
    }

    /** Payload type of the video sent. */
    public void setVideoPayloadType(int videoPayloadType) {
        this.videoPayloadType = videoPayloadType;
    }

    public int getAudioPayloadType() {
        return audioPayloadType;
    }

    /** Payload type of the audio sent. */
    public void setAudioPayloadType(int audioPayloadType) {
        this.audioPayloadType = audioPayloadType;
    }

    public String getSendStream() {
        return sendStream;
    }

    /** Send only this stream path. */
    public void setSendStream(String sendStream) {
        this.sendStream = sendStream;
    }
}
