/**
 * ITU-T H.264 and ISO/IEC 14496-15 (AVC): NAL unit types, Annex B and AVCC framing (shared with H.265),
 * the AVCDecoderConfigurationRecord and the SPS.
 */
package io.camelmedia.codec.h264;
