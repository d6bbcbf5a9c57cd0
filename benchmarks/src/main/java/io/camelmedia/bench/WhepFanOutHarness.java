package io.camelmedia.bench;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.StreamInfo;
import io.camelmedia.frame.Track;
import io.camelmedia.hub.ReaderConfig;
import io.camelmedia.hub.StreamHub;
import io.camelmedia.protocol.webrtc.HttpRequest;
import io.camelmedia.protocol.webrtc.HttpResponse;
import io.camelmedia.protocol.webrtc.WebRtcServer;
import io.camelmedia.protocol.webrtc.WebRtcServerConfig;
import io.camelmedia.protocol.webrtc.WhepResource;
import io.camelmedia.protocol.webrtc.dtls.DtlsCertificate;
import io.camelmedia.protocol.webrtc.dtls.DtlsRole;
import io.camelmedia.protocol.webrtc.dtls.DtlsSession;
import io.camelmedia.protocol.webrtc.dtls.Fingerprint;
import io.camelmedia.protocol.webrtc.ice.IceCredentials;
import io.camelmedia.protocol.webrtc.ice.IceServerConfig;
import io.camelmedia.protocol.webrtc.srtp.SrtpKeyMaterial;
import io.camelmedia.protocol.webrtc.srtp.SrtpSession;
import io.camelmedia.protocol.webrtc.stun.StunMessage;

/**
 * WHEP fan-out, in one process on loopback: N viewers, each a real peer built on the project's own classes
 * (ICE check, DTLS server role, SRTP decrypt of every packet), watch one stream fed at 30 fps (10 KB P frames,
 * a key frame a second). Prints the server's forwarding latency, frame handed to the hub -> first packet of that
 * frame decrypted by each viewer, p50/p99 over every frame of every viewer, and what each viewer got.
 * <pre>java -cp benchmarks/target/benchmarks.jar io.camelmedia.bench.WhepFanOutHarness [viewers] [seconds]</pre>
 */
public final class WhepFanOutHarness {
    private static final int FPS = 30;
    private static final int FRAME_BYTES = 10_000;

    private WhepFanOutHarness() {
    }

    public static void main(String[] args) throws Exception {
        int viewers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        IceServerConfig ice = new IceServerConfig("127.0.0.1", 0, false, List.of(), 2000, Duration.ofSeconds(15),
                Duration.ofSeconds(30), 1);
        try (WebRtcServer server = new WebRtcServer(WebRtcServerConfig.defaults().withIce(ice));
             StreamHub fanOut = new StreamHub()) {
            server.start();
            Track track = BenchTracks.h264720p(1);
            StreamHub.Publisher pub = fanOut.claimAuthorized("live/bench", new Object()).publisher();
            pub.started(new StreamInfo("live/bench", List.of(track), Map.of()));
            WhepResource whep = new WhepResource(server, "/whep", fanOut, io.camelmedia.hub.Authenticator.OPEN, ReaderConfig.defaults());
            DtlsCertificate cert = DtlsCertificate.generate();
            ExecutorService handshakes = Executors.newFixedThreadPool(4);
            Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
            List<Viewer> all = new ArrayList<>();
            for (int i = 0; i < viewers; i++) {
                all.add(new Viewer(server, whep, cert, handshakes, sentAt));
            }
            for (Viewer v : all) {
                v.connected.get(20, TimeUnit.SECONDS);
            }
            System.out.printf("%d viewers connected (ICE + DTLS + SRTP); sending %d s at %d fps%n", viewers, seconds, FPS);
            long start = System.nanoTime();
            int frames = seconds * FPS;
            for (int i = 0; i < frames; i++) {
                long due = start + i * 1_000_000_000L / FPS;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                byte[] au = new byte[FRAME_BYTES];
                int len = FRAME_BYTES - 4;
                au[0] = (byte) (len >>> 24);
                au[1] = (byte) (len >>> 16);
                au[2] = (byte) (len >>> 8);
                au[3] = (byte) len;
                au[4] = (byte) (i % FPS == 0 ? 0x65 : 0x41);
                au[5] = (byte) (i >>> 24);
                au[6] = (byte) (i >>> 16);
                au[7] = (byte) (i >>> 8);
                au[8] = (byte) i;
                sentAt.put(i, System.nanoTime());
                pub.frame(MediaFrame.of(track, i * 3000L, i * 3000L, i % FPS == 0, BitstreamFormat.AVCC, au));
            }
            Thread.sleep(500);
            List<Long> lat = new ArrayList<>();
            long packets = 0;
            long minFrames = Long.MAX_VALUE;
            for (Viewer v : all) {
                lat.addAll(v.latencies);
                packets += v.packets;
                minFrames = Math.min(minFrames, v.latencies.size());
                v.close();
            }
            lat.sort(null);
            System.out.printf("WHEP forwarding latency (hub -> first packet decrypted), %d viewers: p50 %.2f ms, p99 %.2f ms,"
                    + " max %.2f ms over %d frame deliveries; %d packets decrypted; fewest frames at one viewer %d of %d"
                    + " (key frames not timed)%n", viewers, lat.get(lat.size() / 2) / 1e6, lat.get((int) (lat.size() * 0.99)) / 1e6,
                    lat.get(lat.size() - 1) / 1e6, lat.size(), packets, minFrames, frames - seconds);
            System.out.println("ICE port: " + server.ice().stats() + "; viewers still served: " + pub.readers());
            handshakes.shutdownNow();
        }
    }

