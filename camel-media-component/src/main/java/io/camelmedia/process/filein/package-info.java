/**
 * File ingest: a media file (MP4/MOV, MKV, WebM, FLV, MPEG-TS, Ogg...) demuxed with FFmpeg through JavaCV,
 * packets only (nothing is decoded), turned into the stream every ingest emits: STARTED with the tracks and
 * their codec configuration in the project's form, frames in the track clocks, ENDED.
 *
 * <p>{@link io.camelmedia.process.filein.MediaFileReader} opens one file and reads its packets as
 * {@link io.camelmedia.frame.MediaFrame}s; {@link io.camelmedia.process.filein.MediaFilePlayer} plays it (once
 * or looped, as fast as possible or paced like {@code ffmpeg -re}) to a {@link io.camelmedia.frame.MediaListener}.
 * Plain Java on JavaCV: no Camel here; the Camel layer ({@code file-media:}) picks the threads.
 */
package io.camelmedia.process.filein;
