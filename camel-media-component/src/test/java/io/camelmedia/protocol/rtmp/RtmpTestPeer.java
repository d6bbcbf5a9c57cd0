package io.camelmedia.protocol.rtmp;

import java.util.ArrayList;
import java.util.List;

import io.camelmedia.format.amf.Amf0Decoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The client half of a test: encodes client messages into chunk bytes (its own chunk encoder, so header
 * compression state carries over) and decodes what the server sent into readable {@link Received} values.
 */
final class RtmpTestPeer implements AutoCloseable {
    private final EmbeddedChannel encoder = new EmbeddedChannel(new RtmpChunkEncoder());
    private final EmbeddedChannel decoder = new EmbeddedChannel(new RtmpChunkDecoder());

    /** A message the server sent: type, stream, and either the AMF values (commands) or the raw body. */
    record Received(int typeId, int messageStreamId, long timestamp, List<Object> values, byte[] body) {
        String commandName() {
            return values.isEmpty() ? null : String.valueOf(values.get(0));
        }

        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> info() {
            return (java.util.Map<String, Object>) values.get(3);
        }
    }

    byte[] encode(RtmpMessage... messages) {
        for (RtmpMessage m : messages) {
            encoder.writeOutbound(m);
        }
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        return ByteBufUtil.getBytes(all);
    }

    static RtmpMessage command(int msid, String name, double txn, Object object, Object... args) {
        return RtmpCommand.of(name, txn, object, args).toMessage(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, msid);
    }

    static RtmpMessage connect(String app) {
        java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("app", app);
        o.put("type", "nonprivate");
        o.put("tcUrl", "rtmp://127.0.0.1/" + app);
        return command(0, "connect", 1, o);
    }

    /** Feeds server output (bytes) and returns the messages decoded so far. */
    List<Received> decode(ByteBuf serverBytes) {
        decoder.writeInbound(serverBytes);
        List<Received> out = new ArrayList<>();
        for (RtmpMessage m; (m = decoder.readInbound()) != null; ) {
            try {
                int t = m.typeId();
                List<Object> values = t == RtmpMessageType.COMMAND_AMF0 || t == RtmpMessageType.DATA_AMF0
                        ? Amf0Decoder.DEFAULT.decodeAll(m.payload().duplicate()) : List.of();
                out.add(new Received(t, m.messageStreamId(), m.timestamp(), values, ByteBufUtil.getBytes(m.payload())));
            } finally {
                m.release();
            }
        }
        return out;
    }

    /** Set Chunk Size from the server changes how its next chunks are read: our decoder saw it already. */
    int serverChunkSize() {
        return decoder.pipeline().get(RtmpChunkDecoder.class).chunkSize();
    }

    @Override
    public void close() {
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
