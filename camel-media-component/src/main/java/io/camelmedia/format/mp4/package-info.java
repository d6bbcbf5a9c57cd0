/**
 * Non-fragmented MP4 files ({@link io.camelmedia.format.mp4.Mp4FileWriter}): ftyp, mdat, moov with full
 * sample tables, optionally "faststart" (moov first). Sample entries are shared with {@code format.fmp4}.
 */
package io.camelmedia.format.mp4;
