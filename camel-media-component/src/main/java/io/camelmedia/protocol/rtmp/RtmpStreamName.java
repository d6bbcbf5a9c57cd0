package io.camelmedia.protocol.rtmp;

/**
 * The publish name split into the stream name and its key: {@code test?key=secret} is stream {@code test}
 * with key {@code secret}; without a {@code key} query parameter {@code key} is null and the name itself may be
 * the key (OBS's "stream key" field: see {@link #credential()}). Other query parameters are ignored.
 */
public record RtmpStreamName(String name, String key) {

    public static RtmpStreamName parse(String publishName) {
        int q = publishName.indexOf('?');
        if (q < 0) {
            return new RtmpStreamName(publishName, null);
        }
        String name = publishName.substring(0, q);
        String key = null;
        for (String param : publishName.substring(q + 1).split("&")) {
            if (param.startsWith("key=")) {
                key = param.substring("key=".length());
            }
        }
        return new RtmpStreamName(name, key);
    }

    /** The stream path: {@code <app>/<name>}. */
    public String path(String app) {
        return app + "/" + name;
    }

    /** What the publisher presents as its key: {@code ?key=}, else the name itself. */
    public String credential() {
        return key != null ? key : name;
    }
}
