package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.frame.Codec;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.testing.Ffmpeg;
import io.camelmedia.testing.FrameMd5;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Real VP8/VP9/AV1 streams for the payload tests: the bundled ffmpeg encodes testsrc2 once to a file (the
 * reference, read back with {@link FrameMd5#ofPackets}), then sends that file with {@code -c:v copy -f rtp}
 * to a test-side UDP socket; the received datagrams are the real packets. Made once per JVM and codec.
 */
final class RtpVideoSources {
    /** One codec's source: the encoded file, its packet reference, the RTP packets ffmpeg sent. */
    record Source(Codec codec, Path file, FrameMd5 reference, List<RtpPacket> packets) {
    }

    private static final Map<Codec, Source> CACHE = new EnumMap<>(Codec.class);
    /** The socket stops collecting after this long without a datagram once ffmpeg has exited. */
    private static final int IDLE_MILLIS = 500;
    /** More datagrams than a 2 s, 320x240 test stream sends; bounds the collector. */
    private static final int MAX_PACKETS = 20_000;

    private RtpVideoSources() {
    }

    static synchronized Source get(Codec codec) throws Exception {
        Source s = CACHE.get(codec);
        if (s == null) {
            s = make(codec);
            CACHE.put(codec, s);
        }
        return s;
    }

    static Depacketizer depacketizer(Codec codec, int maxFrameSize) {
        return switch (codec) {
            case VP8 -> new Vp8Depacketizer(maxFrameSize);
            case VP9 -> new Vp9Depacketizer(maxFrameSize);
            case AV1 -> new Av1Depacketizer(maxFrameSize);
            default -> throw new IllegalArgumentException(codec.toString());
        };
    }

    static IntFunction<Packetizer> packetizer(Codec codec) {
        return seed -> switch (codec) {
            case VP8 -> new Vp8Packetizer(seed);
            case VP9 -> new Vp9Packetizer(seed);
            case AV1 -> new Av1Packetizer();
            default -> throw new IllegalArgumentException(codec.toString());
        };
    }

    private static Source make(Codec codec) throws Exception {
        Path dir = Files.createTempDirectory("rtpvideo-" + codec);
        dir.toFile().deleteOnExit();
        String[] encoder = switch (codec) {
            case VP8 -> new String[] {"-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "600k"};
            case VP9 -> new String[] {"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "600k"};
            case AV1 -> new String[] {"-c:v", "libaom-av1", "-usage", "realtime", "-cpu-used", "8", "-b:v", "600k"};
            default -> throw new IllegalArgumentException(codec.toString());
        };
        Path file = dir.resolve(codec == Codec.AV1 ? "src.mkv" : "src.webm");
        List<String> args = new ArrayList<>(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-t", "2", "-g", "25"));
        args.addAll(Arrays.asList(encoder));
        args.add(file.toString());
        Ffmpeg.run(120, args.toArray(String[]::new)).requireSuccess();
        file.toFile().deleteOnExit();
        FrameMd5 reference = FrameMd5.ofPackets(file);
        return new Source(codec, file, reference, send(file, dir));
    }

    /** ffmpeg sends {@code file} as RTP (real-time paced) to a socket of ours; returns the packets in sequence order. */
    private static List<RtpPacket> send(Path file, Path dir) throws Exception {
        List<RtpPacket> packets = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(IDLE_MILLIS);
            AtomicBoolean senderDone = new AtomicBoolean();
            Thread collector = new Thread(() -> collect(socket, packets, senderDone), "rtp-collector");
            collector.setDaemon(true);
            collector.start();
            Path sdp = dir.resolve("out.sdp");
            Ffmpeg.run(60, "-re", "-i", file.toString(), "-an", "-c:v", "copy", "-strict", "experimental",
                    "-payload_type", "96", "-f", "rtp", "-sdp_file", sdp.toString(),
                    "rtp://127.0.0.1:" + socket.getLocalPort() + "?pkt_size=1200").requireSuccess();
            sdp.toFile().deleteOnExit();
            senderDone.set(true);
            collector.join(30_000);
        }
        List<RtpPacket> sorted = new ArrayList<>(packets);
        // one burst from one sender on loopback: sequence numbers need no unwrapping beyond the first
        int first = sorted.get(0).sequenceNumber();
        sorted.sort(Comparator.comparingInt(p -> (p.sequenceNumber() - first) & 0xFFFF));
        return List.copyOf(sorted);
    }

    private static void collect(DatagramSocket socket, List<RtpPacket> out, AtomicBoolean senderDone) {
        byte[] buf = new byte[RtpPacket.MAX_PACKET_LENGTH];
        DatagramPacket dp = new DatagramPacket(buf, buf.length);
        try {
            while (out.size() < MAX_PACKETS) {
                dp.setLength(buf.length);
                try {
                    socket.receive(dp);
                } catch (SocketTimeoutException idle) {
                    if (senderDone.get()) {
                        return;
                    }
                    continue;
                }
                out.add(RtpPacket.decode(Arrays.copyOf(dp.getData(), dp.getLength())));
            }
        } catch (IOException closed) {
            // socket closed: done
        }
    }
}
