/** MPEG-1/2 audio (ISO/IEC 11172-3, 13818-3; Layer I, II, III): the frame header, for framing and the track. */
package io.camelmedia.codec.mpa;
