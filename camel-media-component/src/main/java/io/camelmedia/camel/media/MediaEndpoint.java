package io.camelmedia.camel.media;

import io.camelmedia.camel.MediaHeaders;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Processing steps on media frames. {@code media:annexb} converts H.264/H.265 frames between AVCC and
 * Annex B: to Annex B with the parameter sets placed before every keyframe (as ffmpeg's
 * {@code h264_mp4toannexb} does), or to AVCC with in-band parameter sets moved into the track.
 * Frames of other codecs, frames already in the target form, and STARTED/ENDED events pass through.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "media", title = "Media processing", syntax = "media:operation",
             producerOnly = true, category = { Category.TRANSFORMATION }, headersClass = MediaHeaders.class)
public class MediaEndpoint extends DefaultEndpoint {

    @UriPath(description = "The processing step")
    @Metadata(required = true, enums = "annexb")
    private final MediaOperation operation;

    @UriParam(defaultValue = "annexb", enums = "annexb,avcc",
              description = "annexb: the bitstream form to convert H.264/H.265 frames into")
    private String format = "annexb";

    @UriParam(defaultValue = "1000", label = "advanced",
              description = "Upper bound on the streams whose state (last parameter sets) a step keeps at once")
    private int maxStreams = 1000;

    public MediaEndpoint(String uri, MediaComponent component, MediaOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public Producer createProducer() {
        if (!"annexb".equals(format) && !"avcc".equals(format)) {
            throw new IllegalArgumentException("media:annexb: format must be annexb or avcc, was '" + format + "'");
        }
        if (maxStreams <= 0) {
            throw new IllegalArgumentException("media:" + operation + ": maxStreams must be positive, was " + maxStreams);
        }
        return new AnnexbProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("media:" + operation + " is a processing step: use it in to(), not from()");
    }

    public MediaOperation getOperation() {
        return operation;
    }

    public String getFormat() {
        return format;
    }

    /** The bitstream form H.264/H.265 frames leave in: {@code annexb} (start codes) or {@code avcc} (length prefixes). */
    public void setFormat(String format) {
        this.format = format;
    }

    public int getMaxStreams() {
        return maxStreams;
    }

    /** Upper bound on the streams whose state (last parameter sets) a step keeps at once. */
    public void setMaxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }
}
