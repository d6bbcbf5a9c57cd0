/** ISO/IEC 14496-3 (MPEG-4 Audio): AudioSpecificConfig and the ADTS header. */
package io.camelmedia.codec.aac;
