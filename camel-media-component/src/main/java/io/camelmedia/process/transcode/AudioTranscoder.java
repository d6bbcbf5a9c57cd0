package io.camelmedia.process.transcode;

import java.util.ArrayList;
import java.util.List;

import io.camelmedia.codec.aac.AudioSpecificConfig;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

/**
 * Transcodes the audio frames of one track: FFmpeg decoder, swresample to the encoder's rate, layout and sample format,
 * an audio FIFO cutting the encoder's frame size, then libopus or FFmpeg's native AAC encoder.
 *
 * <h2>Time</h2>
 * Output pts count samples from the first input frame's pts (converted to the output clock): the sample at input time
 * T comes out at time T. Opus: the first packet has the first input's pts and the OpusHead's pre-skip (the encoder's
 * initial_padding) tells the player to drop the encoder delay. AAC carries no priming in MPEG-TS or RTMP, so its packets
 * are shifted back by the encoder delay (1024 samples: the first packet's pts is the first input's minus 1024), which
 * keeps A/V sync exact. Packets that would start before 0 (a source whose first pts is its priming, below 0, or the AAC
 * shift at a stream starting at 0) are left out: they hold only the start's first milliseconds. Input gaps are not kept (the output counts samples); a stream with loss drifts by the lost time.
 *
 * <h2>Resources</h2>
 * Every native struct is freed by {@link #close()} (idempotent); one instance is used by one thread at a time. The FIFO
 * holds at most one encoder frame plus one decoded frame, so memory stays bounded.
 */
public final class AudioTranscoder implements AutoCloseable {
    /** AVERROR(EAGAIN) on Linux, the platform the bundled FFmpeg is for. */
    private static final int EAGAIN = -11;
    private static final int MAX_PACKET = 1 << 16;

    private final Track input;
    private final AudioTranscodeConfig config;
    private final AVCodecContext decoder;
    private final AVCodecContext encoder;
    private final AVPacket packet;
    private final AVFrame decoded;
    private final AVFrame resampled;
    private final AVFrame encoderFrame;
    private final AVAudioFifo fifo;
    private final Track output;
    private final int outRate;
    private final int frameSize;
    private final int delay;
    private SwrContext swr;
    private long firstPts = Long.MIN_VALUE;
    private long samplesSent;
    private boolean closed;

    public AudioTranscoder(Track input, AudioTranscodeConfig config) {
        if (input.mediaType() != MediaType.AUDIO) {
            throw new IllegalArgumentException("not an audio track: " + input);
        }
        this.input = input;
        this.config = config;
        this.outRate = config.effectiveSampleRate();
        int channels = config.effectiveChannels(input.channels() == 0 ? 2 : input.channels());
        this.packet = av_packet_alloc();
        this.decoded = av_frame_alloc();
        this.resampled = av_frame_alloc();
        this.encoderFrame = av_frame_alloc();
        AVCodecContext dec = null;
        AVCodecContext enc = null;
        AVAudioFifo f = null;
        try {
            dec = openDecoder(input);
            enc = openEncoder(config, outRate, channels);
            f = av_audio_fifo_alloc(enc.sample_fmt(), channels, enc.frame_size() * 4);
            if (f == null) {
                throw new AudioTranscodeException("cannot allocate the audio FIFO");
            }
        } catch (RuntimeException e) {
            freeAll(dec, enc, f);
            av_packet_free(packet);
            av_frame_free(decoded);
            av_frame_free(resampled);
            av_frame_free(encoderFrame);
            throw e;
        }
        this.decoder = dec;
        this.encoder = enc;
        this.fifo = f;
        this.frameSize = enc.frame_size();
        this.delay = enc.initial_padding();
        this.output = outputTrack(input.id(), config.codec(), outRate, channels, delay);
    }

    private static Track outputTrack(int id, Codec codec, int rate, int channels, int delay) {
        byte[] head = codec == Codec.OPUS ? OpusHead.of(channels, delay, rate).encode()
                : AudioSpecificConfig.of(AudioSpecificConfig.AOT_AAC_LC, rate, channels).encode();
        return Track.builder(id, codec).sampleRate(rate).channels(channels)
                .clockRate(codec == Codec.OPUS ? OpusHead.DECODE_RATE : rate).config(head).build();
    }

    /** True when this transcoder can decode {@code codec}. */
    public static boolean canDecode(Codec codec) {
        return decoderId(codec) >= 0;
    }

    private static int decoderId(Codec codec) {
        return switch (codec) {
            case AAC -> AV_CODEC_ID_AAC;
            case OPUS -> AV_CODEC_ID_OPUS;
            case PCMU -> AV_CODEC_ID_PCM_MULAW;
            case PCMA -> AV_CODEC_ID_PCM_ALAW;
            case MP3 -> AV_CODEC_ID_MP3;
            case G722 -> AV_CODEC_ID_ADPCM_G722;
            default -> -1;
        };
    }

