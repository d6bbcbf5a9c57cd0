package io.camelmedia.protocol.rtmp;

/**
 * The publish name split into the stream name and its key: {@code test?key=secret} is stream {@code test}
 * with key {@code secret}; without a {@code key} query parameter the key is the name itself (OBS's "stream
 * key" field). Other query parameters are ignored.
 */
public record RtmpStreamName(String name, String key) {

    public static RtmpStreamName parse(String publishName) {
        int q = publishName.indexOf('?');
        if (q < 0) {
            return new RtmpStreamName(publishName, publishName);
        }
        String name = publishName.substring(0, q);
        String key = name;
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
}
