/**
 * Ogg (RFC 3533) and Ogg Opus (RFC 7845): {@link io.camelmedia.format.ogg.OggOpusWriter} writes {@code .opus}
 * files from Opus {@link io.camelmedia.frame.MediaFrame}s; {@link io.camelmedia.format.ogg.OggReader} reads
 * pages and packets back; {@link io.camelmedia.format.ogg.OggPage} and {@link io.camelmedia.format.ogg.OggCrc}
 * are the page structure and its checksum.
 */
package io.camelmedia.format.ogg;
