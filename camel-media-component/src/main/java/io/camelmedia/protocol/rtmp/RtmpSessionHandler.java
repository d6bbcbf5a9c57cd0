package io.camelmedia.protocol.rtmp;

import static io.camelmedia.protocol.rtmp.RtmpStatus.ERROR;
import static io.camelmedia.protocol.rtmp.RtmpStatus.STATUS;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.format.amf.Amf0Decoder;
import io.camelmedia.format.amf.AmfException;
import io.camelmedia.format.amf.AmfUndefined;
import io.camelmedia.format.flv.FlvException;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.StreamRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP session of one publisher (RTMP 1.0 §7.2; message sequence of §7.3.2 "Publish Recorded Video"):
 * connect → (releaseStream, FCPublish) → createStream → publish → @setDataFrame/audio/video → (FCUnpublish)
 * deleteStream. Answers protocol and user control messages, hands media to the stream's
 * {@link FlvStreamAssembler}, and ends the stream on every kind of disconnect. Releases each message
 * (SimpleChannelInboundHandler); audio and video bodies are copied once into a byte[] the assembler owns.
 */
public final class RtmpSessionHandler extends SimpleChannelInboundHandler<RtmpMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);

    /** createStream calls per connection: a publisher needs one, OBS and ffmpeg create exactly one. */
    static final int MAX_STREAMS_PER_CONNECTION = 8;
    /** What Adobe Media Server answers; clients (librtmp) only print it. */
    static final String FMS_VERSION = "FMS/3,0,1,123";
    /** capabilities 31, as FMS / nginx-rtmp / SRS report. */
    static final double CAPABILITIES = 31;
    /** Messages held while a publish is authorized: reading is paused, so only one read's worth (64 KiB) comes. */
    static final int MAX_HELD_MESSAGES = 1024;

    private final RtmpServerConfig config;
    private final MediaListener listener;
    private final RtmpServerStats stats;
    private final RtmpByteCounter counter;
    private String app;
    private int streamsCreated;
    private RtmpPublication publication;
    /** True from a publish command until its auth decision arrives. */
    private boolean authorizing;
    private final ArrayDeque<RtmpMessage> held = new ArrayDeque<>();

    public RtmpSessionHandler(RtmpServerConfig config, MediaListener listener, RtmpServerStats stats,
                              RtmpByteCounter counter) {
        this.config = config;
        this.listener = listener;
        this.stats = stats;
        this.counter = counter;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        stats.connectionOpened();
        if (stats.activeConnections() > config.maxConnections()) {
            stats.reject(ctx.channel(), RtmpRejectReason.TOO_MANY_CONNECTIONS, "more than "
                    + config.maxConnections() + " connections");
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stats.connectionClosed();
        RtmpRejectReason rejected = RtmpServerStats.rejectedReason(ctx.channel());
        endPublication(rejected == null ? "publisher disconnected" : "connection rejected: " + rejected);
        releaseHeld();
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtmpMessage msg) {
        if (authorizing) {
            hold(ctx, msg);
            return;
        }
        stats.messageIn();
        if (RtmpServerStats.rejectedReason(ctx.channel()) != null) {
            return; // closing: whatever the peer pipelined after the fault is dropped
        }
        switch (msg.typeId()) {
            case RtmpMessageType.USER_CONTROL -> userControl(ctx, msg.payload());
            case RtmpMessageType.WINDOW_ACK_SIZE -> counter.window(RtmpProtocolControl.readValue(msg));
            case RtmpMessageType.AUDIO, RtmpMessageType.VIDEO -> media(msg.typeId(), msg.timestamp(), msg.payload());
            case RtmpMessageType.DATA_AMF0, RtmpMessageType.DATA_AMF3 -> data(msg.payload(), msg.typeId());
            case RtmpMessageType.COMMAND_AMF0, RtmpMessageType.COMMAND_AMF3 -> command(ctx, msg);
            case RtmpMessageType.AGGREGATE -> RtmpAggregateMessage.split(msg, this::subMessage);
            default -> LOG.debug("RTMP {}: ignoring message type {}", ctx.channel().remoteAddress(),
                    RtmpMessageType.describe(msg.typeId())); // Acknowledgement, Set Peer Bandwidth, shared objects
        }
    }

    /* While the publish is being authorized reading is paused; what was already decoded waits here, bounded. */
    private void hold(ChannelHandlerContext ctx, RtmpMessage msg) {
        if (held.size() >= MAX_HELD_MESSAGES) {
            throw new RtmpException(RtmpRejectReason.COMMAND_PROTOCOL, "more than " + MAX_HELD_MESSAGES
                    + " messages while the publish was being authorized");
        }
        held.add((RtmpMessage) msg.retain());
    }

    private void subMessage(int typeId, long timestamp, ByteBuf payload) {
        switch (typeId) {
            case RtmpMessageType.AUDIO, RtmpMessageType.VIDEO -> media(typeId, timestamp, payload);
            case RtmpMessageType.DATA_AMF0 -> data(payload, typeId);
            default -> LOG.debug("RTMP: ignoring aggregate sub-message type {}", RtmpMessageType.describe(typeId));
        }
    }

    /* ---- user control (§6.2) ---- */

    private void userControl(ChannelHandlerContext ctx, ByteBuf p) {
        if (p.readableBytes() < UserControlEvent.EVENT_TYPE_LENGTH) {
            return; // too short to mean anything; tolerated like the other events we do not use
        }
        int event = p.getUnsignedShort(p.readerIndex());
        if (event == UserControlEvent.PING_REQUEST && p.readableBytes() >= UserControlEvent.EVENT_TYPE_LENGTH + 4) {
            int time = p.getInt(p.readerIndex() + UserControlEvent.EVENT_TYPE_LENGTH);
            ctx.writeAndFlush(UserControlEvent.pingResponse(ctx.alloc(), time));
        }
        // SetBufferLength, PingResponse, Stream* events: nothing to do for a publisher's server
    }

    /* ---- media ---- */

    private void media(int typeId, long timestamp, ByteBuf payload) {
        if (publication == null || !payload.isReadable()) {
            return; // media before publish (or after unpublish) and empty bodies carry nothing we can use
        }
        byte[] body = ByteBufUtil.getBytes(payload);
        if (typeId == RtmpMessageType.VIDEO) {
            publication.assembler.video(timestamp, body, 0, body.length);
        } else {
            publication.assembler.audio(timestamp, body, 0, body.length);
        }
    }

    /* ---- data (§7.1.2): [@setDataFrame] onMetaData {properties} ---- */

    private void data(ByteBuf payload, int typeId) {
        List<Object> values = Amf0Decoder.DEFAULT.decodeAll(RtmpCommand.amf0Body(payload, typeId));
        int i = !values.isEmpty() && "@setDataFrame".equals(values.get(0)) ? 1 : 0;
        if (publication != null && values.size() > i + 1 && "onMetaData".equals(values.get(i))
                && values.get(i + 1) instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) map;
            publication.assembler.metadata(properties);
        }
    }

    /* ---- commands (§7.2) ---- */

    private void command(ChannelHandlerContext ctx, RtmpMessage msg) {
        RtmpCommand cmd = RtmpCommand.decode(msg.payload(), msg.typeId(), Amf0Decoder.DEFAULT);
        LOG.debug("RTMP {}: {}", ctx.channel().remoteAddress(), cmd);
        switch (cmd.name()) {
            case "connect" -> connect(ctx, cmd);
            case "releaseStream" -> reply(ctx, cmd, "_result", null, AmfUndefined.INSTANCE);
            case "FCPublish" -> fcPublish(ctx, cmd);
            case "createStream" -> createStream(ctx, cmd);
            case "publish" -> publish(ctx, cmd, msg.messageStreamId());
            case "FCUnpublish" -> {
                endPublication("publisher unpublished");
                reply(ctx, cmd, "_result", null, AmfUndefined.INSTANCE);
            }
            case "deleteStream" -> deleteStream(cmd);
            case "closeStream" -> endPublication("publisher closed the stream");
            case "play", "play2" -> playUnsupported(ctx, cmd, msg.messageStreamId());
            // tolerated: bandwidth checks, player calls and answers to calls we never make
            case "_checkbw", "getStreamLength", "receiveAudio", "receiveVideo", "pause", "seek",
                 "_result", "_error", "onStatus", "onBWDone", "setPeerInfo" -> LOG.debug("RTMP: ignoring {}", cmd.name());
            default -> unknownCommand(ctx, cmd);
        }
    }

    /*
     * connect (§7.2.1.1): answered with Window Acknowledgement Size, Set Peer Bandwidth, Set Chunk Size and
     * _result(properties, information), in nginx-rtmp's order. An Enhanced RTMP client's fourCcList is echoed in
     * the properties: we forward every codec, so everything it offers is accepted (E-RTMP v2, "Enhancing
     * NetConnection connect Command").
     */
    private void connect(ChannelHandlerContext ctx, RtmpCommand cmd) {
        if (app != null) {
            throw new RtmpException(RtmpRejectReason.COMMAND_PROTOCOL, "second connect on one connection");
        }
        String requested = cmd.property("app") instanceof String s ? normalizeApp(s) : "";
        if (requested.isEmpty()) {
            throw new RtmpException(RtmpRejectReason.COMMAND_PROTOCOL, "connect without an app name");
        }
        if (config.app() != null && !config.app().equals(requested)) {
            reply(ctx, cmd, "_error", null, RtmpStatus.info(ERROR, RtmpStatus.CONNECT_REJECTED,
                    "application '" + requested + "' is not served here"));
            stats.reject(ctx.channel(), RtmpRejectReason.APP_REJECTED, "connect to app '" + requested
                    + "', only '" + config.app() + "' is served");
            return;
        }
        app = requested;
        ctx.write(RtmpProtocolControl.windowAckSize(ctx.alloc(), RtmpServerConfig.WINDOW_ACK_SIZE));
        ctx.write(RtmpProtocolControl.setPeerBandwidth(ctx.alloc(), RtmpServerConfig.WINDOW_ACK_SIZE,
                RtmpProtocolControl.LIMIT_TYPE_DYNAMIC));
        ctx.write(RtmpProtocolControl.setChunkSize(ctx.alloc(), RtmpServerConfig.OUT_CHUNK_SIZE));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", FMS_VERSION);
        properties.put("capabilities", CAPABILITIES);
        if (cmd.property("fourCcList") instanceof List<?> fourCcs) {
            properties.put("fourCcList", fourCcs);
        }
        Map<String, Object> information = RtmpStatus.info(STATUS, RtmpStatus.CONNECT_SUCCESS, "Connection succeeded.");
        information.put("objectEncoding", 0.0);
        reply(ctx, cmd, "_result", properties, information);
        counter.startAcknowledging();
    }

    /** {@code live/}, {@code live?token=x} → {@code live}: OBS and some URLs add them. */
    static String normalizeApp(String app) {
        int q = app.indexOf('?');
        String s = q >= 0 ? app.substring(0, q) : app;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return s;
    }

    private void fcPublish(ChannelHandlerContext ctx, RtmpCommand cmd) {
        String name = String.valueOf(cmd.stringArgument(0));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("code", RtmpStatus.PUBLISH_START);
        info.put("description", name);
        ctx.write(RtmpCommand.of("onFCPublish", 0, null, info).toMessage(ctx.alloc(), 0));
        reply(ctx, cmd, "_result", null, AmfUndefined.INSTANCE);
    }

    /* createStream (§7.2.1.3): _result(null, stream id). Ids start at 1; 0 is the NetConnection. */
    private void createStream(ChannelHandlerContext ctx, RtmpCommand cmd) {
        requireConnected(cmd);
        if (streamsCreated >= MAX_STREAMS_PER_CONNECTION) {
            throw new RtmpException(RtmpRejectReason.COMMAND_PROTOCOL, "createStream number " + (streamsCreated + 1)
                    + ", limit " + MAX_STREAMS_PER_CONNECTION + " per connection");
        }
        streamsCreated++;
        reply(ctx, cmd, "_result", null, (double) streamsCreated);
    }

    /* publish (§7.2.2.6): publish(txn, null, name, type) → StreamBegin, onStatus NetStream.Publish.Start. */
    private void publish(ChannelHandlerContext ctx, RtmpCommand cmd, int streamId) {
        requireConnected(cmd);
        if (publication != null) {
            throw new RtmpException(RtmpRejectReason.COMMAND_PROTOCOL, "second publish on one connection");
        }
        String raw = cmd.stringArgument(0);
        RtmpStreamName name = raw == null ? null : RtmpStreamName.parse(raw);
        if (name == null || name.name().isEmpty()) {
            publishRefused(ctx, streamId, RtmpStatus.PUBLISH_BAD_NAME, RtmpRejectReason.COMMAND_PROTOCOL,
                    "publish without a stream name");
            return;
        }
        String remote = String.valueOf(ctx.channel().remoteAddress());
        // a name without ?key= is the key itself (OBS) when publishing needs keys: the key names the path, never
        // the other way round, so the secret is not the public stream name
        boolean nameIsKey = name.key() == null && !config.authenticator().isOpen(AuthAction.PUBLISH);
        AuthRequest request = new AuthRequest(AuthAction.PUBLISH, "rtmp", nameIsKey ? null : name.path(app),
                name.key() != null ? name.key() : nameIsKey ? name.name() : null, remote);
        authorizing = true;
        ctx.channel().config().setAutoRead(false);
        config.authenticator().authorize(request).whenComplete((d, e) -> {
            Runnable go = () -> authorized(ctx, streamId, remote, d != null ? d : AuthDecision.deny(String.valueOf(e)));
            if (ctx.channel().eventLoop().inEventLoop()) {
                go.run(); // decided at once (static keys): go on in this read
            } else {
                ctx.channel().eventLoop().execute(go);
            }
        });
    }

    /* The decision arrived (on the channel's loop): publish or refuse, then the messages held meanwhile. */
    private void authorized(ChannelHandlerContext ctx, int streamId, String remote, AuthDecision d) {
        authorizing = false;
        try {
            if (ctx.channel().isActive()) {
                startPublication(ctx, streamId, remote, d);
                while (!held.isEmpty() && RtmpServerStats.rejectedReason(ctx.channel()) == null && !authorizing) {
                    RtmpMessage m = held.poll();
                    try {
                        channelRead0(ctx, m);
                    } finally {
                        m.release();
                    }
                }
            }
        } catch (RuntimeException e) {
            ctx.pipeline().fireExceptionCaught(e);
        } finally {
            if (!authorizing) {
                releaseHeld();
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    private void startPublication(ChannelHandlerContext ctx, int streamId, String remote, AuthDecision d) {
        if (!d.allowed()) {
            publishRefused(ctx, streamId, RtmpStatus.PUBLISH_BAD_NAME, RtmpRejectReason.UNAUTHORIZED,
                    "publish refused: " + d.reason());
            return;
        }
        String path = d.path();
        StreamRegistry.Claim claim = config.registry().claim(path, this);
        if (claim == StreamRegistry.Claim.ALREADY_PUBLISHING) {
            publishRefused(ctx, streamId, RtmpStatus.PUBLISH_BAD_NAME, RtmpRejectReason.ALREADY_PUBLISHING,
                    path + " is already being published");
            return;
        }
        if (claim == StreamRegistry.Claim.TOO_MANY_STREAMS) {
            publishRefused(ctx, streamId, RtmpStatus.PUBLISH_FAILED, RtmpRejectReason.TOO_MANY_STREAMS,
                    "too many live streams for " + path);
            return;
        }
        publication = new RtmpPublication(path, streamId,
                new FlvStreamAssembler(path, listener, config.maxFrameSize()), config.registry(), this);
        ctx.write(UserControlEvent.streamBegin(ctx.alloc(), streamId));
        Map<String, Object> info = RtmpStatus.info(STATUS, RtmpStatus.PUBLISH_START, path + " is now published.");
        info.put("details", path);
        ctx.writeAndFlush(RtmpCommand.of("onStatus", 0, null, info).toMessage(ctx.alloc(), streamId));
        stats.publishStarted();
        LOG.info("RTMP {} publishing {}", remote, path);
    }

    private void releaseHeld() {
        RtmpMessage m;
        while ((m = held.poll()) != null) {
            m.release();
        }
    }

    private void publishRefused(ChannelHandlerContext ctx, int streamId, String code, RtmpRejectReason reason,
                                String description) {
        ctx.write(RtmpCommand.of("onStatus", 0, null, RtmpStatus.info(ERROR, code, description))
                .toMessage(ctx.alloc(), streamId));
        stats.reject(ctx.channel(), reason, description);
    }

    private void deleteStream(RtmpCommand cmd) {
        Double id = cmd.numberArgument(0);
        if (publication != null && (id == null || id.intValue() == publication.messageStreamId)) {
            endPublication("publisher deleted the stream");
        }
    }

    private void playUnsupported(ChannelHandlerContext ctx, RtmpCommand cmd, int streamId) {
        ctx.write(RtmpCommand.of("onStatus", 0, null, RtmpStatus.info(ERROR, RtmpStatus.PLAY_FAILED,
                "playback not supported by this endpoint yet")).toMessage(ctx.alloc(), streamId));
        stats.reject(ctx.channel(), RtmpRejectReason.PLAY_UNSUPPORTED, "play '" + cmd.stringArgument(0)
                + "': playback not supported by this endpoint yet");
    }

    private void unknownCommand(ChannelHandlerContext ctx, RtmpCommand cmd) {
        String name = cmd.name().length() > 64 ? cmd.name().substring(0, 64) + "..." : cmd.name();
        reply(ctx, cmd, "_error", null, RtmpStatus.info(ERROR, RtmpStatus.CALL_FAILED, "unknown command '" + name + "'"));
        stats.reject(ctx.channel(), RtmpRejectReason.UNKNOWN_COMMAND, "unknown command '" + name + "'");
    }

    private void requireConnected(RtmpCommand cmd) {
        if (app == null) {
            throw new RtmpException(RtmpRejectReason.COMMAND_PROTOCOL, cmd.name() + " before connect");
        }
    }

    private void reply(ChannelHandlerContext ctx, RtmpCommand cmd, String name, Object object, Object argument) {
        ctx.writeAndFlush(RtmpCommand.of(name, cmd.transactionId(), object, argument).toMessage(ctx.alloc(), 0));
    }

    private void endPublication(String reason) {
        if (publication != null) {
            RtmpPublication p = publication;
            publication = null;
            p.end(reason);
        }
    }

    /* ---- failures: one line, one counter, close ---- */

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && !(cause instanceof RtmpException)
                && !(cause instanceof AmfException) && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof RtmpException e) {
            stats.reject(ctx.channel(), e.reason(), e.getMessage());
        } else if (c instanceof AmfException e) {
            stats.reject(ctx.channel(), RtmpRejectReason.AMF, "AMF0: " + e.getMessage());
        } else if (c instanceof FlvException e) {
            stats.reject(ctx.channel(), RtmpRejectReason.MEDIA, "media: " + e.getMessage());
        } else if (c instanceof IOException) {
            LOG.debug("RTMP {}: {}", ctx.channel().remoteAddress(), c.toString());
            ctx.close();
        } else {
            LOG.warn("RTMP {}: internal error", ctx.channel().remoteAddress(), c);
            stats.reject(ctx.channel(), RtmpRejectReason.INTERNAL, c.toString());
        }
    }
}
