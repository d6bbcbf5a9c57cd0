/**
 * Playback of recordings (the files {@code media:record} writes: {@code <directory>/<stream path>/<start>.mp4},
 * fragmented MP4, {@code .mp4.part} while written): a JSON listing with time spans, the files with HTTP byte
 * ranges (RFC 9110 14) and conditional requests, and HLS VOD playlists of byte ranges into them (RFC 8216). Live
 * MPEG-TS and WebM recordings ({@code <start>.ts}, {@code <start>.webm}) are listed and served, not indexed.
 * Plain Java over the JDK: {@link io.camelmedia.protocol.playback.PlaybackServer} answers a
 * {@link io.camelmedia.protocol.playback.PlaybackRequest} with a
 * {@link io.camelmedia.protocol.playback.PlaybackResponse}, which any HTTP layer sends.
 */
package io.camelmedia.protocol.playback;
