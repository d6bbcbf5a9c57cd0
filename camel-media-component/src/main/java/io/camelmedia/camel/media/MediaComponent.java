package io.camelmedia.camel.media;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** {@code media:<operation>}: processing steps on media streams (annexb, segment, remux, record, demux, snapshot; transcode later). */
@Component("media")
public class MediaComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("media: needs an operation, syntax media:operation (e.g. media:annexb)");
        }
        MediaOperation operation = MediaOperation.of(remaining);
        MediaEndpoint endpoint = new MediaEndpoint(uri, this, operation);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
