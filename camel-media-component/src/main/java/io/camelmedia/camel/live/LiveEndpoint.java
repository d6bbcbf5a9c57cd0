package io.camelmedia.camel.live;

import java.util.Set;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.camel.filemedia.FileMediaEndpoint;
import io.camelmedia.frame.MediaType;
import io.camelmedia.hub.ReaderConfig;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A named set of live streams: as a producer the route's streams join it, as a consumer one of them ({@code path})
 * is read, starting on a key frame, and read again each time its publisher starts it anew.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "live", title = "Live streams", syntax = "live:name",
             category = { Category.MESSAGING }, headersClass = MediaHeaders.class)
public class LiveEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {
    @UriPath(description = "The name of the set of streams (producers and consumers of one name share it)")
    @Metadata(required = true)
    private final String name;
    @UriParam(label = "consumer", description = "The stream path to read, e.g. live/cam1 (required to consume)")
    private String path;
    @UriParam(label = "consumer", defaultValue = "video,audio",
              description = "The tracks to read: video, audio or both (comma-separated); the others are left out of STARTED and never delivered")
    private String mediaTypes = "video,audio";
    @UriParam(label = "consumer,advanced", defaultValue = "512", description = "Frames queued for this reader before it skips to the next key frame")
    private int maxQueuedFrames = ReaderConfig.defaults().maxQueuedFrames();
    @UriParam(label = "consumer,advanced", defaultValue = "16777216", description = "Bytes queued for this reader before it skips to the next key frame")
    private long maxQueuedBytes = ReaderConfig.defaults().maxQueuedBytes();
    @UriParam(label = "consumer,advanced", defaultValue = "3",
              description = "Skips in a row (without catching up) before the reader is dropped until the stream starts again")
    private int maxSkips = ReaderConfig.defaults().maxSkips();

    public LiveEndpoint(String uri, LiveComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public LiveComponent getComponent() {
        return (LiveComponent) super.getComponent();
    }

    /** Several routes may read the same stream (each is its own reader). */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    @Override
    public Producer createProducer() {
        return new LiveProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("live:" + name + " as a consumer needs path= (the stream to read, e.g. live/cam1)");
        }
        LiveConsumer consumer = new LiveConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    Set<MediaType> mediaTypeSet() {
        return FileMediaEndpoint.parseMediaTypes("live: mediaTypes", mediaTypes);
    }

    ReaderConfig readerConfig() {
        return new ReaderConfig(maxQueuedFrames, maxQueuedBytes, maxSkips);
    }

    public String getName() {
        return name;
    }

    public String getPath() {
        return path;
    }

    /** The stream path to read, e.g. live/cam1 (required to consume). */
    public void setPath(String path) {
        this.path = path;
    }

    public String getMediaTypes() {
        return mediaTypes;
    }

    /** The tracks to read: video, audio or both (comma-separated). */
    public void setMediaTypes(String mediaTypes) {
        this.mediaTypes = mediaTypes;
    }

    public int getMaxQueuedFrames() {
        return maxQueuedFrames;
    }

    /** Frames queued for this reader before it skips to the next key frame. */
    public void setMaxQueuedFrames(int maxQueuedFrames) {
        this.maxQueuedFrames = maxQueuedFrames;
    }

    public long getMaxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** Bytes queued for this reader before it skips to the next key frame. */
    public void setMaxQueuedBytes(long maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
    }

    public int getMaxSkips() {
        return maxSkips;
    }

    /** Skips in a row (without catching up) before the reader is dropped until the stream starts again. */
    public void setMaxSkips(int maxSkips) {
        this.maxSkips = maxSkips;
    }
}
