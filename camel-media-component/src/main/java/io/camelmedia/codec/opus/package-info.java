/** Opus: the RFC 7845 identification header (OpusHead) and RFC 6716 packet TOC durations. */
package io.camelmedia.codec.opus;
