/**
 * AMF0 (Action Message Format, Adobe "AMF 0 File Format Specification", 2007): the value encoding of RTMP
 * command and data messages and of FLV script tags.
 *
 * <p>Java mapping: number → {@link java.lang.Double}, boolean → {@link java.lang.Boolean}, string and long
 * string → {@link java.lang.String}, object → {@code LinkedHashMap<String,Object>} (property order kept),
 * ECMA array → {@link io.camelmedia.format.amf.AmfEcmaArray} (a {@code LinkedHashMap} too), strict array →
 * {@code List<Object>}, null → {@code null}, undefined → {@link io.camelmedia.format.amf.AmfUndefined},
 * date → {@link io.camelmedia.format.amf.AmfDate}. References, typed objects, XML documents and the AMF3
 * switch are rejected with an {@link io.camelmedia.format.amf.AmfException}: no RTMP encoder we meet
 * (ffmpeg, OBS, Wirecast, vMix) sends them in AMF0 command or metadata messages.
 */
package io.camelmedia.format.amf;
