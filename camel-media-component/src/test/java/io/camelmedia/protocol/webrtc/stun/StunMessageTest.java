package io.camelmedia.protocol.webrtc.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** RFC 5769's test vectors (the IETF's own STUN bytes), our encoder's round trip, and garbage. */
class StunMessageTest {
    private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

    /** RFC 5769 §2.1: a binding request with PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY, FINGERPRINT. */
    static final byte[] RFC5769_REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae"
            + "80220010" + "5354554e207465737420636c69656e74"   // SOFTWARE "STUN test client"
            + "002400046e0001ff"
            + "80290008932ff9b151263b36"
            + "000600096576746a3a68367659202020"
            + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004e57a3bcf");

    /** RFC 5769 §2.2: the IPv4 success response, mapped address 192.0.2.1:32853. */
    static final byte[] RFC5769_RESPONSE_V4 = HexFormat.of().parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004c07d4c96");

    @Test
    void rfc5769SampleRequestVerifies() {
        StunMessage m = StunMessage.decode(RFC5769_REQUEST, 0, RFC5769_REQUEST.length);
        assertTrue(m.isBindingRequest());
        assertEquals("evtj:h6vY", m.username().orElseThrow());
        assertTrue(m.verifyIntegrity(PASSWORD), "MESSAGE-INTEGRITY with the RFC's password");
        assertFalse(m.verifyIntegrity("wrong".getBytes(StandardCharsets.UTF_8)));
        assertTrue(m.hasFingerprint());
        assertTrue(m.verifyFingerprint());
        assertFalse(m.useCandidate());
    }

    @Test
    void rfc5769ResponseGivesTheMappedAddress() {
        StunMessage m = StunMessage.decode(RFC5769_RESPONSE_V4, 0, RFC5769_RESPONSE_V4.length);
        assertEquals(StunMessage.CLASS_SUCCESS, m.messageClass());
        assertEquals(new InetSocketAddress("192.0.2.1", 32853), m.xorMappedAddress().orElseThrow());
        assertTrue(m.verifyIntegrity(PASSWORD));
        assertTrue(m.verifyFingerprint());
    }

    @Test
    void ourSuccessResponseRoundTrips() {
        byte[] tid = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");
        InetSocketAddress mapped = new InetSocketAddress("192.0.2.1", 32853);
        byte[] r = StunMessage.bindingSuccess(tid, mapped, PASSWORD);
        StunMessage m = StunMessage.decode(r, 0, r.length);
        assertEquals(mapped, m.xorMappedAddress().orElseThrow());
        assertArrayEquals(tid, m.transactionId());
        assertTrue(m.verifyIntegrity(PASSWORD));
        assertTrue(m.verifyFingerprint());
        // the XOR-MAPPED-ADDRESS bytes are the RFC's for the same address and transaction
        assertTrue(HexFormat.of().formatHex(r).contains("002000080001a147e112a643"));
        InetSocketAddress v6 = new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853);
        byte[] r6 = StunMessage.bindingSuccess(tid, v6, PASSWORD);
        assertEquals(v6, StunMessage.decode(r6, 0, r6.length).xorMappedAddress().orElseThrow());
    }

    @Test
    void requestsWeBuildVerify() {
        byte[] tid = new byte[12];
        byte[] req = StunMessage.builder(StunMessage.BINDING, tid).username("a:b").priority(1234).iceControlling(42)
                .useCandidate().encode(PASSWORD, true);
        StunMessage m = StunMessage.decode(req, 0, req.length);
        assertTrue(m.isBindingRequest() && m.useCandidate() && m.verifyIntegrity(PASSWORD) && m.verifyFingerprint());
        byte[] err = StunMessage.bindingError(tid, 401, "Unauthorized", null);
        assertEquals(401, StunMessage.decode(err, 0, err.length).errorCode());
    }

    @Test
    void garbageIsAStunExceptionNeverAnythingElse() {
        Random r = new Random(5769);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = i % 2 == 0 ? RFC5769_REQUEST.clone() : new byte[r.nextInt(200)];
            if (i % 2 == 0) {
                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
            } else {
                r.nextBytes(b);
            }
            int len = i % 3 == 0 ? r.nextInt(b.length + 1) : b.length;
            try {
                StunMessage m = StunMessage.decode(b, 0, len);
                m.username();
                m.verifyIntegrity(PASSWORD);
                m.verifyFingerprint();
                m.xorMappedAddress();
            } catch (StunException expected) {
                // the only allowed failure
            }
        }
        assertThrows(StunException.class, () -> StunMessage.decode(new byte[19], 0, 19));
    }
}
