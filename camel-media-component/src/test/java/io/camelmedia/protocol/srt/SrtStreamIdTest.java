package io.camelmedia.protocol.srt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The stream id forms: MediaMTX's, SRT access control's, a plain path with a key. */
class SrtStreamIdTest {

    static SrtStreamId parse(String sid) {
        return SrtStreamId.parse(sid, null, false);
    }

    @Test
    void mediamtxForm() {
        assertEquals(new SrtStreamId("live/cam", false, null, null), parse("publish:live/cam"));
        assertEquals(new SrtStreamId("live/cam", false, "user", "pass"), parse("publish:live/cam:user:pass"));
        assertEquals(new SrtStreamId("live/cam", true, null, null), parse("read:live/cam"));
        assertEquals(new SrtStreamId("live/cam", true, "u", "p:with:colons"), parse("read:live/cam:u:p:with:colons"));
        assertEquals(new SrtStreamId("live/cam", true, null, "secret"), parse("read:/live/cam:secret"));
    }

    @Test
    void accessControlForm() {
        assertEquals(new SrtStreamId("live/cam", false, "u", "k"), parse("#!::r=live/cam,m=publish,u=u,s=k"));
        assertEquals(new SrtStreamId("live/cam", true, null, null), parse("#!::r=live/cam"));
        assertEquals(new SrtStreamId("live/cam", true, "u", null), parse("#!::u=u,m=request,r=live/cam"));
        assertEquals(new SrtStreamId("default/path", false, null, null),
                SrtStreamId.parse("#!::m=publish", "default/path", true));
    }

    @Test
    void plainPath() {
        assertEquals(new SrtStreamId("live/cam", false, null, null), parse("live/cam"));
        assertEquals(new SrtStreamId("live/cam", true, null, null), SrtStreamId.parse("live/cam", null, true));
        assertEquals(new SrtStreamId("live/cam", false, null, "secret"), parse("live/cam?x=1&key=secret"));
        assertEquals(new SrtStreamId("live/cam", false, null, null), parse("/live/cam?x=1"));
        assertEquals(new SrtStreamId("d", true, null, null), SrtStreamId.parse("", "d", true));
        assertEquals(new SrtStreamId("d", false, null, null), SrtStreamId.parse(null, "d", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish:", "read:../etc", "live/../x", "live cam", "a\\b", "#!::r=x,m=bidirectional",
            "#!::m=publish", "#!::novalue", "#!::=x", "?key=k", "/"})
    void badOnesAreRefused(String sid) {
        assertThrows(SrtException.class, () -> parse(sid));
    }

    @Test
    void noSidAndNoDefaultIsRefused() {
        assertThrows(SrtException.class, () -> SrtStreamId.parse("", null, false));
        assertThrows(SrtException.class, () -> parse("x".repeat(257)));
    }
}
