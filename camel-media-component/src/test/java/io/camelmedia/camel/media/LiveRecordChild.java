package io.camelmedia.camel.media;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A plain Camel JVM recording live ({@code args: source directory interval [format]}, the source an RTMP port or a
 * consumer URI such as {@code file-media:}), for {@link LiveRecordIT}'s
 * {@code kill -9}: prints "ready" once the route runs, then records until it is killed.
 */
public final class LiveRecordChild {
    private LiveRecordChild() {
    }

    public static void main(String[] args) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(args[0].matches("\\d+") ? "rtmp://127.0.0.1:" + args[0] + "/live" : args[0])
                        .to("media:record?live=true&interval=" + args[2] + "&partDuration=1s&directory=" + args[1]
                                + "&format=" + (args.length > 3 ? args[3] : "fmp4"));
            }
        });
        camel.start();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
