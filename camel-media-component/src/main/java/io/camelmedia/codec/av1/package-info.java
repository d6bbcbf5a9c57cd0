/**
 * AV1 Bitstream & Decoding Process Specification and the AV1 ISOBMFF binding: leb128, OBU headers,
 * temporal units (key-frame detection), the sequence header and the AV1CodecConfigurationRecord.
 */
package io.camelmedia.codec.av1;
