package io.camelmedia.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.HeadlessChromium;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The app's audio bridging (camel.media.transcode.bridge, on by default): an RTMP publish (H.264 + AAC) plays with sound
 * over WHEP in headless Chromium, and a WHIP publish (H.264 + Opus) is served as MPEG-TS HLS with AAC.
 */
@QuarkusTest
@QuarkusTestResource(FreeRtmpPort.class)
@Tag("browser")
class TranscodeBridgeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL app;

    @Test
    void anAacRtmpPublishPlaysWithSoundOverWhep() throws Exception {
        HeadlessChromium.assumeAvailable();
        Path log = Files.createTempFile("rtmp-bridge", ".log");
        try (Ffmpeg.Running pub = Ffmpeg.start(log, "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100", "-t", "60", "-c:v", "libopenh264", "-g", "25",
                "-c:a", "aac", "-b:a", "96k", "-f", "flv", "rtmp://127.0.0.1:" + FreeRtmpPort.port + "/live/bridgewhep");
             HeadlessChromium chrome = HeadlessChromium.start()) {
            chrome.open(app.toString());
            // a plain WHEP viewer (RFC 9725): recvonly offer, the app's answer, the audio rendered by an <audio> element
            chrome.evaluate("(() => { window.whep = { samples: 0, level: 0, error: null, codec: null };"
                    + " const pc = new RTCPeerConnection(); window.whepPc = pc;"
                    + " pc.addTransceiver('video', {direction: 'recvonly'}); pc.addTransceiver('audio', {direction: 'recvonly'});"
                    + " pc.ontrack = e => { if (e.track.kind === 'audio') { const a = new Audio(); a.srcObject = new MediaStream([e.track]);"
                    + " a.play().catch(err => window.whep.error = String(err)); } };"
                    + " const tryOnce = async () => { const offer = await pc.createOffer(); await pc.setLocalDescription(offer);"
                    + " const r = await fetch('/whep/live/bridgewhep', {method: 'POST', headers: {'Content-Type': 'application/sdp'},"
                    + " body: pc.localDescription.sdp});"
                    + " if (r.status !== 201) { throw new Error('WHEP ' + r.status + ' ' + await r.text()); }"
                    + " await pc.setRemoteDescription({type: 'answer', sdp: await r.text()}); };"
                    + " const start = () => tryOnce().catch(err => { window.whep.error = String(err); });"
                    + " setTimeout(start, 1500);"
                    + " setInterval(async () => { const s = await pc.getStats(); s.forEach(r => {"
                    + " if (r.type === 'inbound-rtp' && r.kind === 'audio') { window.whep.samples = r.totalSamplesReceived || 0;"
                    + " window.whep.level = r.audioLevel || 0; const c = s.get(r.codecId); window.whep.codec = c && c.mimeType; } }); }, 200);"
                    + " return true; })()");
            chrome.waitFor("window.whep.error !== null || (window.whep.samples > 48000 && window.whep.level > 0)", TIMEOUT);
            Object error = chrome.evaluate("window.whep.error");
            assertTrue(error == null, "WHEP viewer failed: " + error + "\n" + pub.logTail());
            double samples = chrome.evaluateNumber("window.whep.samples");
            double level = chrome.evaluateNumber("window.whep.level");
            System.out.printf("WHEP of an AAC publish: %s, %.0f samples, audioLevel %.3f%n", chrome.evaluate("window.whep.codec"),
                    samples, level);
            assertTrue(samples > 0 && level > 0, "samples " + samples + ", level " + level);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void anOpusWhipPublishIsServedAsMpegTsHlsWithAac() throws Exception {
        mpegTsHlsHasAac("whip", app + "whip/live/bridgets", "live/bridgets");
    }

    /** SRT carries Opus in MPEG-TS; its MPEG-TS HLS gets AAC through the common pipeline's bridge. */
    @Test
    void anOpusSrtPublishIsServedAsMpegTsHlsWithAac() throws Exception {
        mpegTsHlsHasAac("mpegts", "srt://127.0.0.1:" + FreeRtmpPort.srtPort() + "?streamid=publish:live/srtopus", "live/srtopus");
    }

    private void mpegTsHlsHasAac(String muxer, String url, String path) throws Exception {
        Path log = Files.createTempFile("opus-bridge", ".log");
        try (Ffmpeg.Running pub = Ffmpeg.start(log, "-nostdin", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000", "-t", "60", "-c:v", "libopenh264", "-g", "25",
                "-c:a", "libopus", "-ar", "48000", "-ac", "2", "-f", muxer, url)) {
            String playlist = app + "hls-ts/" + path + "/index.m3u8";
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            String codecs = "";
            while (System.nanoTime() < deadline && !codecs.contains("aac")) {
                Ffmpeg.Result r = Ffmpeg.probe(30, "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", playlist);
                codecs = r.exitCode() == 0 ? r.stdout() : "";
                if (!codecs.contains("aac")) {
                    assertTrue(pub.process().isAlive(), pub.logTail());
                    Thread.sleep(500);
                }
            }
            assertTrue(codecs.contains("aac") && codecs.contains("h264"), "streams of " + playlist + ": " + codecs + "\n" + pub.logTail());
            // and it decodes: a second of the playlist's audio through ffmpeg without error
            Ffmpeg.run(60, "-v", "error", "-i", playlist, "-map", "0:a:0", "-t", "1", "-f", "null", "-").requireSuccess();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
