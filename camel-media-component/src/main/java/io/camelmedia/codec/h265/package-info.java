/**
 * ITU-T H.265 and ISO/IEC 14496-15 (HEVC): NAL unit types, HEVCDecoderConfigurationRecord, SPS with
 * profile_tier_level. Annex B / AVCC framing is {@link io.camelmedia.codec.h264.AnnexB} /
 * {@link io.camelmedia.codec.h264.Avcc}: the two codecs frame NAL units the same way.
 */
package io.camelmedia.codec.h265;
