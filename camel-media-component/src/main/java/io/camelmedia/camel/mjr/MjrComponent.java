package io.camelmedia.camel.mjr;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code file-mjr:<path>}: Janus Gateway {@code .mjr} recordings. As a consumer it reads one file or
 * watches a directory and replays each recorded session (its audio and video files paired) as ONE stream;
 * as a producer it records streams as {@code MJR00002} files, one per track.
 */
@Component("file-mjr")
public class MjrComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("file-mjr: needs a file or directory, syntax file-mjr:path");
        }
        MjrEndpoint endpoint = new MjrEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
