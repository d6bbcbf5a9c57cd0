package io.camelmedia.protocol.rtmp;

import static io.camelmedia.protocol.rtmp.RtmpTestPeer.command;
import static io.camelmedia.protocol.rtmp.RtmpTestPeer.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import java.util.Set;

import io.camelmedia.format.amf.AmfUndefined;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.hub.AuthAction;
import io.camelmedia.hub.AuthDecision;
import io.camelmedia.hub.AuthRequest;
import io.camelmedia.hub.Authenticator;
import io.camelmedia.hub.KeyRules;
import io.camelmedia.hub.StreamRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session on an EmbeddedChannel (no handshake): the command flow of ffmpeg/OBS and its refusals. */
class RtmpSessionHandlerTest {
    private final RtmpServerStats stats = new RtmpServerStats();
    private final StreamRegistry registry = new StreamRegistry();
    private final List<String> authCalls = new ArrayList<>();
    private final RtmpTestPeer peer = new RtmpTestPeer();
    private final MediaListener listener = new MediaListener() {
        @Override
        public void started(StreamInfo info) {
        }

        @Override
        public void frame(String path, MediaFrame frame) {
        }

        @Override
        public void ended(String path, String reason) {
        }
    };
    private EmbeddedChannel server;

    private EmbeddedChannel server(RtmpServerConfig.Builder config) {
        RtmpServerConfig c = config.registry(registry).build();
        RtmpByteCounter counter = new RtmpByteCounter(stats, RtmpServerConfig.WINDOW_ACK_SIZE);
        server = new EmbeddedChannel(counter, new RtmpChunkDecoder(c.maxMessageSize()), new RtmpChunkEncoder(),
                new RtmpSessionHandler(c, listener, stats, counter));
        return server;
    }

    private List<RtmpTestPeer.Received> send(RtmpMessage... messages) {
        server.writeInbound(Unpooled.wrappedBuffer(peer.encode(messages)));
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = server.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        return peer.decode(all);
    }

    @AfterEach
    void tearDown() {
        peer.close();
        if (server != null) {
            server.finishAndReleaseAll();
        }
    }

