package io.camelmedia.protocol.webrtc.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.camelmedia.protocol.webrtc.stun.StunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ICE-lite port on loopback, driven by a plain DatagramSocket / Socket as the full-ICE peer. */
class IceServerTest {
    private IceServer server;
    private final IceCredentials local = IceCredentials.random();
    private final BlockingQueue<Object> events = new ArrayBlockingQueue<>(1000);

    @BeforeEach
    void start() {
        IceServerConfig c = new IceServerConfig("127.0.0.1", 0, true, List.of(), 10, Duration.ofMillis(1500),
                Duration.ofSeconds(30), 1);
        server = new IceServer(c);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IceServer.Registration register() {
        return server.register(local, "peer", new IceListener() {
            @Override
            public void selected(IcePath path) {
                events.add(path);
            }

            @Override
            public void packet(IcePath path, byte[] data, int off, int len) {
                byte[] copy = new byte[len];
                System.arraycopy(data, off, copy, 0, len);
                events.add(copy);
            }

            @Override
            public void closed(String reason) {
                events.add(reason);
            }
        });
    }

    private byte[] check(String username, String pwd, boolean nominate) {
        StunMessage.Builder b = StunMessage.builder(StunMessage.BINDING, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
                .username(username).priority(1_000_000).iceControlling(7);
        if (nominate) {
            b.useCandidate();
        }
        return b.encode(pwd.getBytes(StandardCharsets.UTF_8), true);
    }

    private static StunMessage roundTrip(DatagramSocket s, byte[] req, int port) throws Exception {
        s.send(new DatagramPacket(req, req.length, InetAddress.getLoopbackAddress(), port));
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return StunMessage.decode(buf, 0, p.getLength());
    }

    @Test
    void validCheckIsAnsweredSelectsThePathAndCarriesMedia() throws Exception {
        register();
        assertTrue(server.localCandidates().get(0).sdpValue().contains("127.0.0.1 " + server.port() + " typ host"));
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(2000);
            StunMessage r = roundTrip(s, check(local.ufrag() + ":peer", local.pwd(), true), server.port());
            assertEquals(StunMessage.CLASS_SUCCESS, r.messageClass());
            assertTrue(r.verifyIntegrity(local.pwd().getBytes(StandardCharsets.UTF_8)));
            assertEquals(s.getLocalPort(), r.xorMappedAddress().orElseThrow().getPort());
            IcePath path = (IcePath) events.poll(2, TimeUnit.SECONDS);
            assertNotNull(path);
            assertEquals(s.getLocalPort(), path.remote().getPort());
            byte[] dtls = {22, (byte) 0xfe, (byte) 0xfd, 0, 0};
            s.send(new DatagramPacket(dtls, dtls.length, InetAddress.getLoopbackAddress(), server.port()));
            assertEquals(5, ((byte[]) events.poll(2, TimeUnit.SECONDS)).length);
            path.send(new byte[] {(byte) 0x80, 1, 2}, 0, 3);
            DatagramPacket back = new DatagramPacket(new byte[100], 100);
            s.receive(back);
            assertEquals(3, back.getLength());
        }
    }

    @Test
    void wrongIntegrityIsRefusedCountedAndSelectsNothing() throws Exception {
        register();
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(2000);
            StunMessage r = roundTrip(s, check(local.ufrag() + ":peer", "not-the-password-at-all", true), server.port());
            assertEquals(401, r.errorCode());
            assertEquals(1, server.stats().stunBadIntegrity());
            StunMessage u = roundTrip(s, check("nobody:peer", local.pwd(), true), server.port());
            assertEquals(400, u.errorCode());
            // media from an address no check validated goes nowhere
            byte[] rtp = {(byte) 0x80, 96, 0, 1};
            s.send(new DatagramPacket(rtp, rtp.length, InetAddress.getLoopbackAddress(), server.port()));
            Thread.sleep(200);
            assertEquals(1, server.stats().unknownPackets());
            assertNull(events.poll());
        }
    }

    @Test
    void garbageIsCountedAndAGoodCheckStillWorks() throws Exception {
        register();
        Random r = new Random(7983);
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(2000);
            byte[] good = check(local.ufrag() + ":peer", local.pwd(), true);
            for (int i = 0; i < 500; i++) {
                byte[] b = i % 2 == 0 ? new byte[1 + r.nextInt(300)] : good.clone();
                if (i % 2 == 0) {
                    r.nextBytes(b);
                    b[0] &= 0x03;   // looks like STUN by its first byte
                } else {
                    b = java.util.Arrays.copyOf(b, r.nextInt(b.length));   // truncated
                }
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), server.port()));
            }
            // drain whatever error answers came back, then a good check is still answered
            try {
                while (true) {
                    s.setSoTimeout(300);
                    s.receive(new DatagramPacket(new byte[1500], 1500));
                }
            } catch (SocketTimeoutException done) {
                s.setSoTimeout(2000);
            }
            assertEquals(StunMessage.CLASS_SUCCESS, roundTrip(s, good, server.port()).messageClass());
        }
        assertTrue(server.stats().stunMalformed() > 0 || server.stats().unknownPackets() > 0, server.stats().toString());
    }

    @Test
    void noCheckWithinTheConnectTimeoutClosesTheRegistration() throws Exception {
        register();
        Object e = events.poll(5, TimeUnit.SECONDS);
        assertTrue(e instanceof String s && s.startsWith("no ICE connectivity check"), String.valueOf(e));
        assertEquals(0, server.sessions());
    }

    @Test
    void iceTcpFramedCheckWorks() throws Exception {
        register();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.tcpPort()), 2000);
            s.setSoTimeout(2000);
            byte[] req = check(local.ufrag() + ":peer", local.pwd(), true);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(req.length);
            out.write(req);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] resp = new byte[in.readUnsignedShort()];
            in.readFully(resp);
            assertEquals(StunMessage.CLASS_SUCCESS, StunMessage.decode(resp, 0, resp.length).messageClass());
            IcePath path = (IcePath) events.poll(2, TimeUnit.SECONDS);
            assertTrue(path.tcp());
        }
    }
}
