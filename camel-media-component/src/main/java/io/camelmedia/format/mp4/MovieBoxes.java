package io.camelmedia.format.mp4;

import java.util.ArrayList;
import java.util.List;

import io.camelmedia.format.fmp4.Box;
import io.camelmedia.format.fmp4.BoxWriter;
import io.camelmedia.format.fmp4.SampleEntry;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * The {@code ftyp} and {@code moov} of a non-fragmented MP4 file (ISO/IEC 14496-12 4.3, 8.2-8.7):
 * {@code moov(mvhd, trak(tkhd, [edts(elst)], mdia(mdhd, hdlr, minf(vmhd|smhd, dinf(dref(url )),
 * stbl(stsd, stts, [ctts], [stss], stsc, stsz, stco|co64))))...)}. The sample entries inside stsd are the
 * fragmented writer's ({@link SampleEntry}: avc1/avcC, hvc1/hvcC, av01/av1C, vp09/vpcC, mp4a/esds,
 * Opus/dOps), so both writers describe a track identically.
 *
 * <p>Time: each track's media timescale is its clock (90 kHz video, the sample rate for audio), so frame
 * ticks go into stts/ctts unchanged. A track whose first dts is not 0 gets an edit list (8.6.6) that puts
 * its first sample at that time on the movie timeline: an empty edit before it when it starts later, or a
 * media_time skipping the part before 0 when it starts earlier. The movie timescale is the least common
 * multiple of the track clocks (so those edits are exact), or 1000 if that exceeds 32 bits.
 */
