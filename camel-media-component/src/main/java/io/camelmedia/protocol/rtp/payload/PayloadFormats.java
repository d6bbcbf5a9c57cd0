package io.camelmedia.protocol.rtp.payload;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.h264.AvcDecoderConfigurationRecord;
import io.camelmedia.codec.h264.NalUnitType;
import io.camelmedia.codec.h265.HevcDecoderConfigurationRecord;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.Track;
import io.camelmedia.protocol.rtp.sdp.Fmtp;
import io.camelmedia.protocol.rtp.sdp.RtpMap;
import io.camelmedia.protocol.rtp.sdp.SdpException;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From an SDP payload description ({@code a=rtpmap} + {@code a=fmtp}) to a codec, a {@link Track} and a
 * {@link Depacketizer}; and from a track back to the rtpmap/fmtp that describe what a {@link Packetizer}
 * sends. The one place that knows which encoding names we take; VP8/VP9/AV1 join here.
 */
public final class PayloadFormats {
    private PayloadFormats() {
    }

    /** The codec of an encoding name (case-insensitive), if we know it. */
    public static Optional<Codec> codecOf(RtpMap map) {
        return Optional.ofNullable(switch (map.encodingNameUpper()) {
            case "H264" -> Codec.H264;
            case "H265" -> Codec.H265;
            case "VP8" -> Codec.VP8;
            case "VP9" -> Codec.VP9;
            case "AV1" -> Codec.AV1;
            case "OPUS" -> Codec.OPUS;
            case "MPEG4-GENERIC" -> Codec.AAC;
            case "PCMU" -> Codec.PCMU;
            case "PCMA" -> Codec.PCMA;
            default -> null;
        });
    }

    /**
     * A depacketizer for the payload type.
     *
     * @throws SdpException when the encoding is not one we take, or its fmtp asks for what we do not do
     *                      (H.264 packetization-mode 2, AAC modes other than AAC-hbr/lbr-style AU headers)
     */
    public static Depacketizer depacketizer(RtpMap map, Fmtp fmtp, int maxFrameSize) {
        Fmtp f = fmtp != null ? fmtp : new Fmtp(map.payloadType(), Map.of());
        Codec codec = codecOf(map).orElseThrow(() -> unsupported(map));
        return switch (codec) {
            case H264 -> {
                int mode = f.getInt("packetization-mode", 0);
                if (mode != 0 && mode != 1) {
                    throw new SdpException("H264 payload type " + map.payloadType() + ": packetization-mode " + mode
                            + " (interleaved) is not supported");
                }
                yield new H264Depacketizer(maxFrameSize);
            }
            case H265 -> new H265Depacketizer(maxFrameSize, f.getInt("sprop-max-don-diff", 0) > 0);
            case OPUS -> FramePerPacketDepacketizer.opus();
            case PCMU, PCMA -> FramePerPacketDepacketizer.g711();
            case AAC -> aac(map, f);
            default -> throw unsupported(map);
        };
    }

    private static Depacketizer aac(RtpMap map, Fmtp f) {
        for (String absent : List.of("ctsdeltalength", "dtsdeltalength", "randomaccessindication",
                "streamstateindication", "auxiliarydatasizelength")) {
            if (f.getInt(absent, 0) != 0) {
                throw new SdpException("mpeg4-generic payload type " + map.payloadType() + ": " + absent
                        + " is not supported (only AU-size and AU-Index in AU headers)");
            }
        }
        int sizeLength = f.getInt("sizelength", 0);
        if (sizeLength == 0) {
            throw new SdpException("mpeg4-generic payload type " + map.payloadType() + ": sizelength is missing");
        }
        int samples = audioSpecificConfig(f).map(AudioSpecificConfig::samplesPerFrame).orElse(1024);
        try {
            return new AacDepacketizer(sizeLength, f.getInt("indexlength", 0), f.getInt("indexdeltalength", 0), samples);
        } catch (IllegalArgumentException e) {
            throw new SdpException("mpeg4-generic payload type " + map.payloadType() + ": " + e.getMessage());
        }
    }

    /** A packetizer for the codec (H.264 in packetization-mode 1). */
    public static Packetizer packetizer(Codec codec) {
        return switch (codec) {
            case H264 -> new H264Packetizer();
            case H265 -> new H265Packetizer();
            case OPUS, PCMU, PCMA -> new FramePerPacketPacketizer();
            case AAC -> new AacPacketizer();
            default -> throw new IllegalArgumentException("no RTP packetizer for " + codec + " yet");
        };
    }

