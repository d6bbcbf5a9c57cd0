package io.camelmedia.format.amf;

/**
 * An AMF0 date (marker 0x0B, AMF0 spec §2.13): milliseconds since the epoch (UTC) and a time-zone field
 * that the spec says is reserved, should be 0x0000, and that readers ignore; kept for an exact round trip.
 */
public record AmfDate(double epochMillis, short timeZone) {
    public static AmfDate ofEpochMillis(long millis) {
        return new AmfDate(millis, (short) 0);
    }
}