final class MovieBoxes {
    /** 8.3.2.3 tkhd flags: track_enabled | track_in_movie. */
    private static final int TRACK_ENABLED_IN_MOVIE = 0x000003;
    /** 8.4.2.3 mdhd language "und" (three 5-bit letters minus 0x60). */
    private static final int LANGUAGE_UNDETERMINED = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);
    private static final int FIXED_ONE = 0x0001_0000;
    private static final int[] UNITY_MATRIX = {FIXED_ONE, 0, 0, 0, FIXED_ONE, 0, 0, 0, 0x4000_0000};
    private static final long MAX_U32 = 0xFFFF_FFFFL;
    /** Fallback movie timescale: milliseconds. */
    static final int FALLBACK_MOVIE_TIMESCALE = 1000;

    private MovieBoxes() {
    }

    /** 4.3 ftyp: major 'isom' minor 512 (as ffmpeg's MP4 muxer), compatible isom, iso2, mp41 and the codec brands. */
    static Box fileType(List<Track> tracks) {
        List<String> brands = new ArrayList<>(List.of("isom", "iso2"));
        for (Track t : tracks) {
            switch (t.codec()) {
                case H264 -> addOnce(brands, "avc1");
                case AV1 -> addOnce(brands, "av01");
                default -> { }
            }
        }
        brands.add("mp41");
        return Box.leaf("ftyp", 8 + 4 * brands.size(), w -> {
            w.fourCc("isom").u32(512);
            brands.forEach(w::fourCc);
        });
    }

    private static void addOnce(List<String> brands, String b) {
        if (!brands.contains(b)) {
            brands.add(b);
        }
    }

    static int movieTimescale(List<SampleTable> tables) {
        long lcm = 1;
        for (SampleTable t : tables) {
            long rate = t.track.clockRate();
            lcm = lcm / gcd(lcm, rate) * rate;
            if (lcm > Integer.MAX_VALUE) {
                return FALLBACK_MOVIE_TIMESCALE;
            }
        }
        return (int) lcm;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The moov for {@code tables}, chunk offsets from {@code mdatPayloadStart} (absolute in the file). */
    static Box movie(List<SampleTable> tables, long mdatPayloadStart, boolean co64) {
        int timescale = movieTimescale(tables);
        long movieDuration = 0;
        int nextTrackId = 1;
        List<Box> traks = new ArrayList<>();
        for (SampleTable t : tables) {
            long start = rescale(t.firstDts(), t.track.clockRate(), timescale);
            long length = rescale(t.duration(), t.track.clockRate(), timescale);
            movieDuration = Math.max(movieDuration, Math.max(0, start) + length);
            nextTrackId = Math.max(nextTrackId, t.track.id() + 1);
            traks.add(track(t, timescale, mdatPayloadStart, co64));
        }
        List<Box> children = new ArrayList<>();
        children.add(movieHeader(timescale, movieDuration, nextTrackId));
        children.addAll(traks);
        return Box.container("moov", children);
    }

    static long rescale(long ticks, int from, int to) {
        return Math.round(ticks * (double) to / from);
    }

    /** 8.2.2 mvhd (version 1 when the duration needs 64 bits). */
    private static Box movieHeader(int timescale, long duration, int nextTrackId) {
        boolean v1 = duration > MAX_U32;
        return Box.full("mvhd", v1 ? 1 : 0, 0, (v1 ? 28 : 16) + 80, w -> {
            times(w, v1, timescale, duration);
            w.u32(FIXED_ONE).u16(0x0100).zeros(2 + 8); // rate 1.0, volume 1.0, reserved
            matrix(w);
            w.zeros(24).u32(nextTrackId); // pre_defined, next_track_ID
        });
    }

    /** creation_time, modification_time (0: unknown), timescale, duration in the version's widths. */
    private static void times(BoxWriter w, boolean v1, int timescale, long duration) {
        if (v1) {
            w.u64(0).u64(0).u32(timescale).u64(duration);
        } else {
            w.u32(0).u32(0).u32(timescale).u32(duration);
        }
    }

    private static void matrix(BoxWriter w) {
        for (int m : UNITY_MATRIX) {
            w.u32(m);
        }
    }

    private static Box track(SampleTable t, int movieTimescale, long base, boolean co64) {
        Track track = t.track;
        boolean video = track.mediaType() == MediaType.VIDEO;
        long start = rescale(t.firstDts(), track.clockRate(), movieTimescale);
        long duration = rescale(t.duration(), track.clockRate(), movieTimescale);
        List<Box> stbl = new ArrayList<>();
        Box entry = SampleEntry.of(track);
        stbl.add(Box.full("stsd", 0, 0, 4 + entry.size(), w -> {
            w.u32(1);
            entry.write(w);
        }));
        stbl.addAll(t.boxes(base, co64));
        Box dinf = Box.container("dinf", List.of(Box.full("dref", 0, 0, 4 + BoxWriter.FULL_HEADER,
                w -> w.u32(1).fullHeader(BoxWriter.FULL_HEADER, "url ", 0, 1)))); // 1: media in this file
        Box mediaHeader = video ? Box.full("vmhd", 0, 1, 8, w -> w.zeros(8)) : Box.full("smhd", 0, 0, 4, w -> w.zeros(4));
        Box minf = Box.container("minf", List.of(mediaHeader, dinf, Box.container("stbl", stbl)));
        Box mdia = Box.container("mdia", List.of(mediaHeaderBox(track.clockRate(), t.duration()), handler(video), minf));
        List<Box> trak = new ArrayList<>();
        trak.add(trackHeader(track, video, Math.max(0, start) + duration));
        if (t.firstDts() != 0 && t.count() > 0) {
            trak.add(editList(t, start, duration));
        }
        trak.add(mdia);
        return Box.container("trak", trak);
    }

    /** 8.3.2 tkhd; width and height 16.16 for video (0 for audio), volume 1.0 for audio. */
    private static Box trackHeader(Track t, boolean video, long duration) {
        boolean v1 = duration > MAX_U32;
        return Box.full("tkhd", v1 ? 1 : 0, TRACK_ENABLED_IN_MOVIE, (v1 ? 32 : 20) + 60, w -> {
            if (v1) {
                w.u64(0).u64(0).u32(t.id()).u32(0).u64(duration);
            } else {
                w.u32(0).u32(0).u32(t.id()).u32(0).u32(duration);
            }
            w.zeros(8).u16(0).u16(0).u16(video ? 0 : 0x0100).u16(0); // reserved, layer, group, volume, reserved
            matrix(w);
            w.u32(video ? (long) t.width() << 16 : 0).u32(video ? (long) t.height() << 16 : 0);
        });
    }

    /**
     * 8.6.6 edts/elst: a track starting at {@code start} (movie timescale) &gt; 0 gets an empty edit of that
     * length, then its media from 0; one starting before 0 plays its media from media_time = -firstDts.
     */
    private static Box editList(SampleTable t, long start, long duration) {
        List<long[]> entries = new ArrayList<>(); // segment_duration, media_time
        if (start > 0) {
            entries.add(new long[] {start, -1});
            entries.add(new long[] {duration, 0});
        } else {
            long skipped = -t.firstDts();
            entries.add(new long[] {Math.max(0, duration + start), skipped});
        }
        boolean v1 = entries.stream().anyMatch(e -> e[0] > MAX_U32 || e[1] > Integer.MAX_VALUE);
        int entrySize = v1 ? 20 : 12;
        Box elst = Box.full("elst", v1 ? 1 : 0, 0, 4 + entrySize * entries.size(), w -> {
            w.u32(entries.size());
            for (long[] e : entries) {
                if (v1) {
                    w.u64(e[0]).u64(e[1]);
                } else {
                    w.u32(e[0]).u32(e[1] & MAX_U32);
                }
                w.u16(1).u16(0); // media_rate 1.0
            }
        });
        return Box.container("edts", List.of(elst));
    }

    /** 8.4.2 mdhd: timescale = the track clock. */
    private static Box mediaHeaderBox(int timescale, long duration) {
        boolean v1 = duration > MAX_U32;
        return Box.full("mdhd", v1 ? 1 : 0, 0, (v1 ? 28 : 16) + 4, w -> {
            times(w, v1, timescale, duration);
            w.u16(LANGUAGE_UNDETERMINED).u16(0);
        });
    }

    /** 8.4.3 hdlr. */
    private static Box handler(boolean video) {
        String name = video ? "VideoHandler" : "SoundHandler";
        return Box.full("hdlr", 0, 0, 4 + 4 + 12 + name.length() + 1, w -> w.u32(0)
                .fourCc(video ? "vide" : "soun").zeros(12).string(name));
    }
}
