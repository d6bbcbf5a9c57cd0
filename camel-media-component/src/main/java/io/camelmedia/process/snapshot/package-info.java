/**
 * Snapshots: ONE video key frame (H.264, H.265, VP8, VP9, AV1) decoded with FFmpeg through JavaCV's presets,
 * scaled with swscale and encoded as JPEG (mjpeg, qscale) or PNG (compression level). Only the key frame is
 * decoded, never its GOP; every native struct is freed before {@link io.camelmedia.process.snapshot.KeyFrameSnapshot#make}
 * returns. Plain Java: the Camel layer ({@code media:snapshot}) picks the threads and keeps the latest key frames.
 */
package io.camelmedia.process.snapshot;
