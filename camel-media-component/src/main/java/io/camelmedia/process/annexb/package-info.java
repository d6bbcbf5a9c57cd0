/**
 * The {@code media:annexb} engine: {@link io.camelmedia.process.annexb.AnnexbConverter} turns H.264/H.265
 * frames between AVCC and Annex B, placing parameter sets as ffmpeg's mp4toannexb filters do. Plain Java.
 */
package io.camelmedia.process.annexb;
