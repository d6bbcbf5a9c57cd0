package io.camelmedia.protocol.rtmp;

import static io.camelmedia.protocol.rtmp.RtmpTestPeer.command;
import static io.camelmedia.protocol.rtmp.RtmpTestPeer.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import io.camelmedia.format.amf.Amf0Encoder;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaListener;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;
import io.camelmedia.testing.FrameMd5Comparator;
import io.camelmedia.testing.RecordingMediaListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile clients next to a normal ffmpeg publisher: each gets its own connection closed with its own reason
 * (counted, logged once), the normal stream stays complete, and nothing is left behind.
 */
class RtmpServerBadInputTest {
    private static final int NORMAL_SECONDS = 10;
    private static final long CLOSE_WITHIN_MS = 4000;

    @TempDir
    Path dir;

    private final StreamRecorder recorder = new StreamRecorder();

    @Test
    void badClientsAreClosedOneByOneWhileANormalStreamGoesOn() throws Exception {
        RtmpServerConfig config = RtmpServerConfig.builder().host("127.0.0.1").port(0)
                .handshakeTimeout(Duration.ofMillis(1000)).idleTimeout(Duration.ofMillis(1500)).build();
        // the normal stream: a real H.264 + AAC file published in real time, checked frame-exact at the end
        Path source = dir.resolve("normal.flv");
        Ffmpeg.run(120, RtmpServerFfmpegTest.publish(source.toString(), NORMAL_SECONDS, false)).requireSuccess();
        FrameMd5 reference = FrameMd5.ofPackets(source);
        RecordingMediaListener frames = new RecordingMediaListener();
        MediaListener both = new MediaListener() {
            @Override
            public void started(StreamInfo info) {
                recorder.started(info);
                frames.started(info);
            }

            @Override
            public void frame(String path, MediaFrame frame) {
                recorder.frame(path, frame);
                frames.frame(path, frame);
            }

            @Override
            public void ended(String path, String reason) {
                recorder.ended(path, reason);
                frames.ended(path, reason);
            }
        };
        try (RtmpServer server = new RtmpServer(config, both).start();
             Ffmpeg.Running normal = Ffmpeg.start(dir.resolve("normal.log"), "-loglevel", "info", "-re", "-copyts",
                     "-i", source.toString(), "-c", "copy", "-f", "flv",
                     "rtmp://127.0.0.1:" + server.port() + "/live/normal")) {
            StreamRecorder.Stream stream = recorder.stream("live/normal");
            assertTrue(stream.awaitStarted(20), normal.logTail());
            int port = server.port();
            RtmpServerStats stats = server.stats();

            // random bytes instead of a handshake
            byte[] random = new byte[4096];
            new Random(7).nextBytes(random);
            random[0] = (byte) 0x9A;
            expectClosed(port, c -> c.send(random), stats, RtmpRejectReason.HANDSHAKE_VERSION);

            // a handshake cut short by the client
            try (RtmpRawClient c = new RtmpRawClient(port)) {
                byte[] partial = new byte[101];
                partial[0] = 3;
                c.send(partial);
            }
            awaitCount(stats, RtmpRejectReason.HANDSHAKE_TRUNCATED, 1);

            // a handshake that stalls
            expectClosed(port, c -> c.send(new byte[] {3, 0, 0, 0}), stats, RtmpRejectReason.HANDSHAKE_TIMEOUT);

            // Set Chunk Size 0 and above 16 MiB
            expectClosed(port, c -> c.handshake().send(new ChunkBytes().setChunkSize(0).bytes()), stats,
                    RtmpRejectReason.CHUNK_SIZE);
            expectClosed(port, c -> c.handshake().send(new ChunkBytes().setChunkSize(16 * 1024 * 1024 + 1).bytes()),
                    stats, RtmpRejectReason.CHUNK_SIZE);

            // a message longer than the limit
            expectClosed(port, c -> c.handshake().send(new ChunkBytes()
                    .fmt0(3, 0, 0xFFFFFF, RtmpMessageType.COMMAND_AMF0, 0, 16, 0).bytes()), stats,
                    RtmpRejectReason.MESSAGE_TOO_LONG);

            // AMF0 nested 100 deep, and a 1 MiB long string, in a connect command
            expectClosed(port, c -> c.handshake().send(amfCommand(deepNesting(100))), stats, RtmpRejectReason.AMF);
            expectClosed(port, c -> c.handshake().send(amfCommand(hugeLongString(1024 * 1024))), stats,
                    RtmpRejectReason.AMF);

            // an unknown command after a good connect
            expectClosed(port, c -> c.handshake().send(connect("live"), command(0, "selfDestruct", 2, null)), stats,
                    RtmpRejectReason.UNKNOWN_COMMAND);

            // a connection that stalls in the middle of a chunk (1000-byte message, 10 bytes sent)
            expectClosed(port, c -> c.handshake().send(new ChunkBytes()
                    .fmt0(6, 0, 1000, RtmpMessageType.VIDEO, 1, 10, 0).bytes()), stats, RtmpRejectReason.STALLED);

            // garbage after a good handshake
            byte[] garbage = new byte[8192];
            new Random(11).nextBytes(garbage);
            try (RtmpRawClient c = new RtmpRawClient(port)) {
                c.handshake().send(garbage);
                assertTrue(c.closedByServerWithin(CLOSE_WITHIN_MS), "garbage chunk stream closed");
            }

            // the normal publisher never noticed
            assertEquals(0, normal.await(NORMAL_SECONDS + 20), normal.logTail());
            assertTrue(stream.awaitEnded(10));
            assertEquals(1, stream.starts.get());
            assertEquals(NORMAL_SECONDS * 25, stream.videoFrames.get(), "the normal stream is complete");
            for (String type : new String[] {"video", "audio"}) {
                int index = reference.streamOf(type).orElseThrow().index();
                int trackId = "video".equals(type) ? FlvStreamAssembler.VIDEO_TRACK_ID : FlvStreamAssembler.AUDIO_TRACK_ID;
                FrameMd5Comparator.assertMatches(reference, index, frames.frames(trackId));
            }
            assertEquals("publisher unpublished", stream.endReason);

            // nothing left behind: only failures we caused, no connection or stream still open
            awaitCount(stats, null, 0);
            assertEquals(0, server.config().registry().size());
            assertEquals(0, stats.rejected(RtmpRejectReason.INTERNAL));
            assertFalse(recorder.all().keySet().stream().anyMatch(p -> !p.equals("live/normal")));
        }
    }

