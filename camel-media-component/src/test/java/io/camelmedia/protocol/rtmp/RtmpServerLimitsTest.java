package io.camelmedia.protocol.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;

import org.junit.jupiter.api.Test;

/** Server-level limits on a real socket. */
class RtmpServerLimitsTest {

    @Test
    void connectionsBeyondMaxConnectionsAreRejected() throws Exception {
        RtmpServerConfig config = RtmpServerConfig.builder().host("127.0.0.1").port(0).maxConnections(1).build();
        try (RtmpServer server = new RtmpServer(config, new StreamRecorder()).start();
             RtmpRawClient first = new RtmpRawClient(server.port())) {
            first.handshake(); // accepted and counted before the second one connects
            RtmpRawClient second = new RtmpRawClient(server.port());
            assertTrue(second.closedByServerWithin(3000));
            assertFalse(first.closedByServerWithin(300), "the first connection stays");
            assertEquals(1, server.stats().rejected(RtmpRejectReason.TOO_MANY_CONNECTIONS));
            second.close();
        }
    }

    @Test
    void closeFreesThePort() throws Exception {
        RtmpServer server = new RtmpServer(RtmpServerConfig.builder().host("127.0.0.1").port(0).build(),
                new StreamRecorder()).start();
        int port = server.port();
        server.close();
        server.close(); // idempotent
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close());
        try (RtmpServer again = new RtmpServer(RtmpServerConfig.builder().host("127.0.0.1").port(port).build(),
                new StreamRecorder()).start()) {
            assertEquals(port, again.port());
        }
    }
}