    private static AVCodecContext openDecoder(Track t) {
        int id = decoderId(t.codec());
        AVCodec codec = id < 0 ? null : avcodec_find_decoder(id);
        if (codec == null) {
            throw new AudioTranscodeException("no decoder for " + t.codec());
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        int rate = t.sampleRate() != 0 ? t.sampleRate() : t.clockRate();
        ctx.sample_rate(t.codec() == Codec.G722 ? 16_000 : rate);
        av_channel_layout_default(ctx.ch_layout(), t.channels() == 0 ? 1 : t.channels());
        if (t.hasConfig()) {
            byte[] cfg = t.config();
            BytePointer extra = new BytePointer(av_mallocz(cfg.length + AV_INPUT_BUFFER_PADDING_SIZE));
            extra.put(cfg, 0, cfg.length);
            ctx.extradata(extra);
            ctx.extradata_size(cfg.length);
        }
        check(avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), ctx, "opening the " + t.codec() + " decoder");
        return ctx;
    }

    private static AVCodecContext openEncoder(AudioTranscodeConfig cfg, int rate, int channels) {
        AVCodec codec = cfg.codec() == Codec.OPUS ? avcodec_find_encoder_by_name("libopus") : avcodec_find_encoder(AV_CODEC_ID_AAC);
        if (codec == null) {
            throw new AudioTranscodeException("no " + (cfg.codec() == Codec.OPUS ? "libopus" : "aac") + " encoder in this FFmpeg");
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        ctx.sample_rate(rate);
        ctx.sample_fmt(cfg.codec() == Codec.OPUS ? AV_SAMPLE_FMT_FLT : AV_SAMPLE_FMT_FLTP);
        av_channel_layout_default(ctx.ch_layout(), channels);
        ctx.bit_rate(cfg.bitrate());
        ctx.time_base().num(1).den(rate);
        if (cfg.codec() == Codec.OPUS && cfg.frameMillis() != 0) {
            av_opt_set(ctx.priv_data(), "frame_duration", String.valueOf(cfg.frameMillis()), 0);
        }
        check(avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), ctx, "opening the " + cfg.codec() + " encoder");
        return ctx;
    }

    private static void check(int ret, AVCodecContext ctx, String what) {
        if (ret < 0) {
            avcodec_free_context(ctx);
            throw new AudioTranscodeException(what + " failed: " + error(ret));
        }
    }

