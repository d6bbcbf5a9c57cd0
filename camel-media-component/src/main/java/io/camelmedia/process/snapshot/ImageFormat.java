package io.camelmedia.process.snapshot;

import java.util.Locale;

/** The image a snapshot is written as. */
public enum ImageFormat {
    JPEG("jpg", "image/jpeg"),
    PNG("png", "image/png");

    private final String extension;
    private final String contentType;

    ImageFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The file name extension (jpg, png). */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** jpeg, jpg or png (any case). */
    public static ImageFormat of(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> JPEG;
            case "png" -> PNG;
            default -> throw new IllegalArgumentException("snapshot: format must be jpeg or png, was '" + name + "'");
        };
    }

    /** The format a file name's extension names (x.jpg, x.jpeg, x.png), or null. */
    public static ImageFormat ofFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return switch (name.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "jpeg", "jpg" -> JPEG;
            case "png" -> PNG;
            default -> null;
        };
    }
}
