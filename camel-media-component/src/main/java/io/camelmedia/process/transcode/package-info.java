/**
 * Audio transcoding on FFmpeg (JavaCV's javacpp presets): decode AAC, Opus, G.711 or MP3, resample, encode Opus or
 * AAC, with the output timeline continuing the input's. The engine behind {@code media:transcode}.
 */
package io.camelmedia.process.transcode;