    /**
     * The track an SDP payload type describes, as far as the SDP tells: H.264/H.265 with their avcC/hvcC when
     * the sprop parameter sets are there (otherwise without config: the receiver learns them in-band), AAC
     * with the AudioSpecificConfig of {@code config=}, Opus with an OpusHead.
     */
    public static Track track(int id, RtpMap map, Fmtp fmtp) {
        Fmtp f = fmtp != null ? fmtp : new Fmtp(map.payloadType(), Map.of());
        Codec codec = codecOf(map).orElseThrow(() -> unsupported(map));
        Track.Builder b = Track.builder(id, codec).clockRate(map.clockRate());
        try {
            switch (codec) {
                case H264 -> f.get("sprop-parameter-sets").ifPresent(v -> b.config(avcC(v)));
                case H265 -> {
                    List<byte[]> vps = f.get("sprop-vps").map(SpropParameterSets::decode).orElse(List.of());
                    List<byte[]> sps = f.get("sprop-sps").map(SpropParameterSets::decode).orElse(List.of());
                    List<byte[]> pps = f.get("sprop-pps").map(SpropParameterSets::decode).orElse(List.of());
                    if (!sps.isEmpty()) {
                        b.config(HevcDecoderConfigurationRecord.of(vps, sps, pps).encode());
                    }
                }
                case AAC -> audioSpecificConfig(f).ifPresent(asc -> b.config(configBytes(f))   // as sent, not re-encoded
                        .sampleRate(asc.outputSamplingFrequency()).channels(asc.channels()));
                case OPUS -> {
                    // RFC 7587 §7: rtpmap is always opus/48000/2; sprop-stereo says what the sender sends
                    int channels = f.get("sprop-stereo").map(v -> v.trim().equals("0") ? 1 : 2).orElse(2);
                    b.config(OpusHead.of(channels, 0, 48_000).encode()).sampleRate(48_000).channels(channels);
                }
                case PCMU, PCMA -> b.sampleRate(map.clockRate()).channels(map.channels());
                default -> {
                }
            }
        } catch (CodecException e) {
            throw new SdpException(map.encodingName() + " payload type " + map.payloadType() + ": " + e.getMessage());
        }
        return b.build();
    }

    /** The rtpmap that describes {@code track} sent with {@code payloadType}. */
    public static RtpMap rtpMap(Track track, int payloadType) {
        return switch (track.codec()) {
            case H264 -> RtpMap.of(payloadType, "H264", 90_000);
            case H265 -> RtpMap.of(payloadType, "H265", 90_000);
            case OPUS -> RtpMap.of(payloadType, "opus", 48_000, 2);
            case AAC -> RtpMap.of(payloadType, "MPEG4-GENERIC", track.clockRate(), Math.max(1, track.channels()));
            case PCMU -> RtpMap.of(payloadType, "PCMU", 8000, Math.max(1, track.channels()));
            case PCMA -> RtpMap.of(payloadType, "PCMA", 8000, Math.max(1, track.channels()));
            default -> throw new IllegalArgumentException("no RTP payload format for " + track.codec() + " yet");
        };
    }

    /** The fmtp that describes what our packetizer sends for {@code track} (empty parameters when none). */
    public static Fmtp fmtp(Track track, int payloadType) {
        Map<String, String> p = new LinkedHashMap<>();
        switch (track.codec()) {
            case H264 -> {
                p.put("packetization-mode", "1");
                if (track.hasConfig()) {
                    AvcDecoderConfigurationRecord avcc = AvcDecoderConfigurationRecord.decode(track.config());
                    List<byte[]> sets = new ArrayList<>(avcc.sequenceParameterSets());
                    sets.addAll(avcc.pictureParameterSets());
                    p.put("sprop-parameter-sets", SpropParameterSets.encode(sets));
                    p.put("profile-level-id", String.format("%02x%02x%02x", avcc.avcProfileIndication(),
                            avcc.profileCompatibility(), avcc.avcLevelIndication()));
                }
            }
            case H265 -> {
                if (track.hasConfig()) {
                    HevcDecoderConfigurationRecord hvcc = HevcDecoderConfigurationRecord.decode(track.config());
                    p.put("sprop-vps", SpropParameterSets.encode(hvcc.nalUnits(io.camelmedia.codec.h265.NalUnitType.VPS)));
                    p.put("sprop-sps", SpropParameterSets.encode(hvcc.nalUnits(io.camelmedia.codec.h265.NalUnitType.SPS)));
                    p.put("sprop-pps", SpropParameterSets.encode(hvcc.nalUnits(io.camelmedia.codec.h265.NalUnitType.PPS)));
                }
            }
            case AAC -> {
                p.put("streamtype", "5");
                p.put("profile-level-id", "1");
                p.put("mode", "AAC-hbr");
                p.put("sizelength", "13");
                p.put("indexlength", "3");
                p.put("indexdeltalength", "3");
                p.put("config", HexFormat.of().formatHex(track.config()));
            }
            case OPUS -> {
                if (track.channels() == 2) {
                    p.put("sprop-stereo", "1");
                }
            }
            default -> {
            }
        }
        return new Fmtp(payloadType, p);
    }

    private static byte[] avcC(String sprop) {
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        for (byte[] nal : SpropParameterSets.decode(sprop)) {
            int type = NalUnitType.of(nal[0]);
            if (type == NalUnitType.SPS) {
                sps.add(nal);
            } else if (type == NalUnitType.PPS) {
                pps.add(nal);
            }
        }
        return sps.isEmpty() ? null : AvcDecoderConfigurationRecord.of(sps, pps).encode();
    }

    private static byte[] configBytes(Fmtp f) {
        return HexFormat.of().parseHex(f.get("config").orElseThrow().trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code config=} of mpeg4-generic: the AudioSpecificConfig in hex (RFC 3640 §4.1). */
    public static Optional<AudioSpecificConfig> audioSpecificConfig(Fmtp f) {
        Optional<String> hex = f.get("config");
        if (hex.isEmpty() || hex.get().isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = HexFormat.of().parseHex(hex.get().trim().toLowerCase(java.util.Locale.ROOT));
            return Optional.of(AudioSpecificConfig.decode(bytes));
        } catch (IllegalArgumentException e) {
            throw new SdpException("mpeg4-generic config '" + hex.get() + "': " + e.getMessage());
        }
    }

    private static SdpException unsupported(RtpMap map) {
        return new SdpException("payload type " + map.payloadType() + ": encoding " + map.encodingName()
                + " is not supported");
    }
}
