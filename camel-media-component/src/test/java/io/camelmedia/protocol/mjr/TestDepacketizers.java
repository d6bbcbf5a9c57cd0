package io.camelmedia.protocol.mjr;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.protocol.rtp.RtpPacket;
import io.camelmedia.protocol.rtp.payload.DepacketizedFrame;
import io.camelmedia.protocol.rtp.payload.Depacketizer;
import io.camelmedia.protocol.rtp.payload.DepacketizerStats;
import io.camelmedia.protocol.rtp.payload.DropReason;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Test-only depacketizers until the real ones (branches rtp / rtpvideo) are merged: Opus (RFC 7587 §4.2:
 * the payload is one Opus packet), G.711/G.722 (RFC 3551 §4.5: the payload is the samples) and, for timeline
 * tests only, a video stand-in that joins the payloads of one RTP timestamp into one opaque frame.
 */
final class TestDepacketizers {
    private TestDepacketizers() {
    }

    /** Opus, G.711, G.722 and L16 with the one-payload-one-frame rule; video with {@link GroupByTimestamp}. */
    static final DepacketizerFactory FACTORY = (codec, header) -> switch (codec.codec()) {
        case OPUS, PCMU, PCMA, G722, L16 -> new PayloadIsFrame();
        case H264, VP8, VP9, AV1, H265 -> new GroupByTimestamp();
        default -> null;
    };

    /** Audio: every payload is one frame at the packet timestamp. */
    static final class PayloadIsFrame implements Depacketizer {
        private final DepacketizerStats stats = new DepacketizerStats();

        @Override
        public List<DepacketizedFrame> push(RtpPacket packet) {
            stats.packet();
            stats.frames(1);
            return List.of(new DepacketizedFrame(packet.timestamp(), packet.payloadBytes(), BitstreamFormat.RAW, true));
        }

        @Override
        public void lost(int count) {
            stats.drop(DropReason.LOSS);
        }

        @Override
        public DepacketizerStats stats() {
            return stats;
        }
    }

    /** Video stand-in: the payloads of one timestamp joined, emitted on the marker bit; not decodable. */
    static final class GroupByTimestamp implements Depacketizer {
        private final DepacketizerStats stats = new DepacketizerStats();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private long ts = -1;

        @Override
        public List<DepacketizedFrame> push(RtpPacket packet) {
            stats.packet();
            if (packet.timestamp() != ts) {
                current.reset();
                ts = packet.timestamp();
            }
            current.writeBytes(packet.payloadBytes());
            if (!packet.marker()) {
                return List.of();
            }
            stats.frames(1);
            return List.of(new DepacketizedFrame(ts, current.toByteArray(), BitstreamFormat.RAW, false));
        }

        @Override
        public void lost(int count) {
            current.reset();
            stats.drop(DropReason.LOSS);
        }

        @Override
        public DepacketizerStats stats() {
            return stats;
        }
    }

    /** ITU-T G.711 μ-law byte to 16-bit linear (Table 2a: bias 0x84, segment, mantissa). */
    static short ulaw(int b) {
        int u = ~b & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    /** ITU-T G.711 A-law byte to 16-bit linear (even bits inverted with 0x55). */
    static short alaw(int b) {
        int a = (b ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= seg - 1;
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
