package io.camelmedia.camel.rtp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.camelmedia.camel.PlatformHttp;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.protocol.rtp.RtpInput;
import io.camelmedia.protocol.rtp.RtpInputConfig;
import io.camelmedia.protocol.rtp.RtpReceiver;
import io.camelmedia.protocol.rtp.RtpStreamAssembler;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rtp://host:port}: RTP over UDP. As a consumer it receives one input (codec from options or an SDP);
 * consumers with the same {@code stream} option join ONE stream with a track each (a registry on this
 * component), delivered through the route of the first of them. As a producer it sends the frames it gets as
 * RTP (+RTCP) and serves the SDP describing them at {@code /rtp/<sdpName>.sdp} over platform-http when present.
 */
@Component("rtp")
public class RtpComponent extends DefaultComponent {
    private static final Logger LOG = LoggerFactory.getLogger(RtpComponent.class);
    /** The HTTP path prefix the producers' SDPs are served under. */
    public static final String SDP_BASE_PATH = "/rtp";

    @Metadata(label = "advanced", defaultValue = "0",
              description = "Event loop threads receiving and sending RTP; 0 uses Netty's default (2 x cores)")
    private int eventLoopThreads;

    private RtpReceiver receiver;
    private final Map<String, SharedStream> streams = new ConcurrentHashMap<>();
    private final Map<String, Supplier<String>> sdps = new ConcurrentHashMap<>();
    private Consumer httpConsumer;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RtpConfiguration config = new RtpConfiguration();
        config.parseRemaining(remaining);
        RtpEndpoint endpoint = new RtpEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public int getEventLoopThreads() {
        return eventLoopThreads;
    }

    /** Event loop threads receiving and sending RTP; 0 uses Netty's default. */
    public void setEventLoopThreads(int eventLoopThreads) {
        this.eventLoopThreads = eventLoopThreads;
    }

    /** The receiver (and its event loops) every endpoint of this component shares. */
    synchronized RtpReceiver receiver() {
        if (receiver == null) {
            receiver = new RtpReceiver(eventLoopThreads);
        }
        return receiver;
    }

    /** Adds {@code consumer}'s input to the stream {@code path}, creating the stream for the first one. */
    synchronized RtpInput join(String path, RtpConsumer consumer, RtpInputConfig input, Duration inactivityTimeout) {
        SharedStream s = streams.computeIfAbsent(path, p -> new SharedStream(p, inactivityTimeout));
        s.consumers.add(consumer);
        try {
            return s.assembler.addInput(input);
        } catch (RuntimeException e) {
            leave(path, consumer, null);
            throw e;
        }
    }

    /** Removes the consumer's input; the last one closes the stream (ENDED). */
    synchronized void leave(String path, RtpConsumer consumer, RtpInput input) {
        SharedStream s = streams.get(path);
        if (s == null) {
            return;
        }
        s.consumers.remove(consumer);
        if (s.consumers.isEmpty()) {
            streams.remove(path);
            s.assembler.close();
        } else if (input != null) {
            s.assembler.removeInput(input);
        }
    }

    /** The assembler of a stream, for tests and metrics. */
    RtpStreamAssembler assembler(String path) {
        SharedStream s = streams.get(path);
        return s == null ? null : s.assembler;
    }

    /** Serves {@code sdp} at {@code /rtp/<name>.sdp} (when platform-http is present). */
    synchronized void serveSdp(String name, Supplier<String> sdp) throws Exception {
        sdps.put(name, sdp);
        if (httpConsumer != null) {
            return;
        }
        CamelContext context = getCamelContext();
        if (PlatformHttp.lookup(context) == null) {
            LOG.info("rtp: SDP {}.sdp not served over HTTP (no platform-http component); use sdpFile", name);
            return;
        }
        Endpoint ep = context.getEndpoint(PlatformHttp.COMPONENT + ":" + SDP_BASE_PATH + "?matchOnUriPrefix=true&httpMethodRestrict=GET,HEAD");
        Consumer c = ep.createConsumer(this::answerSdp);
        try {
            ServiceHelper.startService(c);
        } catch (RuntimeException e) {
            // platform-http is on the classpath but no HTTP server runs (a plain Camel context): the file still works
            LOG.info("rtp: SDP {}.sdp not served over HTTP ({}); use sdpFile", name, e.getMessage());
            return;
        }
        httpConsumer = c;
        LOG.info("rtp: producers' SDPs served at {}/<sdpName>.sdp", SDP_BASE_PATH);
    }

    void unserveSdp(String name) {
        sdps.remove(name);
    }

    /** The SDP text served under {@code name}, or null. */
    String sdp(String name) {
        Supplier<String> s = sdps.get(name);
        return s == null ? null : s.get();
    }

    private void answerSdp(Exchange exchange) {
        String uri = exchange.getIn().getHeader(Exchange.HTTP_URI, "", String.class);
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        String name = path.substring(path.lastIndexOf('/') + 1);
        name = name.endsWith(".sdp") ? name.substring(0, name.length() - 4) : name;
        String text = sdp(name);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, text == null ? 404 : 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, text == null ? "text/plain" : "application/sdp");
        exchange.getMessage().setHeader("Cache-Control", "no-cache");
        exchange.getMessage().setBody((text == null ? "no RTP output named " + name + " (or not started yet)\n" : text)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (httpConsumer != null) {
            ServiceHelper.stopService(httpConsumer);
            httpConsumer = null;
        }
        new ArrayList<>(streams.values()).forEach(s -> s.assembler.close());
        streams.clear();
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        super.doStop();
    }

    /** One stream fed by several consumers; its events go through the route of the first consumer. */
    private final class SharedStream implements MediaListener {
        private final List<RtpConsumer> consumers = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final RtpStreamAssembler assembler;

        SharedStream(String path, Duration inactivityTimeout) {
            this.assembler = new RtpStreamAssembler(path, receiver(), this, inactivityTimeout);
        }

        private RtpConsumer primary() {
            return consumers.isEmpty() ? null : consumers.get(0);
        }

        @Override
        public void started(StreamInfo info) {
            RtpConsumer c = primary();
            if (c != null) {
                c.started(info);
            }
        }

        @Override
        public void frame(String path, MediaFrame frame) {
            RtpConsumer c = primary();
            if (c != null) {
                c.frame(path, frame);
            }
        }

        @Override
        public void ended(String path, String reason) {
            RtpConsumer c = primary();
            if (c != null) {
                c.ended(path, reason);
            }
        }
    }
}
