package io.camelmedia.process.snapshot;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.camelmedia.frame.BitstreamFormat;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.process.annexb.AnnexbConverter;
import io.camelmedia.process.filein.MediaFileReader;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * One video key frame to one JPEG or PNG: decode (a decoder opened for this frame alone, with the track's
 * configuration record as extradata, flushed at once so the picture comes out without a successor), scale to the
 * asked width (bicubic, as ffmpeg's scale filter), encode. Stateless and thread-safe: each call owns its FFmpeg
 * contexts and frees them before it returns, whatever happens.
 */
public final class KeyFrameSnapshot {
    /** Largest key frame taken (a 4K intra frame is a few MB): bounds what one call hands to the decoder. */
    public static final int MAX_PAYLOAD = 32 << 20;

    private KeyFrameSnapshot() {
    }

    /** The image of {@code keyFrame} (a video key frame with its track) as {@code spec} says. */
    public static byte[] make(MediaFrame keyFrame, SnapshotSpec spec) {
        if (!keyFrame.keyframe() || keyFrame.track().mediaType() != io.camelmedia.frame.MediaType.VIDEO) {
            throw new IllegalArgumentException("snapshot: needs a video key frame, got " + keyFrame);
        }
        if (keyFrame.payloadLength() > MAX_PAYLOAD) {
            throw new SnapshotException("snapshot: key frame of " + keyFrame.payloadLength() + " bytes is over " + MAX_PAYLOAD);
        }
        // Annex B parameter sets move into the track's avcC/hvcC: the decoder then reads one form
        MediaFrame frame = keyFrame.format() == BitstreamFormat.ANNEX_B ? new AnnexbConverter().toAvcc(keyFrame) : keyFrame;
        AVFrame picture = decode(frame);
        try {
            return encode(picture, spec);
        } finally {
            av_frame_free(picture);
        }
    }

    private static AVFrame decode(MediaFrame f) {
        AVCodec codec = decoder(f.codec());
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame picture = av_frame_alloc();
        try {
            ctx.thread_count(1);
            if (f.codec().isNalBased() && f.track().hasConfig()) {
                byte[] config = f.track().config();
                // FFmpeg owns extradata (avcodec_free_context frees it): allocated with av_mallocz, padded
                BytePointer extra = new BytePointer(av_mallocz(config.length + AV_INPUT_BUFFER_PADDING_SIZE))
                        .capacity(config.length + AV_INPUT_BUFFER_PADDING_SIZE);
                extra.put(config);
                ctx.extradata(extra).extradata_size(config.length);
            }
            check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening the " + f.codec() + " decoder");
            byte[] payload = f.payloadBytes();
            check(av_new_packet(packet, payload.length), "allocating a packet");
            packet.data().put(payload);
            packet.flags(AV_PKT_FLAG_KEY);
            check(avcodec_send_packet(ctx, packet), "decoding the " + f.codec() + " key frame");
            check(avcodec_send_packet(ctx, null), "flushing the decoder"); // no successor: the picture comes out now
            check(avcodec_receive_frame(ctx, picture), "decoding the " + f.codec() + " key frame (no picture)");
            AVFrame out = picture;
            picture = null;
            return out;
        } finally {
            av_packet_free(packet);
            if (picture != null) {
                av_frame_free(picture);
            }
            avcodec_free_context(ctx);
        }
    }

    private static AVCodec decoder(Codec codec) {
        AVCodec c = switch (codec) {
            case H264 -> avcodec_find_decoder(AV_CODEC_ID_H264);
            case H265 -> avcodec_find_decoder(AV_CODEC_ID_HEVC);
            case VP8 -> avcodec_find_decoder(AV_CODEC_ID_VP8);
            case VP9 -> avcodec_find_decoder(AV_CODEC_ID_VP9);
            // FFmpeg's own "av1" decoder needs a hardware accelerator; libdav1d or libaom decode in software
            case AV1 -> firstDecoder("libdav1d", "libaom-av1");
            default -> throw new IllegalArgumentException("snapshot: " + codec + " is not a video codec it decodes");
        };
        if (c == null) {
            throw new SnapshotException("snapshot: this FFmpeg build has no " + codec + " decoder");
        }
        return c;
    }

    private static AVCodec firstDecoder(String... names) {
        for (String n : names) {
            AVCodec c = avcodec_find_decoder_by_name(n);
            if (c != null) {
                return c;
            }
        }
        return avcodec_find_decoder(AV_CODEC_ID_AV1);
    }

    private static byte[] encode(AVFrame picture, SnapshotSpec spec) {
        int srcW = picture.width();
        int srcH = picture.height();
        int w = even(spec.width() == 0 ? srcW : spec.width());
        int h = even((int) Math.round((double) srcH * w / srcW));
        boolean jpeg = spec.format() == ImageFormat.JPEG;
        // JPEG is full-range YUV: yuv420p marked full range (yuvj420p is deprecated and makes swscale warn each time)
        int pixFmt = jpeg ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_RGB24;
        AVFrame scaled = av_frame_alloc();
        AVCodecContext enc = null;
        AVPacket packet = av_packet_alloc();
        try {
            scaled.format(pixFmt).width(w).height(h).color_range(jpeg ? AVCOL_RANGE_JPEG : picture.color_range());
            check(av_frame_get_buffer(scaled, 0), "allocating the " + w + "x" + h + " picture");
            scale(picture, scaled);
            AVCodec codec = avcodec_find_encoder(jpeg ? AV_CODEC_ID_MJPEG : AV_CODEC_ID_PNG);
            if (codec == null) {
                throw new SnapshotException("snapshot: this FFmpeg build has no " + spec.format() + " encoder");
            }
            enc = avcodec_alloc_context3(codec);
            enc.width(w).height(h).pix_fmt(pixFmt).time_base(av_make_q(1, 25));
            if (jpeg) {
                // ffmpeg -q:v N: fixed quantiser, lambda = FF_QP2LAMBDA * N, on the context and the frame
                enc.flags(enc.flags() | AV_CODEC_FLAG_QSCALE).global_quality(FF_QP2LAMBDA * spec.quality())
                        .color_range(AVCOL_RANGE_JPEG);
                scaled.quality(FF_QP2LAMBDA * spec.quality());
            } else {
                enc.compression_level(spec.compressionLevel());
            }
            check(avcodec_open2(enc, codec, (AVDictionary) null), "opening the " + spec.format() + " encoder");
            check(avcodec_send_frame(enc, scaled), "encoding " + spec.format());
            check(avcodec_send_frame(enc, null), "flushing the " + spec.format() + " encoder");
            check(avcodec_receive_packet(enc, packet), "encoding " + spec.format() + " (no packet)");
            byte[] out = new byte[packet.size()];
            packet.data().get(out);
            return out;
        } finally {
            av_packet_free(packet);
            if (enc != null) {
                avcodec_free_context(enc);
            }
            av_frame_free(scaled);
        }
    }

    private static void scale(AVFrame src, AVFrame dst) {
        SwsContext sws = sws_getContext(src.width(), src.height(), src.format(), dst.width(), dst.height(), dst.format(),
                SWS_BICUBIC, null, null, (DoublePointer) null);
        if (sws == null) {
            throw new SnapshotException("snapshot: no scaler from pixel format " + src.format() + " " + src.width() + "x"
                    + src.height() + " to " + dst.width() + "x" + dst.height());
        }
        try {
            if (dst.color_range() == AVCOL_RANGE_JPEG && dst.format() != AV_PIX_FMT_RGB24) {
                IntPointer coefficients = sws_getCoefficients(SWS_CS_DEFAULT);
                sws_setColorspaceDetails(sws, coefficients, src.color_range() == AVCOL_RANGE_JPEG ? 1 : 0, coefficients, 1,
                        0, 1 << 16, 1 << 16);
            }
            check(sws_scale(sws, src.data(), src.linesize(), 0, src.height(), dst.data(), dst.linesize()), "scaling");
        } finally {
            sws_freeContext(sws);
        }
    }

    private static int even(int v) {
        return Math.max(2, v & ~1);
    }

    private static void check(int err, String what) {
        if (err < 0) {
            throw new SnapshotException("snapshot: " + what + " failed: " + MediaFileReader.errorText(err));
        }
    }
}