    interface ClientAction {
        void run(RtmpRawClient c) throws Exception;
    }

    private static void expectClosed(int port, ClientAction action, RtmpServerStats stats, RtmpRejectReason reason)
            throws Exception {
        long before = stats.rejected(reason);
        try (RtmpRawClient c = new RtmpRawClient(port)) {
            action.run(c);
            assertTrue(c.closedByServerWithin(CLOSE_WITHIN_MS), reason + ": the server closes the connection");
        }
        awaitCount(stats, reason, before + 1);
    }

    /** Waits for a reject counter to reach {@code expected}; with a null reason, for no active connection but one. */
    private static void awaitCount(RtmpServerStats stats, RtmpRejectReason reason, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + CLOSE_WITHIN_MS;
        while (System.currentTimeMillis() < deadline) {
            long now = reason == null ? stats.activeConnections() : stats.rejected(reason);
            if (now == expected) {
                return;
            }
            Thread.sleep(20);
        }
        assertEquals(expected, reason == null ? stats.activeConnections() : stats.rejected(reason),
                reason == null ? "active connections" : reason.toString());
    }

    private static byte[] amfCommand(ByteBuf args) {
        ByteBuf body = Unpooled.buffer();
        Amf0Encoder.encodeAll(body, "connect", 1.0);
        body.writeBytes(args);
        args.release();
        RtmpMessage msg = new RtmpMessage(3, 0, RtmpMessageType.COMMAND_AMF0, 0, body);
        try (RtmpTestPeer peer = new RtmpTestPeer()) {
            return peer.encode(RtmpProtocolControl.setChunkSize(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, 65536), msg);
        }
    }

    private static ByteBuf deepNesting(int depth) {
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < depth; i++) {
            b.writeByte(0x03).writeShort(1).writeByte('a');
        }
        b.writeByte(0x05);
        for (int i = 0; i < depth; i++) {
            b.writeShort(0).writeByte(0x09);
        }
        return b;
    }

    private static ByteBuf hugeLongString(int length) {
        return Unpooled.buffer().writeByte(0x0C).writeInt(length).writeZero(length);
    }
}
