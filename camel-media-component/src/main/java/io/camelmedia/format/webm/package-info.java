/**
 * WebM (Matroska, RFC 9559, over EBML, RFC 8794): {@link io.camelmedia.format.webm.WebmWriter} writes live
 * (unknown-size) WebM with VP8 / VP9 / AV1 video and Opus audio, finished with Cues, sizes, Duration and
 * a SeekHead when the output is seekable.
 */
package io.camelmedia.format.webm;
