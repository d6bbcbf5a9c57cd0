package io.camelmedia.camel.webrtc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.camelmedia.camel.HttpServing;
import io.camelmedia.camel.HttpTokens;
import io.camelmedia.protocol.webrtc.HttpRequest;
import io.camelmedia.protocol.webrtc.HttpResponse;
import io.camelmedia.protocol.webrtc.WebRtcResource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Platform HTTP exchange in, {@link WebRtcResource} answer out: the WHIP/WHEP HTTP glue, nothing more. */
final class WebRtcHttpProcessor implements Processor {
    /** The methods WHIP and WHEP answer (RFC 9725). */
    static final String METHODS = "POST,PATCH,DELETE,OPTIONS";
    private final WebRtcResource resource;
    private final String basePath;

    WebRtcHttpProcessor(WebRtcResource resource, String basePath) {
        this.resource = resource;
        this.basePath = basePath;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        path = path.startsWith(basePath) ? path.substring(basePath.length()) : path;
        byte[] body = in.getBody(byte[].class);
        HttpRequest req = new HttpRequest(in.getHeader(Exchange.HTTP_METHOD, "GET", String.class),
                URLDecoder.decode(path, StandardCharsets.UTF_8), in.getHeader(Exchange.CONTENT_TYPE, String.class),
                HttpTokens.authorization(in), in.getHeader("If-Match", String.class),
                body == null ? new byte[0] : body, HttpTokens.remote(in));
        HttpResponse r = resource.handle(req);
        HttpServing.respond(exchange.getMessage(), r.status(), r.headers(), r.body());
    }

}
