package io.camelmedia.format.ogg;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

import io.camelmedia.codec.CodecException;
import io.camelmedia.codec.opus.OpusHead;
import io.camelmedia.codec.opus.OpusToc;
import io.camelmedia.frame.Codec;
import io.camelmedia.frame.MediaFrame;
import io.camelmedia.frame.Track;

/**
 * Writes an Ogg Opus file ({@code .opus}, RFC 7845): the identification header alone on the first page
 * (BOS, granule 0), the comment header on its own page(s) (granule 0), then the audio packets, one page
 * per {@link Options#maxPageSamples()} of audio (1 s by default, as janus-pp-rec and ffmpeg's Ogg muxer
 * group them), and the last page marked EOS by {@link #close()}.
 *
 * <p>Granule positions (RFC 7845 4): 48 kHz sample counts from the first decoded sample, pre-skip
 * included, of the last packet that ends on the page. Packets follow each other (each one's duration from
 * its TOC, RFC 6716 3.1) unless a packet's pts (relative to the first packet's) is later than the previous
 * packet's end by more than half a packet: that gap (lost packets) is kept as a granule jump, so the
 * timeline stays in sync. Smaller differences are rounding jitter and overlaps never move granules back.
 * This writer does not invent audio (janus-pp-rec inserts silence packets for gaps; a caller that wants
 * that inserts them).
 *
 * <p>Crash safety: every page is self-delimiting with its own CRC; a crash loses at most the pending
 * page (up to one page duration plus one packet; a page is written when the next packet would not fit it).
 * Single-threaded, like the stream that feeds it.
 */
public final class OggOpusWriter implements Closeable {
    /** RFC 7845 5.2: the comment header's magic. */
    private static final byte[] OPUS_TAGS = "OpusTags".getBytes(StandardCharsets.US_ASCII);
    /** Opus granules are at 48 kHz (RFC 7845 4). */
    public static final int GRANULE_RATE = OpusHead.DECODE_RATE;
    /** 1 s of 48 kHz samples: the page duration janus-pp-rec (50 x 20 ms) and ffmpeg ({@code page_duration}) use. */
    public static final int DEFAULT_MAX_PAGE_SAMPLES = GRANULE_RATE;
    /** RFC 7845 5.2 allows "up to 125,829,120 octets" of comments; we write a few short ones. */
    public static final int MAX_TAGS_SIZE = 64 * 1024;

    /**
     * @param serial         bitstream_serial_number (RFC 3533: unique per logical stream; random by default)
     * @param maxPageSamples audio per page in 48 kHz samples, bounding what a crash loses
     * @param vendor         the OpusTags vendor string
     * @param comments       OpusTags user comments, {@code NAME=value}
     */
    public record Options(int serial, int maxPageSamples, String vendor, List<String> comments) {
        public Options {
            if (maxPageSamples <= 0) {
                throw new IllegalArgumentException("maxPageSamples must be positive: " + maxPageSamples);
            }
            Objects.requireNonNull(vendor, "vendor");
            comments = List.copyOf(comments);
        }

        /** A random serial, 1 s pages, vendor "camel-media", no comments. */
        public static Options defaults() {
            return new Options(new SecureRandom().nextInt(), DEFAULT_MAX_PAGE_SAMPLES, "camel-media", List.of());
        }

        public Options withSerial(int newSerial) {
            return new Options(newSerial, maxPageSamples, vendor, comments);
        }

        public Options withComments(List<String> newComments) {
            return new Options(serial, maxPageSamples, vendor, newComments);
        }
    }

    private final OggStreamWriter stream;
    private final OpusHead head;
    private final Options options;
    private long granule;
    private long pageStartGranule;
    private long firstPts = Long.MIN_VALUE;
    private long packets;
    private boolean closed;

    /**
     * A writer for an Opus {@code track}: its OpusHead configuration, or (none known, as for RTP sources)
     * a family-0 head with the track's channel count (2 if unknown), pre-skip 0 and 48 kHz input.
     */
    public OggOpusWriter(WritableByteChannel out, Track track, Options options) throws IOException {
        this(out, headOf(track), options);
    }

    public OggOpusWriter(WritableByteChannel out, OpusHead head, Options options) throws IOException {
        this.head = Objects.requireNonNull(head, "head");
        this.options = Objects.requireNonNull(options, "options");
        this.stream = new OggStreamWriter(out, options.serial());
        stream.packet(head.encode(), 0, head.encodedLength(), 0);
        stream.flush(); // RFC 7845 3: the ID header "MUST be the only packet" on the first page
        byte[] tags = tags(options);
        stream.packet(tags, 0, tags.length, 0);
        stream.flush(); // RFC 7845 3: audio data "MUST begin on a fresh page" after the comment header
    }

