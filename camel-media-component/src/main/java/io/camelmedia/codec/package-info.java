/**
 * Codec bitstreams, plain Java (no Camel, Netty, Quarkus or JavaCV): one sub-package per codec, one class
 * per spec structure named with the spec's term, each citing its clause. Every parser is bounded by named
 * limits and reports malformed input as {@link io.camelmedia.codec.CodecException} with the structure,
 * field, value, limit and offset. {@link io.camelmedia.codec.TrackConfigs} turns a configuration record into
 * a {@link io.camelmedia.frame.Track}.
 */
package io.camelmedia.codec;
