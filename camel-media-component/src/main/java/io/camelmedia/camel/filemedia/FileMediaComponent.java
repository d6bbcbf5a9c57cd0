package io.camelmedia.camel.filemedia;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code file-media:<path>}: media files (MP4/MOV, MKV, WebM, FLV, MPEG-TS, Ogg, MP3, WAV) read with FFmpeg's
 * demuxers, packets only, each file replayed as one stream; one file, or a directory watched.
 */
@Component("file-media")
public class FileMediaComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("file-media: needs a file or directory, syntax file-media:path");
        }
        FileMediaEndpoint endpoint = new FileMediaEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
