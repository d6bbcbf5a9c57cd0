package io.camelmedia.process.snapshot;

/**
 * What a snapshot looks like: format, width in pixels (0: the picture's own; the height keeps the aspect ratio,
 * both rounded down to even), JPEG {@code quality} as FFmpeg's qscale (1 best .. 31 smallest) and PNG
 * {@code compressionLevel} (0 none .. 9 smallest).
 */
public record SnapshotSpec(ImageFormat format, int width, int quality, int compressionLevel) {
    /** Widest snapshot made (8K), so a request cannot ask for a giant picture. */
    public static final int MAX_WIDTH = 7680;
    public static final int DEFAULT_QUALITY = 2;
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;

    public SnapshotSpec {
        if (format == null) {
            throw new IllegalArgumentException("snapshot: a format is needed");
        }
        if (width != 0 && (width < 16 || width > MAX_WIDTH)) {
            throw new IllegalArgumentException("snapshot: width must be 0 (the picture's) or 16.." + MAX_WIDTH + ", was " + width);
        }
        if (quality < 1 || quality > 31) {
            throw new IllegalArgumentException("snapshot: quality (JPEG qscale) must be 1..31, was " + quality);
        }
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("snapshot: compressionLevel (PNG) must be 0..9, was " + compressionLevel);
        }
    }

    public SnapshotSpec withWidth(int newWidth) {
        return new SnapshotSpec(format, newWidth, quality, compressionLevel);
    }

    public SnapshotSpec withFormat(ImageFormat newFormat) {
        return new SnapshotSpec(newFormat, width, quality, compressionLevel);
    }
}
