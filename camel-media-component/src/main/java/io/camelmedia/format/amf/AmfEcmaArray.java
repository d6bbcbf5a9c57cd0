package io.camelmedia.format.amf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMF0 ECMA array (marker 0x08, AMF0 spec §2.10): an associative array, which {@code onMetaData} usually
 * is. A {@code LinkedHashMap} so callers treat it like an object, a distinct type so it encodes back the same.
 */
public final class AmfEcmaArray extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    public AmfEcmaArray() {
    }

    public AmfEcmaArray(Map<String, ?> entries) {
        super(entries);
    }
}
