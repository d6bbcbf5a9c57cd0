package io.camelmedia.camel.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.camelmedia.camel.webrtc.WebRtcTesting;
import io.camelmedia.testing.Ffmpeg;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/udp-ts as shipped (only the ports moved to free ones): ffmpeg's UDP TS becomes an HLS playlist, and an
 * RTMP publish comes out as TS datagrams of whole packets, at most 1316 bytes.
 */
class UdpTsExampleRouteTest {
    private static final Path EXAMPLES = Path.of("../examples/udp-ts");

    @TempDir
    Path tmp;

    @Test
    void examplesStartAndCarryAStream() throws Exception {
        int http = WebRtcTesting.freeTcpPort();
        int udpIn = WebRtcTesting.freeUdpPort();
        int rtmp = WebRtcTesting.freeTcpPort();
        Path ts = Ffmpeg.h264AacTs(tmp.resolve("in.ts"));
        // an MP4 for the RTMP publish: from TS, ffmpeg's FLV muxer sends an empty AAC sequence header first
        Path mp4 = tmp.resolve("in.mp4");
        Ffmpeg.run(60, "-i", ts.toString(), "-c", "copy", "-bsf:a", "aac_adtstoasc", mp4.toString()).requireSuccess();
        try (DatagramSocket player = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             CamelContext camel = WebRtcTesting.context(http)) {
            player.setSoTimeout(20_000);
            String ingest = Files.readString(EXAMPLES.resolve("udp-ts-ingest.yaml")).replace("0.0.0.0:1234", "127.0.0.1:" + udpIn);
            String egress = Files.readString(EXAMPLES.resolve("udp-ts-egress.yaml"))
                    .replace("0.0.0.0:1935", "127.0.0.1:" + rtmp).replace("127.0.0.1:5000", "127.0.0.1:" + player.getLocalPort());
            assertTrue(ingest.contains("netty:udp://127.0.0.1:" + udpIn) && egress.contains("rtmp://127.0.0.1:" + rtmp)
                    && egress.contains("netty:udp://127.0.0.1:" + player.getLocalPort()), "the examples' ports moved");
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("udp-ts-ingest.yaml", ingest));
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("udp-ts-egress.yaml", egress));
            camel.start();

            try (Ffmpeg.Running pub = Ffmpeg.start(tmp.resolve("rtmp.log"), "-re", "-i", mp4.toString(), "-c", "copy",
                    "-f", "flv", "rtmp://127.0.0.1:" + rtmp + "/live/cam")) {
                DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
                player.receive(d);
                assertTrue(d.getLength() <= 1316 && d.getLength() % 188 == 0, "datagram of " + d.getLength());
                assertEquals(0x47, d.getData()[0] & 0xFF, "TS sync byte");
                assertEquals(0, pub.await(30), pub.logTail());
            }

            try (Ffmpeg.Running send = Ffmpeg.start(tmp.resolve("udp.log"), "-re", "-i", ts.toString(), "-c", "copy",
                    "-f", "mpegts", "udp://127.0.0.1:" + udpIn + "?pkt_size=1316")) {
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/hls/live/udp/index.m3u8")).build();
                int status = 0;
                for (int i = 0; i < 100 && status != 200; i++) {
                    Thread.sleep(100);
                    status = client.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
                }
                assertEquals(200, status, send.logTail());
            }
        }
    }
}
