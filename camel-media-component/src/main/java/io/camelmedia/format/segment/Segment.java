package io.camelmedia.format.segment;

import java.util.List;

/**
 * One complete media segment.
 *
 * @param sequence          its number in the stream (HLS media sequence number), from 0
 * @param durationSeconds   media time it covers (EXTINF)
 * @param firstPtsMicros    the presentation time of its first frame
 * @param programDateTimeMs wall-clock time of its first frame (EXT-X-PROGRAM-DATE-TIME), epoch ms
 * @param independent       starts with a key frame (always, unless cut by the no-key-frame limit)
 * @param discontinuity     the first segment after a publisher reconnect or a parameter change
 * @param data              the segment bytes (owned: do not modify)
 * @param parts             its LL-HLS parts (empty without parts); their data concatenated is {@code data}
 */
public record Segment(long sequence, double durationSeconds, long firstPtsMicros, long programDateTimeMs,
                      boolean independent, boolean discontinuity, byte[] data, List<Part> parts) {
}