    @Test
    void connectIsAnsweredLikeNginxRtmp() {
        server(RtmpServerConfig.builder());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("app", "live/");
        o.put("tcUrl", "rtmp://127.0.0.1/live");
        o.put("fourCcList", List.of("av01", "vp09", "hvc1"));
        List<RtmpTestPeer.Received> r = send(command(0, "connect", 1, o));

        // Set Chunk Size is consumed by the peer's chunk decoder, so it shows as the chunk size it now reads with
        assertEquals(List.of(RtmpMessageType.WINDOW_ACK_SIZE, RtmpMessageType.SET_PEER_BANDWIDTH,
                RtmpMessageType.COMMAND_AMF0), r.stream().map(m -> m.typeId()).toList());
        assertEquals(4096, peer.serverChunkSize());
        RtmpTestPeer.Received result = r.get(2);
        assertEquals("_result", result.commandName());
        assertEquals(1.0, result.values().get(1));
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) result.values().get(2);
        assertEquals("FMS/3,0,1,123", properties.get("fmsVer"));
        assertEquals(List.of("av01", "vp09", "hvc1"), properties.get("fourCcList"), "E-RTMP fourCcList echoed");
        assertEquals("NetConnection.Connect.Success", result.info().get("code"));
        assertEquals(0.0, result.info().get("objectEncoding"));
    }

    @Test
    void fullPublishFlowClaimsAndReleasesThePath() {
        server(RtmpServerConfig.builder().app("live").authenticator(new Authenticator() {
            @Override
            public CompletionStage<AuthDecision> authorize(AuthRequest req) {
                authCalls.add(req.path() + " " + req.key());
                return CompletableFuture.completedFuture(AuthDecision.allow(req));
            }

            @Override
            public boolean isOpen(AuthAction action) {
                return false;
            }
        }));
        send(connect("live"));
        List<RtmpTestPeer.Received> r = send(command(0, "releaseStream", 2, null, "test?key=secret"),
                command(0, "FCPublish", 3, null, "test?key=secret"), command(0, "createStream", 4, null));
        assertEquals(List.of("_result", "onFCPublish", "_result", "_result"), r.stream().map(m -> m.commandName()).toList());
        assertEquals(AmfUndefined.INSTANCE, r.get(0).values().get(3));
        assertEquals(1.0, r.get(3).values().get(3), "createStream gives stream id 1");

        r = send(command(1, "publish", 5, null, "test?key=secret", "live"));
        assertEquals(RtmpMessageType.USER_CONTROL, r.get(0).typeId(), "StreamBegin");
        assertEquals(List.of(0, 0, 0, 0, 0, 1), toList(r.get(0).body()));
        assertEquals("onStatus", r.get(1).commandName());
        assertEquals(1, r.get(1).messageStreamId());
        assertEquals("NetStream.Publish.Start", r.get(1).info().get("code"));
        assertEquals(List.of("live/test secret"), authCalls);
        assertTrue(registry.isLive("live/test"));
        assertEquals(1, stats.publishes());

        send(command(0, "FCUnpublish", 6, null, "test"), command(0, "deleteStream", 7, null, 1.0));
        assertFalse(registry.isLive("live/test"), "released at FCUnpublish/deleteStream");
        assertTrue(server.isOpen());
    }

    @Test
    void disconnectReleasesThePathSoAReconnectCanPublishAtOnce() {
        server(RtmpServerConfig.builder());
        send(connect("live"), command(0, "createStream", 2, null), command(1, "publish", 3, null, "cam", "live"));
        assertTrue(registry.isLive("live/cam"));
        server.close();
        assertFalse(registry.isLive("live/cam"));
    }

    @Test
    void secondPublisherOfALivePathGetsBadName() {
        registry.claim("live/test", new Object());
        server(RtmpServerConfig.builder());
        List<RtmpTestPeer.Received> r = send(connect("live"), command(0, "createStream", 2, null),
                command(1, "publish", 3, null, "test", "live"));
        RtmpTestPeer.Received last = r.get(r.size() - 1);
        assertEquals("NetStream.Publish.BadName", last.info().get("code"));
        assertEquals("error", last.info().get("level"));
        assertFalse(server.isOpen());
        assertEquals(1, stats.rejected(RtmpRejectReason.ALREADY_PUBLISHING));
        assertTrue(registry.isLive("live/test"), "the first publisher keeps the path");
    }

    @Test
    void unknownKeyGetsBadName() {
        server(RtmpServerConfig.builder().authenticator(KeyRules.parse("*=good", null, null)));
        List<RtmpTestPeer.Received> r = send(connect("live"), command(0, "createStream", 2, null),
                command(1, "publish", 3, null, "test?key=bad", "live"));
        assertEquals("NetStream.Publish.BadName", r.get(r.size() - 1).info().get("code"));
        assertEquals(1, stats.rejected(RtmpRejectReason.UNAUTHORIZED));
        assertFalse(registry.isLive("live/test"));
        assertFalse(server.isOpen());
    }

    @Test
    void otherAppIsRejectedAtConnect() {
        server(RtmpServerConfig.builder().app("live"));
        List<RtmpTestPeer.Received> r = send(connect("vod"));
        assertEquals("_error", r.get(0).commandName());
        assertEquals("NetConnection.Connect.Rejected", r.get(0).info().get("code"));
        assertEquals(1, stats.rejected(RtmpRejectReason.APP_REJECTED));
        assertFalse(server.isOpen());
    }

    @Test
    void unknownCommandGetsErrorThenClose() {
        server(RtmpServerConfig.builder());
        List<RtmpTestPeer.Received> r = send(connect("live"), command(0, "launchMissiles", 2, null));
        RtmpTestPeer.Received last = r.get(r.size() - 1);
        assertEquals("_error", last.commandName());
        assertEquals("unknown command 'launchMissiles'", last.info().get("description"));
        assertEquals(1, stats.rejected(RtmpRejectReason.UNKNOWN_COMMAND));
        assertFalse(server.isOpen());
    }

    @Test
    void playIsAnsweredWithPlayFailed() {
        server(RtmpServerConfig.builder());
        List<RtmpTestPeer.Received> r = send(connect("live"), command(0, "createStream", 2, null),
                command(1, "play", 3, null, "test"));
        RtmpTestPeer.Received last = r.get(r.size() - 1);
        assertEquals("NetStream.Play.Failed", last.info().get("code"));
        assertEquals("playback not supported by this endpoint yet", last.info().get("description"));
        assertEquals(1, stats.rejected(RtmpRejectReason.PLAY_UNSUPPORTED));
    }

    @Test
    void publishBeforeConnectIsAProtocolError() {
        server(RtmpServerConfig.builder());
        send(command(1, "publish", 3, null, "test", "live"));
        assertEquals(1, stats.rejected(RtmpRejectReason.COMMAND_PROTOCOL));
        assertFalse(server.isOpen());
    }

    @Test
    void toleratedCommandsAndEventsKeepTheConnection() {
        server(RtmpServerConfig.builder());
        RtmpMessage setBufferLength = new RtmpMessage(2, 0, RtmpMessageType.USER_CONTROL, 0,
                Unpooled.buffer().writeShort(UserControlEvent.SET_BUFFER_LENGTH).writeInt(1).writeInt(3000));
        send(connect("live"), command(0, "_checkbw", 2, null), command(0, "getStreamLength", 3, null, "x"),
                setBufferLength, new RtmpMessage(2, 0, 99, 0, Unpooled.buffer().writeInt(1)));
        assertTrue(server.isOpen());
        assertEquals(0, stats.rejected().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void pingRequestIsAnswered() {
        server(RtmpServerConfig.builder());
        List<RtmpTestPeer.Received> r = send(UserControlEvent.pingRequest(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, 1234));
        assertEquals(1, r.size());
        assertEquals(List.of(0, 7, 0, 0, 4, 210), toList(r.get(0).body()), "PingResponse echoing 1234");
    }

    @Test
    void acknowledgementWhenThePeersWindowIsCrossed() {
        server(RtmpServerConfig.builder());
        send(connect("live"), RtmpProtocolControl.windowAckSize(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, 1000));
        long before = server.pipeline().get(RtmpByteCounter.class).total();
        assertTrue(before < 1000);
        RtmpMessage big = new RtmpMessage(3, 0, 99, 0, Unpooled.buffer().writeZero(1200));
        List<RtmpTestPeer.Received> r = send(big);
        assertEquals(1, r.size());
        assertEquals(RtmpMessageType.ACKNOWLEDGEMENT, r.get(0).typeId());
        long total = server.pipeline().get(RtmpByteCounter.class).total();
        assertEquals(total, Unpooled.wrappedBuffer(r.get(0).body()).readUnsignedInt(), "sequence number = bytes received");
    }

    @Test
    void malformedAmfClosesWithTheAmfReason() {
        server(RtmpServerConfig.builder());
        RtmpMessage bad = new RtmpMessage(3, 0, RtmpMessageType.COMMAND_AMF0, 0,
                Unpooled.buffer().writeByte(0x02).writeShort(100).writeByte('a'));
        send(bad);
        assertEquals(1, stats.rejected(RtmpRejectReason.AMF));
        assertFalse(server.isOpen());
        assertNull(server.readInbound());
    }

    private static List<Integer> toList(byte[] b) {
        List<Integer> l = new ArrayList<>();
        for (byte x : b) {
            l.add(x & 0xFF);
        }
        return l;
    }
}
