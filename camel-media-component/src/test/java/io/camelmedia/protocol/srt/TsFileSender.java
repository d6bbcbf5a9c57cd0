package io.camelmedia.protocol.srt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Sends a TS file over a connection in 1316-byte payloads, a few per millisecond, on the connection's loop. */
final class TsFileSender {
    private TsFileSender() {
    }

    static CompletableFuture<Void> send(SrtConnection c, byte[] ts) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] at = {0};
        c.channel().eventLoop().scheduleAtFixedRate(new Runnable() {
            @Override
            public void run() {
                for (int i = 0; i < 4 && at[0] < ts.length; i++) {
                    int n = Math.min(SrtPacket.LIVE_PAYLOAD, ts.length - at[0]);
                    ByteBuf b = Unpooled.wrappedBuffer(ts, at[0], n);
                    c.send(b);
                    at[0] += n;
                }
                if (at[0] >= ts.length && !done.isDone()) {
                    done.complete(null);
                    throw new IllegalStateException("done: stops the schedule");
                }
            }
        }, 1, 1, TimeUnit.MILLISECONDS);
        return done;
    }
}
