package io.camelmedia.camel;

import java.nio.ByteBuffer;

import io.camelmedia.frame.MediaFrame;
import org.apache.camel.Converter;

/** Lets a frame go to any Camel endpoint that wants bytes ({@code file:}, {@code kafka:}, {@code aws2-s3:}). */
@Converter(generateLoader = true)
public final class MediaFrameConverters {
    private MediaFrameConverters() {
    }

    /** The frame's payload, as it is (AVCC or Annex B for H.264/H.265: see {@code media:annexb}). */
    @Converter
    public static byte[] toBytes(MediaFrame frame) {
        return frame.payloadBytes();
    }

    @Converter
    public static ByteBuffer toByteBuffer(MediaFrame frame) {
        return frame.payload();
    }
}
