/**
 * Fragmented MP4 (ISO/IEC 14496-12 movie fragments, CMAF ISO/IEC 23000-19) as HLS fMP4 variants and
 * LL-HLS parts use it: {@link io.camelmedia.format.fmp4.Fmp4Writer} writes init segments and fragments
 * from {@link io.camelmedia.frame.MediaFrame}s. One class per box group, each sized before it is
 * written, so a segment is one array written once.
 */
package io.camelmedia.format.fmp4;
