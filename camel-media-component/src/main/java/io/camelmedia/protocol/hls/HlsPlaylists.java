package io.camelmedia.protocol.hls;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.camelmedia.codec.CodecStrings;
import io.camelmedia.format.segment.Part;
import io.camelmedia.format.segment.SegmentFormat;
import io.camelmedia.frame.MediaType;
import io.camelmedia.frame.Track;

/**
 * Writes the playlists of one stream (RFC 8216 and its LL-HLS revision, draft-pantos-hls-rfc8216bis):
 * the multivariant playlist {@code index.m3u8} and the media playlist {@code media.m3u8}.
 *
 * <p>Names: {@code init-<v>.mp4}, {@code seg-<sequence>.ts|m4s}, {@code part-<sequence>.<index>.m4s}.
 */
final class HlsPlaylists {
    static final String MULTIVARIANT = "index.m3u8";
    static final String MEDIA = "media.m3u8";

    /** What a playlist is written from, copied under the stream's lock. */
    record Snapshot(HlsConfig config, List<Track> tracks, List<HlsStream.Entry> listed, List<Part> openParts,
                    long openSequence, int discontinuitySequence, boolean ended, int targetDuration,
                    double partTarget, long peakBitsPerSecond, long averageBitsPerSecond) {
    }

    private HlsPlaylists() {
    }

    static String segmentName(long sequence, SegmentFormat format) {
        return "seg-" + sequence + "." + format.extension();
    }

    static String partName(long sequence, int index) {
        return "part-" + sequence + "." + index + ".m4s";
    }

    static String initName(int version) {
        return "init-" + version + ".mp4";
    }

    /** Version 3 for MPEG-TS, 7 for fMP4 (EXT-X-MAP in a live playlist), 9 for LL-HLS. */
    private static int version(HlsConfig c) {
        if (c.lowLatency()) {
            return 9;
        }
        return c.segmenter().format() == SegmentFormat.FMP4 ? 7 : 3;
    }

    static String multivariant(Snapshot s) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("#EXTM3U\n#EXT-X-VERSION:").append(version(s.config())).append('\n');
        sb.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, s.peakBitsPerSecond()));
        if (s.averageBitsPerSecond() > 0) {
            sb.append(",AVERAGE-BANDWIDTH=").append(s.averageBitsPerSecond());
        }
        String codecs = s.tracks().stream().map(CodecStrings::of).collect(Collectors.joining(","));
        sb.append(",CODECS=\"").append(codecs).append('"');
        s.tracks().stream().filter(t -> t.mediaType() == MediaType.VIDEO && t.width() > 0).findFirst()
                .ifPresent(v -> sb.append(",RESOLUTION=").append(v.width()).append('x').append(v.height()));
        sb.append('\n').append(MEDIA).append('\n');
        return sb.toString();
    }

    static String media(Snapshot s) {
        return media(s, s.config().lowLatency());
    }

    /** The media playlist; without {@code ll} a plain live playlist (for files on disk served by any server). */
    static String media(Snapshot s, boolean ll) {
        HlsConfig c = s.config();
        SegmentFormat format = c.segmenter().format();
        StringBuilder sb = new StringBuilder(1024);
        sb.append("#EXTM3U\n#EXT-X-VERSION:").append(ll ? 9 : Math.min(7, version(c))).append('\n');
        sb.append("#EXT-X-TARGETDURATION:").append(s.targetDuration()).append('\n');
        if (ll) {
            // PART-HOLD-BACK at least 2x PART-TARGET (spec); 3x as Apple recommends
            sb.append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=")
                    .append(seconds(3 * s.partTarget())).append('\n');
            sb.append("#EXT-X-PART-INF:PART-TARGET=").append(seconds(s.partTarget())).append('\n');
        }
        long firstSequence = s.listed().isEmpty() ? s.openSequence() : s.listed().get(0).segment().sequence();
        sb.append("#EXT-X-MEDIA-SEQUENCE:").append(firstSequence).append('\n');
        sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(s.discontinuitySequence()).append('\n');
        int mapVersion = -1;
        int withParts = s.listed().size() - HlsConfig.SEGMENTS_WITH_PARTS;
        for (int i = 0; i < s.listed().size(); i++) {
            HlsStream.Entry e = s.listed().get(i);
            if (e.segment().discontinuity()) {
                sb.append("#EXT-X-DISCONTINUITY\n");
            }
            if (format == SegmentFormat.FMP4 && e.initVersion() != mapVersion) {
                mapVersion = e.initVersion();
                sb.append("#EXT-X-MAP:URI=\"").append(initName(mapVersion)).append("\"\n");
            }
            sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(dateTime(e.segment().programDateTimeMs())).append('\n');
            if (ll && i >= withParts) {
                for (Part p : e.segment().parts()) {
                    appendPart(sb, p);
                }
            }
            sb.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", e.segment().durationSeconds())).append(",\n");
            sb.append(segmentName(e.segment().sequence(), format)).append('\n');
        }
        if (ll && !s.ended()) {
            for (Part p : s.openParts()) {
                appendPart(sb, p);
            }
            sb.append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"")
                    .append(partName(s.openSequence(), s.openParts().size())).append("\"\n");
        }
        if (s.ended()) {
            sb.append("#EXT-X-ENDLIST\n");
        }
        return sb.toString();
    }

    private static void appendPart(StringBuilder sb, Part p) {
        sb.append("#EXT-X-PART:DURATION=").append(seconds(p.durationSeconds())).append(",URI=\"")
                .append(partName(p.segmentSequence(), p.index())).append('"');
        if (p.independent()) {
            sb.append(",INDEPENDENT=YES");
        }
        sb.append('\n');
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String dateTime(long epochMs) {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
