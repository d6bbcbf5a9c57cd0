/**
 * MPEG-2 transport stream (ITU-T H.222.0 | ISO/IEC 13818-1) muxer for HLS segments (RFC 8216 3.2 and
 * Apple's HLS authoring specification): {@link io.camelmedia.format.mpegts.TsMuxer} writes PAT/PMT and one
 * PES per frame of H.264, H.265, AAC (ADTS) and MP3, packetized into 188-byte transport packets;
 * {@link io.camelmedia.format.mpegts.TsDemuxer} reads such streams (and Opus) back into frames.
 *
 * <p>One class per spec structure: {@link io.camelmedia.format.mpegts.TsPacket} (2.4.3.2),
 * {@link io.camelmedia.format.mpegts.AdaptationField} (2.4.3.4), {@link io.camelmedia.format.mpegts.PesHeader}
 * (2.4.3.6), {@link io.camelmedia.format.mpegts.ProgramAssociationSection} (2.4.4.3),
 * {@link io.camelmedia.format.mpegts.ProgramMapSection} (2.4.4.8), {@link io.camelmedia.format.mpegts.StreamType}
 * (Table 2-34), {@link io.camelmedia.format.mpegts.Crc32Mpeg2} (Annex A).
 */
package io.camelmedia.format.mpegts;
