package io.camelmedia.protocol.webrtc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A WHIP/WHEP HTTP answer: status, headers, body. Errors carry a short text body saying why. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public static HttpResponse error(int status, String why) {
        return new HttpResponse(status, new LinkedHashMap<>(Map.of("Content-Type", "text/plain")),
                (why + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, new LinkedHashMap<>(), new byte[0]);
    }

    public HttpResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
