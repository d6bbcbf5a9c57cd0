/** Recording a stream into one complete file (MP4, WebM, Ogg Opus, WAV), one writer per container in {@code format/}. */
package io.camelmedia.process.record;