    /** One WHEP viewer: POSTs a recvonly offer, does the ICE check, the DTLS server role, decrypts everything. */
    static final class Viewer implements AutoCloseable {
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        final DatagramSocket socket;
        final InetSocketAddress server;
        volatile SrtpSession srtp;
        volatile long packets;
        final DtlsSession dtls;

        Viewer(WebRtcServer srv, WhepResource whep, DtlsCertificate cert, ExecutorService handshakes,
               Map<Integer, Long> sentAt) throws Exception {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            server = new InetSocketAddress(InetAddress.getLoopbackAddress(), srv.ice().port());
            IceCredentials me = IceCredentials.random();
            String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                    + "m=video 9 UDP/TLS/RTP/SAVPF 102\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:" + me.ufrag() + "\r\na=ice-pwd:"
                    + me.pwd() + "\r\na=fingerprint:sha-256 " + cert.fingerprintSha256() + "\r\na=setup:actpass\r\na=mid:0\r\n"
                    + "a=recvonly\r\na=rtcp-mux\r\na=rtpmap:102 H264/90000\r\n"
                    + "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\na=rtcp-fb:102 nack\r\n";
            HttpResponse r = whep.handle(new HttpRequest("POST", "live/bench", "application/sdp", null, null,
                    offer.getBytes(StandardCharsets.UTF_8), "bench"));
            if (r.status() != 201) {
                throw new IllegalStateException("WHEP " + r.status() + " " + r.bodyText());
            }
            String answer = r.bodyText();
            String ufrag = attr(answer, "a=ice-ufrag:");
            String pwd = attr(answer, "a=ice-pwd:");
            dtls = new DtlsSession(cert, DtlsRole.SERVER, Fingerprint.parse("sha-256 " + srv.certificate().fingerprintSha256()),
                    this::send, handshakes, new DtlsSession.Listener() {
                        @Override
                        public void connected(SrtpKeyMaterial keys) {
                            srtp = new SrtpSession(keys);
                            connected.complete(null);
                        }

                        @Override
                        public void failed(String reason, Throwable cause) {
                            connected.completeExceptionally(new IllegalStateException(reason, cause));
                        }

                        @Override
                        public void closed(String reason) {
                        }
                    }, Duration.ofSeconds(10));
            Thread t = new Thread(() -> receive(sentAt), "viewer");
            t.setDaemon(true);
            t.start();
            dtls.start();
            byte[] check = StunMessage.builder(StunMessage.BINDING, new java.security.SecureRandom().generateSeed(12))
                    .username(ufrag + ":" + me.ufrag()).priority(1_845_501_695L).iceControlling(1).useCandidate()
                    .encode(pwd.getBytes(StandardCharsets.UTF_8), true);
            send(check, 0, check.length);
        }

        private static String attr(String sdp, String prefix) {
            int i = sdp.indexOf(prefix);
            return sdp.substring(i + prefix.length(), sdp.indexOf("\r\n", i));
        }

        private void send(byte[] d, int off, int len) {
            try {
                socket.send(new DatagramPacket(d, off, len, server));
            } catch (java.io.IOException e) {
                // closed
            }
        }

        private void receive(Map<Integer, Long> sentAt) {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    long now = System.nanoTime();
                    int first = buf[0] & 0xFF;
                    if (first >= 20 && first <= 63) {
                        dtls.receive(buf, 0, p.getLength());
                    } else if (first >= 128 && first <= 191 && srtp != null && (buf[1] & 0xFF) < 192) {
                        byte[] pkt = java.util.Arrays.copyOf(buf, p.getLength());
                        int n = srtp.unprotectRtp(pkt, 0, pkt.length);
                        packets++;
                        // FU-A start of a non-IDR slice: our frame index follows the NAL header
                        if (n > 18 && (pkt[12] & 0x1F) == 28 && (pkt[13] & 0x80) != 0 && (pkt[13] & 0x1F) == 1) {
                            int idx = ((pkt[14] & 0xFF) << 24) | ((pkt[15] & 0xFF) << 16) | ((pkt[16] & 0xFF) << 8) | (pkt[17] & 0xFF);
                            Long sent = sentAt.get(idx);
                            if (sent != null) {
                                latencies.add(now - sent);
                            }
                        }
                    }
                } catch (Exception e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            dtls.close();
            socket.close();
        }
    }
}
