package io.camelmedia.protocol.webrtc.ice;

import java.net.InetSocketAddress;

import io.netty.channel.EventLoop;

/** A validated way to a peer: the remote address on the shared UDP port, or one ICE-TCP connection. */
public interface IcePath {
    InetSocketAddress remote();

    boolean tcp();

    /** Sends one datagram (framed on TCP). Never blocks: when the way out is full the data is dropped and counted. */
    void send(byte[] data, int off, int len);

    /** The loop this path's packets arrive on. */
    EventLoop eventLoop();
}