    static OpusHead headOf(Track track) {
        if (track.codec() != Codec.OPUS) {
            throw new OggException("Ogg Opus: track " + track.id() + " is " + track.codec() + ", not OPUS");
        }
        if (track.hasConfig()) {
            try {
                return OpusHead.decode(track.config());
            } catch (CodecException e) {
                throw new OggException("Ogg Opus: track " + track.id() + " OpusHead is malformed: " + e.getMessage(), e);
            }
        }
        int channels = track.channels() > 0 ? track.channels() : 2;
        return OpusHead.of(channels, 0, GRANULE_RATE);
    }

    /** RFC 7845 5.2: 'OpusTags', vendor length + string, comment count, each length + string (LE). */
    static byte[] tags(Options options) {
        byte[] vendor = options.vendor().getBytes(StandardCharsets.UTF_8);
        int size = OPUS_TAGS.length + 4 + vendor.length + 4;
        List<byte[]> comments = options.comments().stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
        for (byte[] c : comments) {
            size += 4 + c.length;
        }
        if (size > MAX_TAGS_SIZE) {
            throw new OggException("OpusTags: " + size + " bytes exceed the limit " + MAX_TAGS_SIZE);
        }
        byte[] out = new byte[size];
        System.arraycopy(OPUS_TAGS, 0, out, 0, OPUS_TAGS.length);
        int p = OPUS_TAGS.length;
        OggPage.putLe(out, p, vendor.length, 4);
        System.arraycopy(vendor, 0, out, p + 4, vendor.length);
        p += 4 + vendor.length;
        OggPage.putLe(out, p, comments.size(), 4);
        p += 4;
        for (byte[] c : comments) {
            OggPage.putLe(out, p, c.length, 4);
            System.arraycopy(c, 0, out, p + 4, c.length);
            p += 4 + c.length;
        }
        return out;
    }

    /** Writes one Opus frame (its pts on the 48 kHz track clock). */
    public void write(MediaFrame frame) throws IOException {
        if (frame.codec() != Codec.OPUS) {
            throw new OggException("Ogg Opus: frame of " + frame.codec() + " on track " + frame.track().id());
        }
        long pts48 = frame.track().clockRate() == GRANULE_RATE ? frame.pts()
                : Math.round(frame.pts() * (double) GRANULE_RATE / frame.track().clockRate());
        writePacket(frame.payloadBytes(), pts48);
    }

    /**
     * Writes one Opus packet starting at {@code pts} (48 kHz ticks on any origin: the first packet's pts is
     * position 0).
     *
     * @throws OggException for an empty packet or a malformed TOC (RFC 6716 3.1), the packet not written
     */
    public void writePacket(byte[] packet, long pts) throws IOException {
        if (closed) {
            throw new IllegalStateException("Ogg Opus writer is closed");
        }
        int samples;
        try {
            if (packet.length == 0) {
                throw new OggException("Ogg Opus: empty packet at pts " + pts + " (RFC 6716 3.1 needs a TOC byte)");
            }
            samples = OpusToc.packetSamples(packet);
        } catch (CodecException e) {
            throw new OggException("Ogg Opus: packet " + packets + " at pts " + pts + ": " + e.getMessage(), e);
        }
        if (firstPts == Long.MIN_VALUE) {
            firstPts = pts;
        }
        long start = start(pts - firstPts, samples);
        if (stream.pendingPackets() > 0 && start + samples - pageStartGranule > options.maxPageSamples()) {
            stream.flush();
        }
        if (stream.pendingPackets() == 0) {
            pageStartGranule = granule;
        }
        granule = start + samples;
        stream.packet(packet, 0, packet.length, granule);
        packets++;
    }

    /**
     * Where a packet of {@code samples} with relative pts {@code at} starts: right after the previous packet
     * when its pts is within half a packet of that (timestamps rounded on the way, e.g. FLV milliseconds, are
     * jitter, not gaps), at its pts when it is later than that (a gap: lost packets), and never before the
     * previous packet's end (granules do not go back).
     */
    private long start(long at, int samples) {
        if (at - granule > samples / 2) {
            return at;
        }
        return granule;
    }

    /** Writes the last page, marked EOS. Does not close the channel. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            stream.close();
        }
    }

    public OpusHead head() {
        return head;
    }

    /** Audio packets written (or pending). */
    public long packets() {
        return packets;
    }

    /** The granule position after the last packet: 48 kHz samples including the pre-skip. */
    public long granulePosition() {
        return granule;
    }

    public long bytesWritten() {
        return stream.bytesWritten();
    }

    public long pagesWritten() {
        return stream.pagesWritten();
    }
}
