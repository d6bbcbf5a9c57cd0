package io.camelmedia.format.fmp4;

import io.camelmedia.codec.opus.OpusHead;

/**
 * The {@code dOps} box of an {@code Opus} sample entry ("Encapsulation of Opus in ISO Base Media File
 * Format" 4.3.2), made from the Track's OpusHead (RFC 7845 5.1). Same fields as the OpusHead, but
 * big-endian, without the magic, and with Version 0:
 *
 * <pre>
 * Version(8)=0 OutputChannelCount(8) PreSkip(16) InputSampleRate(32) OutputGain(16, signed)
 * ChannelMappingFamily(8) [ StreamCount(8) CoupledCount(8) ChannelMapping(8 * OutputChannelCount) ]
 * </pre>
 *
 * A plain box, not a FullBox (4.3.2 defines it as {@code extends Box('dOps')}).
 */
final class OpusSpecificBox implements Box {
    /** 4.3.2: "Version ... shall be set to 0". */
    static final int VERSION = 0;
    /** Bytes up to and including ChannelMappingFamily. */
    static final int FIXED_SIZE = 11;

    private final OpusHead head;

    private OpusSpecificBox(OpusHead head) {
        this.head = head;
    }

    static OpusSpecificBox of(byte[] opusHead) {
        return new OpusSpecificBox(OpusHead.decode(opusHead));
    }

    int outputChannelCount() {
        return head.channelCount();
    }

    @Override
    public int size() {
        int mapping = head.channelMappingFamily() == 0 ? 0 : 2 + head.channelCount();
        return BoxWriter.HEADER + FIXED_SIZE + mapping;
    }

    @Override
    public void write(BoxWriter w) {
        w.header(size(), "dOps").u8(VERSION).u8(head.channelCount()).u16(head.preSkip())
                .u32(head.inputSampleRate()).u16(head.outputGain()).u8(head.channelMappingFamily());
        if (head.channelMappingFamily() != 0) {
            w.u8(head.streamCount()).u8(head.coupledCount()).bytes(head.channelMapping());
        }
    }
}
