package io.camelmedia.camel.rtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpSender;
import io.camelmedia.protocol.rtp.sdp.SessionDescription;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one stream as RTP: at STARTED a {@link RtpSender} per selected track (video to port, audio to port, or
 * both with audio on port+2 for {@code track=all}), the SDP written to {@code sdpFile} and served at
 * {@code /rtp/<sdpName>.sdp}; frames are packetized and sent; ENDED sends BYE and frees the senders. While one
 * stream is live, the exchanges of other streams are ignored (logged once per stream).
 */
final class RtpProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(RtpProducer.class);
    private static final int AUDIO_PORT_OFFSET = 2;

    private final RtpEndpoint endpoint;
    private final RtpConfiguration config;
    private String activePath;
    private final Map<Integer, RtpSender> senders = new LinkedHashMap<>();
    private volatile String sdpText;
    private RtpSender.Timeline timeline = new RtpSender.Timeline();
    private final java.util.Set<String> ignoredLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RtpProducer(RtpEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        endpoint.getComponent().serveSdp(config.effectiveSdpName(), () -> sdpText);
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            closeSenders();
        }
        endpoint.getComponent().unserveSdp(config.effectiveSdpName());
        super.doStop();
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        MediaEvent event = MediaExchanges.event(exchange);
        if (event == null) {
            return;
        }
        String path = exchange.getIn().getHeader(MediaHeaders.STREAM, String.class);
        switch (event) {
            case STARTED -> started(path, exchange.getIn().getBody(StreamInfo.class));
            case FRAME -> frame(path, exchange.getIn().getBody(MediaFrame.class));
            case ENDED -> ended(path);
            default -> {
            }
        }
    }

    private void started(String path, StreamInfo info) throws Exception {
        if (info == null || !wanted(path)) {
            return;
        }
        if (activePath != null && !activePath.equals(path)) {
            ignore(path);
            return;
        }
        closeSenders();
        activePath = path;
        timeline = new RtpSender.Timeline();
        InetAddress host = InetAddress.getByName(config.getHost());
        String which = config.getTrack() == null ? "all" : config.getTrack().toLowerCase(Locale.ROOT);
        info.video().filter(t -> !which.equals("audio")).ifPresent(t -> add(t, host, config.getPort(), config.getVideoPayloadType()));
        int audioPort = which.equals("all") ? config.getPort() + AUDIO_PORT_OFFSET : config.getPort();
        info.audio().filter(t -> !which.equals("video"))
                .ifPresent(t -> add(t, host, audioPort, audioPayloadType(t)));
        if (senders.isEmpty()) {
            LOG.warn("rtp producer {}: stream {} has no {} track RTP can carry", endpoint.getEndpointUri(), path, which);
            activePath = null;
            return;
        }
        SessionDescription sdp = RtpSender.sessionDescription(path, new ArrayList<>(senders.values()));
        sdpText = sdp.encode();
        if (config.getSdpFile() != null && !config.getSdpFile().isBlank()) {
            Path file = Path.of(config.getSdpFile());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sdpText);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.info("rtp producer: sending {} to {}:{} ({} tracks), SDP {}{}", path, config.getHost(), config.getPort(),
                senders.size(), RtpComponent.SDP_BASE_PATH + "/" + config.effectiveSdpName() + ".sdp",
                config.getSdpFile() == null ? "" : " and " + config.getSdpFile());
    }

    private int audioPayloadType(Track t) {
        if (t.codec() == Codec.PCMU) {
            return 0;
        }
        return t.codec() == Codec.PCMA ? 8 : config.getAudioPayloadType();
    }

    private void add(Track t, InetAddress host, int port, int pt) {
        try {
            senders.put(t.id(), new RtpSender(endpoint.getComponent().receiver().nextLoop(), t,
                    new InetSocketAddress(host, port), pt, config.getMtu(), timeline));
        } catch (IllegalArgumentException e) {
            LOG.warn("rtp producer {}: track {} ({}) is not sent: {}", endpoint.getEndpointUri(), t.id(), t.codec(), e.getMessage());
        }
    }

    private void frame(String path, MediaFrame frame) {
        if (frame == null || activePath == null || !activePath.equals(path)) {
            return;
        }
        RtpSender s = senders.get(frame.track().id());
        if (s == null || (frame.track().mediaType() != MediaType.VIDEO && frame.track().mediaType() != MediaType.AUDIO)) {
            return;
        }
        s.send(frame);
    }

    private void ended(String path) {
        if (activePath != null && activePath.equals(path)) {
            closeSenders();
        }
        ignoredLogged.remove(path);
    }

    private boolean wanted(String path) {
        return config.getSendStream() == null || config.getSendStream().isBlank() || config.getSendStream().equals(path);
    }

    private void ignore(String path) {
        if (ignoredLogged.add(path)) {
            LOG.warn("rtp producer {}: sending {}; stream {} is ignored", endpoint.getEndpointUri(), activePath, path);
        }
    }

    private void closeSenders() {
        senders.values().forEach(RtpSender::close);
        senders.clear();
        activePath = null;
    }

    /** The senders of the live stream (tests). */
    synchronized List<RtpSender> senders() {
        return List.copyOf(senders.values());
    }

    String sdpText() {
        return sdpText;
    }
}
