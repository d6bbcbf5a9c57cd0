/**
 * Frame records: one stream event (STARTED, FRAME or ENDED) as one self-describing binary record, so a stream
 * can cross a transport that carries opaque messages (a Kafka topic, MQTT, files) and be rebuilt frame for frame
 * on the other side. {@link io.camelmedia.format.frames.FrameRecords} writes and parses one record;
 * {@link io.camelmedia.format.frames.FrameRecordReader} turns one stream's records back into its events, joining
 * a stream in progress at a key frame that carries the stream's description. The layout is in
 * {@code docs/DESIGN-NOTES.md} ("Frame records").
 */
package io.camelmedia.format.frames;
