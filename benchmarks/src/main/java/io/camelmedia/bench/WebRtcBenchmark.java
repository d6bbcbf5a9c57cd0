package io.camelmedia.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.RtpSender;
import io.camelmedia.protocol.webrtc.srtp.SrtpKeyMaterial;
import io.camelmedia.protocol.webrtc.srtp.SrtpProfile;
import io.camelmedia.protocol.webrtc.srtp.SrtpSession;
import io.camelmedia.protocol.webrtc.stun.StunMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The WebRTC per-packet costs, ops/s: SRTP protect and unprotect of a 1200-byte RTP packet (both DTLS-SRTP
 * profiles, through jitsi-srtp), a STUN binding check parsed, verified (MESSAGE-INTEGRITY + FINGERPRINT) and
 * answered, and the per-viewer work of WHEP for one 10 KB video frame: packetize with the viewer's own
 * sequence/timestamp/SSRC, then protect each packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class WebRtcBenchmark {
    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    private SrtpSession sender;
    private SrtpSession receiver;
    private byte[] rtp;
    private int seq;
    private byte[] check;
    private byte[] pwd;
    private RtpSender viewer;
    private MediaFrame frame;
    private long pts;

    @Setup(Level.Trial)
    public void setUp() {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        SecureRandom r = new SecureRandom();
        byte[] material = new byte[2 * (p.keyLength() + p.saltLength())];
        r.nextBytes(material);
        sender = new SrtpSession(SrtpKeyMaterial.fromExporter(p, material, true));
        receiver = new SrtpSession(SrtpKeyMaterial.fromExporter(p, material, false));
        rtp = RtpPacket.builder().payloadType(96).sequenceNumber(0).timestamp(0).ssrc(0x1234_5678L)
                .payload(new byte[1200 - 12]).build().encode();
        pwd = "0123456789abcdefghijklmn".getBytes(StandardCharsets.UTF_8);
        check = StunMessage.builder(StunMessage.BINDING, new byte[12]).username("abcdefgh:ijkl").priority(1_845_501_695L)
                .iceControlling(42).useCandidate().encode(pwd, true);
        Track track = BenchTracks.h264720p(1);
        SrtpSession viewerSrtp = sender;
        viewer = new RtpSender(track, 102, 1184, new RtpSender.Timeline(), 0x55L, new RtpSender.Transport() {
            @Override
            public boolean writable() {
                return true;
            }

            @Override
            public void rtp(byte[] buf, int off, int len) {
                viewerSrtp.protectRtp(buf, off, len);
            }

            @Override
            public void rtcp(byte[] compound) {
            }

            @Override
            public boolean open() {
                return true;
            }

            @Override
            public void close() {
            }
        });
        byte[] au = new byte[10_000];
        au[3] = (byte) (au.length - 4);
        au[2] = (byte) ((au.length - 4) >> 8);
        au[4] = 0x41;   // non-IDR slice
        frame = MediaFrame.of(track, 0, 0, false, BitstreamFormat.AVCC, au);
    }

    @Benchmark
    public byte[] srtpProtectAndUnprotect() {
        seq = (seq + 1) & 0xFFFF;
        rtp[2] = (byte) (seq >> 8);
        rtp[3] = (byte) seq;
        byte[] p = sender.protectRtp(rtp, 0, rtp.length);
        receiver.unprotectRtp(p, 0, p.length);
        return p;
    }

    @Benchmark
    public byte[] stunCheckParsedVerifiedAnswered() {
        StunMessage m = StunMessage.decode(check, 0, check.length);
        if (!m.verifyIntegrity(pwd) || !m.verifyFingerprint()) {
            throw new IllegalStateException("check does not verify");
        }
        return StunMessage.bindingSuccess(m.transactionId(), new InetSocketAddress("127.0.0.1", 50_000), pwd);
    }

    @Benchmark
    public long whepViewerFramePacketizedAndProtected() {
        pts += 3000;
        viewer.send(MediaFrame.of(frame.track(), pts, pts, false, BitstreamFormat.AVCC, frame.payloadBytes()));
        return viewer.packets();
    }
}
