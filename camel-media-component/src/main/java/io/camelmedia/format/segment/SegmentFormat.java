package io.camelmedia.format.segment;

/** The container a segmenter writes. */
public enum SegmentFormat {
    /** MPEG-2 transport stream (ISO/IEC 13818-1): H.264, H.265, AAC, MP3. */
    MPEGTS("ts", "video/mp2t"),
    /** Fragmented MP4 / CMAF (ISO/IEC 23000-19): every codec we carry; needed for LL-HLS parts. */
    FMP4("m4s", "video/mp4"),
    /** Live WebM (Matroska, unknown-size Segment and Clusters): VP8, VP9, AV1, Opus; recording only (partsOnly). */
    WEBM("webm", "video/webm");

    private final String extension;
    private final String contentType;

    SegmentFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
