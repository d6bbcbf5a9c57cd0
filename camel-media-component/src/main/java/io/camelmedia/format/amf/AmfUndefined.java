package io.camelmedia.format.amf;

/** The AMF0 {@code undefined} value (marker 0x06), distinct from {@code null} (0x05). */
public enum AmfUndefined {
    INSTANCE;

    @Override
    public String toString() {
        return "undefined";
    }
}
