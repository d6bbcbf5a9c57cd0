/** VP9 Bitstream Specification and the VP codec ISO binding: uncompressed frame header, VPCodecConfigurationRecord. */
package io.camelmedia.codec.vp9;
