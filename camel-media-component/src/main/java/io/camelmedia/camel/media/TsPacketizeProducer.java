package io.camelmedia.camel.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.camelmedia.camel.MediaExchanges;
import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.format.mpegts.TsException;
import io.camelmedia.format.mpegts.TsLiveWriter;
import io.camelmedia.frame.MediaEvent;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code media:remux?format=mpegts&packetSize=N}: each frame muxed at once ({@link TsLiveWriter}: tables before
 * video key frames, starting at one) and cut into datagrams of whole TS packets, at most {@code N} bytes; the body
 * becomes the {@code List<byte[]>} of them, for a {@code split} into {@code netty:udp}. STARTED, ENDED and frames
 * that produce nothing (before the first key frame, a track TS cannot carry) stop here. One writer per stream
 * (continuity counters live as long as the stream), bounded by maxStreams (least recently used dropped).
 */
final class TsPacketizeProducer extends DefaultProducer {
    static final int TS_PACKET = 188;
    /** Largest datagram: 348 TS packets fill a UDP payload over IPv4 (65 507 bytes); IP fragments above 1500. */
    static final int MAX_PACKET_SIZE = 65_507 / TS_PACKET * TS_PACKET;
    private static final Logger LOG = LoggerFactory.getLogger(TsPacketizeProducer.class);

    private final int datagramSize;
    private final Map<String, TsLiveWriter> writers;

    TsPacketizeProducer(MediaEndpoint endpoint, int packetSize) {
        super(endpoint);
        this.datagramSize = packetSize / TS_PACKET * TS_PACKET;
        this.writers = StreamStates.bounded(endpoint.getMaxStreams());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String path = in.getHeader(MediaHeaders.STREAM, "", String.class);
        MediaEvent event = MediaExchanges.event(exchange);
        exchange.setRouteStop(true);
        if (event == MediaEvent.STARTED) {
            start(path, in.getMandatoryBody(StreamInfo.class));
        } else if (event == MediaEvent.ENDED) {
            synchronized (writers) {
                writers.remove(path);
            }
        } else if (event == MediaEvent.FRAME) {
            TsLiveWriter w;
            synchronized (writers) {
                w = writers.get(path);
            }
            List<byte[]> datagrams = w == null ? List.of() : datagrams(w, in.getMandatoryBody(MediaFrame.class));
            if (!datagrams.isEmpty()) {
                exchange.getMessage().setBody(datagrams);
                exchange.setRouteStop(false);
            }
        }
    }

    private void start(String path, StreamInfo info) {
        TsLiveWriter w;
        try {
            w = new TsLiveWriter(info.tracks());
        } catch (TsException e) {
            LOG.warn("media:remux {}: {}", path, e.getMessage());
            return;
        }
        if (!w.leftOut().isEmpty()) {
            LOG.info("media:remux {}: {} not carried over MPEG-TS", path, w.leftOut().stream().map(t -> t.codec().name()).toList());
        }
        synchronized (writers) {
            writers.put(path, w);
        }
    }

    private List<byte[]> datagrams(TsLiveWriter w, MediaFrame f) {
        ByteBuf out = Unpooled.buffer(f.payloadLength() + 1024);
        try {
            if (!w.write(f, out)) {
                return List.of();
            }
        } catch (TsException e) {
            LOG.debug("media:remux: frame not muxed: {}", e.getMessage());
            return List.of();
        }
        List<byte[]> list = new ArrayList<>(out.readableBytes() / datagramSize + 1);
        while (out.isReadable()) {
            byte[] d = new byte[Math.min(datagramSize, out.readableBytes())];
            out.readBytes(d);
            list.add(d);
        }
        return list;
    }
}
