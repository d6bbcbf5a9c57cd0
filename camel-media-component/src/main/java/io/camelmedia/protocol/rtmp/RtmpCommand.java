package io.camelmedia.protocol.rtmp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.camelmedia.format.amf.Amf0Decoder;
import io.camelmedia.format.amf.Amf0Encoder;
import io.camelmedia.format.amf.AmfException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A command message (RTMP 1.0 §7.1.1, §7.2): command name, transaction id, command object, then optional
 * arguments, all AMF0. Type 17 (AMF3 command) is accepted when it carries AMF0 after its leading format
 * byte 0, as Flash and some encoders send it.
 *
 * @param commandObject the third value (an object or null); arguments are the values after it
 */
public record RtmpCommand(String name, double transactionId, Object commandObject, List<Object> arguments) {

    /** Message stream 0 commands (NetConnection) go on chunk stream 3, like ffmpeg and nginx-rtmp. */
    public static final int CHUNK_STREAM_ID = 3;
    /** NetStream commands and status go on chunk stream 5 (the csid is the sender's choice, §5.3.1.1). */
    public static final int STREAM_CHUNK_STREAM_ID = 5;

    public RtmpCommand {
        // AMF0 null is a legal argument, so no List.copyOf (it rejects nulls)
        arguments = arguments == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    public static RtmpCommand of(String name, double transactionId, Object commandObject, Object... arguments) {
        return new RtmpCommand(name, transactionId, commandObject, Arrays.asList(arguments));
    }

    /** The i-th argument if it is a string, else null. */
    public String stringArgument(int i) {
        return i < arguments.size() && arguments.get(i) instanceof String s ? s : null;
    }

    /** The i-th argument if it is a number, else null. */
    public Double numberArgument(int i) {
        return i < arguments.size() && arguments.get(i) instanceof Double d ? d : null;
    }

    /** The command object's property if it is an object, else null. */
    public Object property(String key) {
        return commandObject instanceof Map<?, ?> m ? m.get(key) : null;
    }

    /**
     * Decodes the body of a type 20 (or 17) message. The buffer is not released.
     *
     * @throws AmfException on malformed AMF0 or a body that does not start with a name string
     */
    public static RtmpCommand decode(ByteBuf body, int typeId, Amf0Decoder amf) {
        List<Object> values = amf.decodeAll(amf0Body(body, typeId));
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new AmfException("command message does not start with a name string: " + describe(values));
        }
        double txn = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        Object object = values.size() > 2 ? values.get(2) : null;
        List<Object> args = values.size() > 3 ? values.subList(3, values.size()) : List.of();
        return new RtmpCommand(name, txn, object, args);
    }

    /**
     * Type 15/17 bodies (AMF3 data/command) begin with one format byte, 0, after which the values are AMF0
     * (§7.1.1, §7.1.2); everything else is AMF0 from the first byte.
     */
    static ByteBuf amf0Body(ByteBuf body, int typeId) {
        boolean amf3 = typeId == RtmpMessageType.COMMAND_AMF3 || typeId == RtmpMessageType.DATA_AMF3;
        if (amf3 && body.isReadable() && body.getByte(body.readerIndex()) == 0) {
            return body.slice(body.readerIndex() + 1, body.readableBytes() - 1);
        }
        return body;
    }

    private static String describe(List<Object> values) {
        String s = values.isEmpty() ? "(empty)" : String.valueOf(values.get(0));
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    /** Encodes as an AMF0 command message on {@code messageStreamId}. */
    public RtmpMessage toMessage(ByteBufAllocator alloc, int messageStreamId) {
        ByteBuf body = alloc.buffer();
        Amf0Encoder.encodeAll(body, name, transactionId, commandObject);
        for (Object a : arguments) {
            Amf0Encoder.encode(body, a);
        }
        int csid = messageStreamId == 0 ? CHUNK_STREAM_ID : STREAM_CHUNK_STREAM_ID;
        return new RtmpMessage(csid, 0, RtmpMessageType.COMMAND_AMF0, messageStreamId, body);
    }
}
