package io.camelmedia.process.filein;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * One media file opened with JavaCV's {@link FFmpegFrameGrabber} (FFmpeg's demuxers: MP4/MOV, Matroska/WebM, FLV,
 * MPEG-TS, Ogg, WAV...), read packet by packet, nothing decoded.
 *
 * <p>Tracks: the streams whose codec the project carries ({@link StreamTracks}) and whose media type is asked for;
 * the first video stream is track 1, the first audio stream track 2, every further kept stream 3, 4... in file
 * order, as the FLV and TS ingests number them. Others are skipped (named in {@link #skipped()}).
 *
 * <p>Packets are read with {@code av_read_frame} on the grabber's format context rather than
 * {@link FFmpegFrameGrabber#grabPacket()}: grabPacket answers null both at the end of the file and on an error
 * (so the demuxer's reason would be lost) and never unreferences the packet it returns. Not thread-safe: one
 * file, one thread.
 */
public final class MediaFileReader implements AutoCloseable {
    private static final int ERROR_TEXT_SIZE = 256;

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final AVFormatContext context;
    private final AVPacket packet;
    private final Map<Integer, StreamTrack> streams = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private long bytes;
    private long minStartMicros = Long.MAX_VALUE;
    private long maxEndMicros = Long.MIN_VALUE;
    private boolean closed;

    private MediaFileReader(Path file, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.grabber = grabber;
        this.context = grabber.getFormatContext();
        this.packet = av_packet_alloc();
    }

    /**
     * Opens {@code file} and reads its stream layout (FFmpeg's find_stream_info).
     *
     * @param mediaTypes   the media types to keep (video, audio)
     * @param maxFrameSize largest packet accepted, in bytes
     * @throws MediaFileException when FFmpeg cannot open it, or it has no stream the project carries
     */
    public static MediaFileReader open(Path file, Set<MediaType> mediaTypes, int maxFrameSize) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        // the grabber opens a decoder for its first video and audio stream; we never decode, so keep them cheap
        grabber.setVideoOption("threads", "1");
        grabber.setAudioOption("threads", "1");
        grabber.setImageMode(FrameGrabber.ImageMode.RAW); // no pixel_format option for the demuxer to reject
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(grabber);
            throw new MediaFileException("cannot open: " + e.getMessage(), e);
        }
        MediaFileReader reader = new MediaFileReader(file, grabber);
        try {
            reader.mapStreams(mediaTypes, maxFrameSize);
        } catch (RuntimeException e) {
            reader.close();
            throw e instanceof MediaFileException m ? m : new MediaFileException(e.getMessage(), e);
        }
        return reader;
    }

    private void mapStreams(Set<MediaType> mediaTypes, int maxFrameSize) {
        boolean video = false;
        boolean audio = false;
        int nextId = 3;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream st = context.streams(i);
            AVCodecParameters par = st.codecpar();
            String name = avcodec.avcodec_get_name(par.codec_id()).getString();
            MediaType type = StreamTracks.mediaType(par.codec_type());
            if (type == null || !mediaTypes.contains(type)) {
                skipped.add("#" + i + " " + name + (type == null ? "" : " (" + type.name().toLowerCase() + " not asked for)"));
                continue;
            }
            if (StreamTracks.codec(par.codec_id()) == null) {
                skipped.add("#" + i + " " + name + " (codec not carried)");
                continue;
            }
            int id;
            if (type == MediaType.VIDEO && !video) {
                id = 1;
                video = true;
            } else if (type == MediaType.AUDIO && !audio) {
                id = 2;
                audio = true;
            } else {
                id = nextId++;
            }
            StreamTrack track = StreamTracks.of(i, id, par, st.time_base().num(), st.time_base().den(), maxFrameSize);
            AVRational rate = st.avg_frame_rate();
            if (type == MediaType.VIDEO && rate.num() > 0 && rate.den() > 0) {
                // one frame in the time base: (den / num) s = den * tbDen / (num * tbNum) ticks
                track.missingDts(par.video_delay(), StreamTrack.rescale(rate.den(), st.time_base().den(),
                        (long) rate.num() * st.time_base().num()));
            }
            streams.put(i, track);
        }
        if (streams.isEmpty()) {
            throw new MediaFileException("no stream to read (" + String.join(", ", skipped) + ")");
        }
    }

    /** FFmpeg's name of the container format (e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm}). */
    public String formatName() {
        return grabber.getFormat();
    }

    /** The file's duration in microseconds as the container states it, or -1 when it does not. */
    public long durationMicros() {
        long d = context.duration();
        return d == StreamTrack.NO_TIMESTAMP || d < 0 ? -1 : d;
    }

    /** The tracks as they are now (a NAL-unit track from MPEG-TS gets its record from its first parameter sets). */
    public List<Track> tracks() {
        return streams.values().stream().map(StreamTrack::track).toList();
    }

    /** True once every track has its codec configuration. */
    public boolean configured() {
        return streams.values().stream().allMatch(StreamTrack::configured);
    }

    /** The streams not read, e.g. {@code #2 subrip}. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** Payload bytes of the packets read so far. */
    public long bytesRead() {
        return bytes;
    }

    /** Frames dropped because their parameter sets had not been seen. */
    public long dropped() {
        return streams.values().stream().mapToLong(StreamTrack::dropped).sum();
    }

    /** The span from the earliest dts to the latest pts + duration read, in µs (what one loop pass lasts). */
    public long spanMicros() {
        return maxEndMicros < minStartMicros ? 0 : maxEndMicros - minStartMicros;
    }

    /** Shifts every frame read from now on by {@code micros} (the total loop offset). */
    public void offsetMicros(long micros) {
        streams.values().forEach(s -> s.offsetMicros(micros));
    }

    /** Tracks as another reader of the same file left them (the same ids, in-band records), for a loop. */
    void continueFrom(MediaFileReader previous) {
        if (!previous.tracks().stream().map(Track::codec).toList().equals(tracks().stream().map(Track::codec).toList())) {
            throw new MediaFileException("the file's streams changed between two loops: " + previous.tracks() + " then "
                    + tracks());
        }
    }

    /**
     * The next frame of a kept stream, or null at the end of the file.
     *
     * @throws MediaFileException when the demuxer fails (its reason and the byte position), or a packet is refused
     */
    public MediaFrame next() {
        while (true) {
            int ret = av_read_frame(context, packet);
            if (ret == AVERROR_EOF) {
                checkComplete();
                return null;
            }
            if (ret < 0) {
                throw new MediaFileException("demuxer error " + ret + " (" + errorText(ret) + ") at byte "
                        + position() + " of " + file.getFileName());
            }
            try {
                StreamTrack s = streams.get(packet.stream_index());
                if (s == null || packet.size() <= 0) {
                    continue;
                }
                MediaFrame f = frameOf(s);
                if (f != null) {
                    return f;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /**
     * At the end of the file: a stream with fewer packets than its container's index lists (an MP4 cut short,
     * whose sample table outlives the data) ends with that as the reason rather than a plain end of file. Not
     * for G.711, whose index counts samples while its packets carry many.
     */
    private void checkComplete() {
        for (StreamTrack s : streams.values()) {
            if (s.track().codec() == Codec.PCMU || s.track().codec() == Codec.PCMA) {
                continue;
            }
            long listed = context.streams(s.streamIndex).nb_frames();
            if (listed > 0 && s.packets < listed) {
                throw new MediaFileException("file truncated: end of file after " + s.packets + " of the " + listed
                        + " packets its index lists for stream " + s.streamIndex + " (" + s.track().codec() + "), at byte "
                        + position() + " of " + file.getFileName());
            }
        }
    }

    private MediaFrame frameOf(StreamTrack s) {
        s.packets++;
        byte[] data = new byte[packet.size()];
        packet.data().position(0).get(data, 0, data.length);
        bytes += data.length;
        long pts = packet.pts();
        long dts = packet.dts();
        long first = dts != StreamTrack.NO_TIMESTAMP ? dts : pts;
        if (first != StreamTrack.NO_TIMESTAMP) {
            long last = (pts != StreamTrack.NO_TIMESTAMP ? Math.max(pts, first) : first) + Math.max(0, packet.duration());
            minStartMicros = Math.min(minStartMicros, s.toMicros(first));
            maxEndMicros = Math.max(maxEndMicros, s.toMicros(last));
        }
        return s.frame(data, pts, dts, packet.duration(), (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0);
    }

    private long position() {
        return context.pb() == null ? -1 : org.bytedeco.ffmpeg.global.avformat.avio_tell(context.pb());
    }

    /** FFmpeg's text for an error code (av_strerror), for every JavaCV caller's messages. */
    public static String errorText(int err) {
        byte[] buf = new byte[ERROR_TEXT_SIZE];
        if (av_strerror(err, buf, buf.length) < 0) {
            return "unknown error";
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av_packet_free(packet);
        releaseQuietly(grabber);
    }

    private static void releaseQuietly(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // closing a file that failed: nothing more to say than the failure itself
        }
    }

    /** The extradata of {@code par} as bytes (empty when none). */
    static byte[] extradata(AVCodecParameters par) {
        int n = par.extradata_size();
        if (n <= 0 || par.extradata() == null || par.extradata().isNull()) {
            return new byte[0];
        }
        byte[] b = new byte[n];
        par.extradata().position(0).get(b, 0, n);
        return b;
    }
}
