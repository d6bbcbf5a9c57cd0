package io.camelmedia.protocol.webrtc.ice;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the ICE port: what was answered, and every datagram dropped by why. */
public final class IceServerStats {
    final AtomicLong stunRequests = new AtomicLong();
    final AtomicLong stunMalformed = new AtomicLong();
    final AtomicLong stunBadIntegrity = new AtomicLong();
    final AtomicLong stunUnknownUser = new AtomicLong();
    final AtomicLong unknownPackets = new AtomicLong();
    final AtomicLong droppedSends = new AtomicLong();

    public long stunRequests() {
        return stunRequests.get();
    }

    public long stunMalformed() {
        return stunMalformed.get();
    }

    public long stunBadIntegrity() {
        return stunBadIntegrity.get();
    }

    public long stunUnknownUser() {
        return stunUnknownUser.get();
    }

    /** Non-STUN datagrams from an address no check validated. */
    public long unknownPackets() {
        return unknownPackets.get();
    }

    public long droppedSends() {
        return droppedSends.get();
    }

    @Override
    public String toString() {
        return "IceServerStats[stunRequests=" + stunRequests + " malformed=" + stunMalformed + " badIntegrity="
                + stunBadIntegrity + " unknownUser=" + stunUnknownUser + " unknownPackets=" + unknownPackets
                + " droppedSends=" + droppedSends + "]";
    }
}