    static String error(int ret) {
        byte[] buf = new byte[128];
        av_strerror(ret, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + ret + ")";
    }

    /** The track the output frames are on: same id, the new codec and its configuration (OpusHead or AudioSpecificConfig). */
    public Track outputTrack() {
        return output;
    }

    public Track inputTrack() {
        return input;
    }

    /** The encoder delay in output samples: the OpusHead's pre-skip, the AAC priming. */
    public int encoderDelay() {
        return delay;
    }

    /**
     * Decodes {@code frame} and returns the packets the encoder gave for it (none, one, or a few).
     *
     * @throws AudioTranscodeException when FFmpeg refuses the frame; the transcoder should then be closed
     */
    public List<MediaFrame> transcode(MediaFrame frame) {
        ensureOpen();
        if (firstPts == Long.MIN_VALUE) {
            firstPts = Math.multiplyExact(frame.pts(), (long) output.clockRate()) / frame.track().clockRate();
        }
        int len = frame.payloadLength();
        if (len == 0 || len > MAX_PACKET) {
            throw new AudioTranscodeException("an audio frame of " + len + " bytes (at most " + MAX_PACKET + ")");
        }
        av_packet_unref(packet);
        if (av_new_packet(packet, len) < 0) {
            throw new AudioTranscodeException("cannot allocate a packet of " + len + " bytes");
        }
        packet.data().position(0).put(frame.payloadBytes(), 0, len);
        int ret = avcodec_send_packet(decoder, packet);
        av_packet_unref(packet);
        if (ret < 0 && ret != EAGAIN) {
            throw new AudioTranscodeException("the " + input.codec() + " decoder refused a frame: " + error(ret));
        }
        List<MediaFrame> out = new ArrayList<>(2);
        while (true) {
            ret = avcodec_receive_frame(decoder, decoded);
            if (ret == EAGAIN || ret == AVERROR_EOF()) {
                break;
            }
            if (ret < 0) {
                throw new AudioTranscodeException("the " + input.codec() + " decoder failed: " + error(ret));
            }
            resample(decoded);
            av_frame_unref(decoded);
            encodeFull(out);
        }
        return out;
    }

    /** The encoder's last packets: the FIFO's rest (padded with silence) and the encoder's delay, at the end of the stream. */
    public List<MediaFrame> flush() {
        ensureOpen();
        List<MediaFrame> out = new ArrayList<>(4);
        if (firstPts == Long.MIN_VALUE) {
            return out;
        }
        int rest = av_audio_fifo_size(fifo);
        if (rest > 0) {
            sendFifo(rest, out);
        }
        avcodec_send_frame(encoder, null);
        receivePackets(out);
        return out;
    }

    private void resample(AVFrame in) {
        if (swr == null) {
            swr = swr_alloc();
            int ret = swr_alloc_set_opts2(swr, encoder.ch_layout(), encoder.sample_fmt(), outRate,
                    in.ch_layout(), in.format(), in.sample_rate(), 0, null);
            if (ret < 0 || (ret = swr_init(swr)) < 0) {
                throw new AudioTranscodeException("cannot resample " + in.sample_rate() + " Hz to " + outRate + " Hz: " + error(ret));
            }
        }
        av_frame_unref(resampled);
        av_channel_layout_copy(resampled.ch_layout(), encoder.ch_layout());
        resampled.format(encoder.sample_fmt());
        resampled.sample_rate(outRate);
        int ret = swr_convert_frame(swr, resampled, in);
        if (ret < 0) {
            throw new AudioTranscodeException("resampling failed: " + error(ret));
        }
        if (resampled.nb_samples() > 0 && av_audio_fifo_write(fifo, resampled.extended_data(), resampled.nb_samples()) < 0) {
            throw new AudioTranscodeException("cannot write " + resampled.nb_samples() + " samples to the FIFO");
        }
        av_frame_unref(resampled);
    }

    private void encodeFull(List<MediaFrame> out) {
        while (av_audio_fifo_size(fifo) >= frameSize) {
            sendFifo(frameSize, out);
        }
    }

    private void sendFifo(int samples, List<MediaFrame> out) {
        av_frame_unref(encoderFrame);
        encoderFrame.nb_samples(frameSize);
        encoderFrame.format(encoder.sample_fmt());
        encoderFrame.sample_rate(outRate);
        av_channel_layout_copy(encoderFrame.ch_layout(), encoder.ch_layout());
        if (av_frame_get_buffer(encoderFrame, 0) < 0) {
            throw new AudioTranscodeException("cannot allocate an encoder frame");
        }
        if (samples < frameSize) {
            av_samples_set_silence(encoderFrame.extended_data(), 0, frameSize, encoderFrame.ch_layout().nb_channels(),
                    encoder.sample_fmt());
        }
        av_audio_fifo_read(fifo, encoderFrame.extended_data(), samples);
        encoderFrame.pts(samplesSent);
        samplesSent += frameSize;
        int ret = avcodec_send_frame(encoder, encoderFrame);
        av_frame_unref(encoderFrame);
        if (ret < 0) {
            throw new AudioTranscodeException("the " + config.codec() + " encoder refused a frame: " + error(ret));
        }
        receivePackets(out);
    }

    private void receivePackets(List<MediaFrame> out) {
        while (true) {
            int ret = avcodec_receive_packet(encoder, packet);
            if (ret == EAGAIN || ret == AVERROR_EOF()) {
                return;
            }
            if (ret < 0) {
                throw new AudioTranscodeException("the " + config.codec() + " encoder failed: " + error(ret));
            }
            byte[] data = new byte[packet.size()];
            packet.data().position(0).get(data);
            // Opus: the encoder's pts start at -initial_padding, the pre-skip covers it; AAC: kept shifted (see class comment)
            long pts = firstPts + packet.pts() + (config.codec() == Codec.OPUS ? delay : 0);
            av_packet_unref(packet);
            // before the stream's zero (the source's own priming, the AAC shift): MPEG-TS would wrap it, WebM refuses it
            if (pts >= 0) {
                out.add(MediaFrame.of(output, pts, pts, true, BitstreamFormat.RAW, data));
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("transcoder closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (swr != null) {
            swr_free(swr);
        }
        freeAll(decoder, encoder, fifo);
        av_packet_free(packet);
        av_frame_free(decoded);
        av_frame_free(resampled);
        av_frame_free(encoderFrame);
    }

    private static void freeAll(AVCodecContext dec, AVCodecContext enc, AVAudioFifo f) {
        if (dec != null) {
            avcodec_free_context(dec);
        }
        if (enc != null) {
            avcodec_free_context(enc);
        }
        if (f != null) {
            av_audio_fifo_free(f);
        }
    }
}
