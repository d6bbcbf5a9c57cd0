package io.camelmedia.camel;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * What Platform HTTP's own response writing cannot do, done on its Vert.x response (camel-platform-http-vertx, on
 * which the Quarkus flavour is built too): it sends an InputStream body chunked and its header filter drops a
 * Content-Length, so a streamed file would have none. Vert.x calls a headers-end handler just before the head goes
 * out; there the length is put back (and chunking taken off). camel-platform-http-vertx is optional: without it
 * {@link #available} is false (callers also catch the {@link LinkageError} of a class that cannot be linked) and
 * the answer stays chunked.
 */
public final class VertxResponses {
    private static final boolean PRESENT = present();

    private VertxResponses() {
    }

    private static boolean present() {
        try {
            return HttpMessage.class != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Whether {@code message} came from camel-platform-http-vertx, so that its Vert.x response can be reached. */
    public static boolean available(Message message) {
        return PRESENT && message instanceof HttpMessage h && h.getResponse() != null;
    }

    /**
     * Sends {@code length} as Content-Length (also on HEAD) and the body unchunked, unless by the time the head goes
     * out the message's body is no longer {@code body} (a route replaced it); and runs {@code onClose} if the
     * connection closes before the answer is complete (a client that went away).
     */
    public static void lengthAndClose(Message message, Object body, long length, Runnable onClose) {
        HttpServerResponse response = ((HttpMessage) message).getResponse();
        response.headersEndHandler(v -> {
            if (message.getBody() == body) {
                response.headers().remove(HttpHeaders.TRANSFER_ENCODING);
                response.headers().set(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
            }
        });
        if (onClose != null) {
            response.closeHandler(v -> onClose.run());
        }
    }
}
