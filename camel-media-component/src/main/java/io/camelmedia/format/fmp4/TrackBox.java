package io.camelmedia.format.fmp4;

import java.util.List;

import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * One {@code trak} of an init segment (ISO/IEC 14496-12 8.3.1):
 * {@code tkhd, mdia(mdhd, hdlr, minf(vmhd|smhd, dinf(dref(url )), stbl(stsd, stts, stsc, stsz, stco)))}.
 * The sample tables are empty (8.8.1: in a fragmented file the samples are in the movie fragments);
 * {@code stsd} holds the one {@link SampleEntry}.
 */
final class TrackBox {
    /** 8.3.2.3 tkhd flags: track_enabled | track_in_movie. */
    static final int TRACK_ENABLED_IN_MOVIE = 0x000003;
    /** 8.4.2.3 mdhd language: ISO-639-2/T "und", three 5-bit letters (each minus 0x60). */
    static final int LANGUAGE_UNDETERMINED = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);
    /** 8.7.2.3 'url ' flags: media data in the same file. */
    private static final int SELF_CONTAINED = 0x000001;

    private TrackBox() {
    }

    static Box of(Track t) {
        MovieBox.checkTrackId(t.id());
        boolean video = t.mediaType() == MediaType.VIDEO;
        Box stbl = Box.container("stbl", List.of(
                sampleDescription(t),
                emptyTable("stts"), emptyTable("stsc"),
                Box.full("stsz", 0, 0, 8, w -> w.u32(0).u32(0)), // sample_size, sample_count
                emptyTable("stco")));
        Box dinf = Box.container("dinf", List.of(Box.full("dref", 0, 0, 4 + BoxWriter.FULL_HEADER,
                w -> w.u32(1).fullHeader(BoxWriter.FULL_HEADER, "url ", 0, SELF_CONTAINED))));
        Box minf = Box.container("minf", List.of(video ? videoMediaHeader() : soundMediaHeader(), dinf, stbl));
        Box mdia = Box.container("mdia", List.of(mediaHeader(t.clockRate()), handler(video), minf));
        return Box.container("trak", List.of(trackHeader(t, video), mdia));
    }

    private static Box sampleDescription(Track t) {
        Box entry = SampleEntry.of(t);
        return Box.full("stsd", 0, 0, 4 + entry.size(), w -> {
            w.u32(1); // entry_count
            entry.write(w);
        });
    }

    private static Box emptyTable(String type) {
        return Box.full(type, 0, 0, 4, w -> w.u32(0)); // entry_count 0
    }

    /**
     * 8.3.2 tkhd, version 0. Width and height are 16.16 fixed point (the Track's size; 0 when not known,
     * which players replace by the size they decode); audio gets volume 1.0.
     */
    private static Box trackHeader(Track t, boolean video) {
        return Box.full("tkhd", 0, TRACK_ENABLED_IN_MOVIE, 80, w -> {
            w.u32(0).u32(0); // creation_time, modification_time
            w.u32(t.id()).u32(0).u32(0); // track_ID, reserved, duration
            w.zeros(8); // reserved
            w.u16(0).u16(0); // layer, alternate_group
            w.u16(video ? 0 : 0x0100).u16(0); // volume, reserved
            MovieBox.matrix(w);
            w.u32((long) SampleEntry.dimension(t, t.width(), "width") << 16);
            w.u32((long) SampleEntry.dimension(t, t.height(), "height") << 16);
        });
    }

    /** 8.4.2 mdhd, version 0: timescale is the track's clock, so frame ticks go into the fragments as they are. */
    private static Box mediaHeader(int timescale) {
        return Box.full("mdhd", 0, 0, 20, w -> w.u32(0).u32(0).u32(timescale).u32(0)
                .u16(LANGUAGE_UNDETERMINED).u16(0));
    }

    /** 8.4.3 hdlr: 'vide' or 'soun' and a readable name. */
    private static Box handler(boolean video) {
        String name = video ? "VideoHandler" : "SoundHandler";
        return Box.full("hdlr", 0, 0, 4 + 4 + 12 + name.length() + 1, w -> w.u32(0)
                .fourCc(video ? "vide" : "soun").zeros(12).string(name));
    }

    /** 12.1.2 vmhd: flags 1 (as the spec requires), graphicsmode copy, opcolor 0. */
    private static Box videoMediaHeader() {
        return Box.full("vmhd", 0, 1, 8, w -> w.zeros(8));
    }

    /** 12.2.2 smhd: balance 0 (centre), reserved. */
    private static Box soundMediaHeader() {
        return Box.full("smhd", 0, 0, 4, w -> w.zeros(4));
    }
}
