package io.camelmedia.protocol.rtp.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionDescriptionTest {
    /** ffmpeg 8 -c:v copy (x265 sample) -f rtp -sdp_file: LF line ends, as ffmpeg writes the file. */
    static final String FFMPEG_H265 = """
            v=0
            o=- 0 0 IN IP4 127.0.0.1
            s=No Name
            c=IN IP4 127.0.0.1
            t=0 0
            a=tool:libavformat 62.3.100
            m=video 45000 RTP/AVP 96
            b=AS:152
            a=framerate:25
            a=rtpmap:96 H265/90000
            a=fmtp:96 sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwA8lZAJ; sprop-sps=QgEBAWAAAAMAkAAAAwAAAwA8oAoIDxZZWRKTC8BaAgAAAwACAAADADIQ; sprop-pps=RAHAc8GJ
            """;
    /** ffmpeg 8 -c:a aac -f rtp. */
    static final String FFMPEG_AAC = """
            v=0
            o=- 0 0 IN IP4 127.0.0.1
            s=No Name
            c=IN IP4 127.0.0.1
            t=0 0
            a=tool:libavformat 62.3.100
            m=audio 45000 RTP/AVP 97
            b=AS:69
            a=rtpmap:97 MPEG4-GENERIC/48000/1
            a=fmtp:97 profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3; config=118856E500
            """;
    /** ffmpeg 8 -c:a pcm_mulaw -f rtp: a static payload type, no rtpmap. */
    static final String FFMPEG_PCMU = "v=0\no=- 0 0 IN IP4 127.0.0.1\ns=No Name\nc=IN IP4 127.0.0.1\nt=0 0\n"
            + "a=tool:libavformat 62.3.100\nm=audio 45000 RTP/AVP 0\nb=AS:64\n";
    /** An RTSP-style two-track description with CRLF, per-media c=, control, rtcp, rtcp-mux and direction. */
    static final String RTSP_TWO_TRACKS = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=cam\r\nt=0 0\r\na=control:*\r\n"
            + "m=video 0 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f;sprop-parameter-sets=Z0LgH9oBQBbpUgAAAwACAAADAGQeMGVA,aM4xUg==\r\n"
            + "a=control:trackID=1\r\na=recvonly\r\na=x-unknown:kept\r\n"
            + "m=audio 5002 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\na=rtcp:5005 IN IP4 10.0.0.5\r\na=sendonly\r\n"
            + "m=audio 5010 RTP/AVP 8\r\na=rtcp-mux\r\n";

    @Test
    void parsesFfmpegH265() {
        SessionDescription sdp = SessionDescription.parse(FFMPEG_H265);
        assertEquals("No Name", sdp.sessionName());
        assertEquals("127.0.0.1", sdp.connection().orElseThrow().host());
        MediaDescription m = sdp.media("video").get(0);
        assertEquals(45000, m.port());
        assertEquals("RTP/AVP", m.proto());
        assertEquals(List.of(96), m.payloadTypes());
        assertEquals(RtpMap.of(96, "H265", 90000), m.rtpMap(96).orElseThrow());
        Fmtp f = m.fmtp(96).orElseThrow();
        assertEquals("RAHAc8GJ", f.get("sprop-pps").orElseThrow());
        assertEquals("QAEMAf//AWAAAAMAkAAAAwAAAwA8lZAJ", f.get("SPROP-VPS").orElseThrow(), "names are case-insensitive");
        assertEquals(45001, m.rtcpPort());
        assertEquals(Direction.SENDRECV, m.direction());
        assertEquals(List.of("AS:152"), m.bandwidths());
    }

    @Test
    void parsesFfmpegAacAndStaticPcmu() {
        MediaDescription aac = SessionDescription.parse(FFMPEG_AAC).media().get(0);
        RtpMap map = aac.rtpMap(97).orElseThrow();
        assertEquals("MPEG4-GENERIC", map.encodingName());
        assertEquals(48000, map.clockRate());
        assertEquals(1, map.channels());
        Fmtp f = aac.fmtp(97).orElseThrow();
        assertEquals(13, f.getInt("sizelength", 0));
        assertEquals("118856E500", f.get("config").orElseThrow());
        MediaDescription pcmu = SessionDescription.parse(FFMPEG_PCMU).media().get(0);
        assertEquals(RtpMap.of(0, "PCMU", 8000, 1), pcmu.rtpMap(0).orElseThrow());
    }

    @Test
    void parsesRtspStyleTracks() {
        SessionDescription sdp = SessionDescription.parse(RTSP_TWO_TRACKS);
        assertEquals("*", sdp.attribute("control").orElseThrow());
        MediaDescription video = sdp.media().get(0);
        assertEquals("0.0.0.0", sdp.connectionOf(video).orElseThrow().address());
        assertEquals("trackID=1", video.control().orElseThrow());
        assertEquals(Direction.RECVONLY, video.direction());
        assertEquals("kept", video.attribute("x-unknown").orElseThrow());
        MediaDescription opus = sdp.media().get(1);
        assertTrue(sdp.connectionOf(opus).isEmpty());
        assertEquals(5005, opus.rtcpPort());
        assertEquals(2, opus.rtpMap(111).orElseThrow().channels());
        assertEquals(Direction.SENDONLY, opus.direction());
        MediaDescription pcma = sdp.media().get(2);
        assertTrue(pcma.rtcpMux());
        assertEquals(5010, pcma.rtcpPort());
        assertEquals("PCMA", pcma.rtpMap(8).orElseThrow().encodingName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesWhatItReadsAndReadsWhatItWrites(String name, String text) {
        SessionDescription sdp = SessionDescription.parse(text);
        String written = sdp.encode();
        assertTrue(written.endsWith("\r\n"));
        assertEquals(written, SessionDescription.parse(written).encode());
        assertEquals(sdp.media().size(), SessionDescription.parse(written).media().size());
    }

    static Stream<Arguments> samples() {
        return Stream.of(Arguments.of("ffmpeg h265", FFMPEG_H265), Arguments.of("ffmpeg aac", FFMPEG_AAC),
                Arguments.of("ffmpeg pcmu", FFMPEG_PCMU), Arguments.of("rtsp two tracks", RTSP_TWO_TRACKS));
    }

    @Test
    void buildsADescriptionFfmpegCanRead() {
        SessionDescription sdp = SessionDescription.builder().sessionName("camel").connection(SdpConnection.ip4("127.0.0.1"))
                .media(MediaDescription.builder("video", 6000, "RTP/AVP").rtpMap(RtpMap.of(96, "H264", 90000))
                        .fmtp(new Fmtp(96, Map.of("packetization-mode", "1"))).direction(Direction.SENDONLY).build())
                .build();
        assertEquals("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=camel\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=video 6000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=sendonly\r\n",
                sdp.encode());
    }

    static Stream<Arguments> badDescriptions() {
        return Stream.of(
                Arguments.of("empty", "", "no 'v=0'"),
                Arguments.of("not starting with v=0", "o=- 0 0 IN IP4 1.2.3.4\n", "line 1 (o=): a description starts with 'v=0'"),
                Arguments.of("no type", "v=0\nhello\n", "line 2 (?=): not '<type>=<value>'"),
                Arguments.of("port not a number", "v=0\nm=video abc RTP/AVP 96\n", "line 2 (m=): port 'abc' is not a number"),
                Arguments.of("port out of range", "v=0\nm=video 70000 RTP/AVP 96\n", "port 70000 is outside 0..65535"),
                Arguments.of("m= too short", "v=0\nm=video 5000\n", "expected '<media> <port> <proto>"),
                Arguments.of("bad c=", "v=0\nc=IN IP4\n", "line 2 (c=)"),
                Arguments.of("rtpmap without rate", "v=0\nm=audio 1 RTP/AVP 96\na=rtpmap:96 opus\n", "line 3 (a=): rtpmap '96 opus' is not"),
                Arguments.of("rtpmap payload type 200", "v=0\nm=audio 1 RTP/AVP 96\na=rtpmap:200 opus/48000\n", "rtpmap payload type 200 is outside 0..127"),
                Arguments.of("too long", "v=0\n" + "a=x\n".repeat(20_000), "exceeds the limit 65536"),
                Arguments.of("too many attributes", "v=0\n" + "a=x\n".repeat(600), "more than 512 attributes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDescriptions")
    void rejectsNamingTheLine(String name, String text, String message) {
        SdpException e = assertThrows(SdpException.class, () -> SessionDescription.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void fuzz() {
        Random rnd = new Random(5);
        String[] seeds = {FFMPEG_H265, FFMPEG_AAC, RTSP_TWO_TRACKS};
        String alphabet = "v=0am/:; \r\n9x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder(seeds[rnd.nextInt(seeds.length)]);
            for (int k = rnd.nextInt(6); k > 0; k--) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, (char) rnd.nextInt(128));
                }
            }
            try {
                SessionDescription sdp = SessionDescription.parse(sb.toString());
                String w = sdp.encode();
                assertEquals(w, SessionDescription.parse(w).encode());
                for (MediaDescription m : sdp.media()) {
                    for (int pt : m.payloadTypes()) {
                        m.rtpMap(pt);
                        m.fmtp(pt);
                    }
                    m.rtcpPort();
                }
            } catch (SdpException expected) {
                assertFalse(expected.getMessage().isEmpty());
            }
        }
    }
}
