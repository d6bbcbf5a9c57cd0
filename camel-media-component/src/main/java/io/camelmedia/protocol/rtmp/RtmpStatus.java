package io.camelmedia.protocol.rtmp;

import java.util.LinkedHashMap;
import java.util.Map;

/** The info objects of {@code _result}, {@code _error} and {@code onStatus} (RTMP 1.0 §7.2.1.1, §7.2.2). */
final class RtmpStatus {
    static final String STATUS = "status";
    static final String ERROR = "error";

    static final String CONNECT_SUCCESS = "NetConnection.Connect.Success";
    static final String CONNECT_REJECTED = "NetConnection.Connect.Rejected";
    static final String CALL_FAILED = "NetConnection.Call.Failed";
    static final String PUBLISH_START = "NetStream.Publish.Start";
    static final String PUBLISH_BAD_NAME = "NetStream.Publish.BadName";
    static final String PUBLISH_FAILED = "NetStream.Publish.Failed";
    static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";
    static final String PLAY_FAILED = "NetStream.Play.Failed";

    private RtmpStatus() {
    }

    static Map<String, Object> info(String level, String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("description", description);
        return m;
    }
}
