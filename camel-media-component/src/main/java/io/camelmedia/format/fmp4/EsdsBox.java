package io.camelmedia.format.fmp4;

/**
 * The {@code esds} box of an {@code mp4a} entry (ISO/IEC 14496-14 5.6): a FullBox holding one
 * ES_Descriptor (ISO/IEC 14496-1 7.2.6.5):
 *
 * <pre>
 * ES_DescrTag(0x03) size  ES_ID(16)=0 streamDependenceFlag(1) URL_Flag(1) OCRstreamFlag(1) streamPriority(5)
 *   DecoderConfigDescrTag(0x04) size  objectTypeIndication(8) streamType(6)=5 upStream(1)=0 reserved(1)=1
 *                                     bufferSizeDB(24) maxBitrate(32) avgBitrate(32)
 *     [DecSpecificInfoTag(0x05) size  AudioSpecificConfig]
 *   SLConfigDescrTag(0x06) size=1  predefined(8)=2
 * </pre>
 *
 * Sizes use the expandable form of 14496-1 8.3.3 (7 bits a byte, high bit "more follows"), shortest
 * encoding. ES_ID is 0 as 14496-14 3.1.2 asks of stored streams; buffer size and bitrates are 0 (unknown:
 * a live encoder does not tell them up front, and decoders do not need them).
 */
final class EsdsBox {
    /** 14496-1 Table 5: Audio ISO/IEC 14496-3 (AAC). */
    static final int OTI_AAC = 0x40;
    /** 14496-1 Table 5: Audio ISO/IEC 11172-3 (MPEG-1 audio, MP3). */
    static final int OTI_MP3 = 0x6B;
    private static final int ES_DESCR_TAG = 0x03;
    private static final int DECODER_CONFIG_DESCR_TAG = 0x04;
    private static final int DEC_SPECIFIC_INFO_TAG = 0x05;
    private static final int SL_CONFIG_DESCR_TAG = 0x06;
    /** streamType 0x05 (AudioStream) << 2 | upStream 0 << 1 | reserved 1. */
    private static final int AUDIO_STREAM = 0x05 << 2 | 1;
    /** SLConfigDescriptor predefined 2: "reserved for use in MP4 files" (14496-1 7.3.2.3.2). */
    private static final int SL_PREDEFINED_MP4 = 0x02;
    /** Fields of DecoderConfigDescriptor before its sub-descriptors. */
    private static final int DECODER_CONFIG_FIELDS = 13;
    /** ES_ID and flags. */
    private static final int ES_FIELDS = 3;
    /** A descriptor size has at most four 7-bit bytes (14496-1 8.3.3: sizeOfInstance < 2^28). */
    static final int MAX_DESCRIPTOR_SIZE = (1 << 28) - 1;

    private EsdsBox() {
    }

    /** An esds for {@code objectTypeIndication}, with {@code decoderSpecificInfo} when it is not empty. */
    static Box of(int objectTypeIndication, byte[] decoderSpecificInfo) {
        int dsi = decoderSpecificInfo.length == 0 ? 0 : descriptorSize(decoderSpecificInfo.length);
        int decoderConfig = descriptorSize(DECODER_CONFIG_FIELDS + dsi);
        int sl = descriptorSize(1);
        int esBody = ES_FIELDS + decoderConfig + sl;
        return Box.full("esds", 0, 0, descriptorSize(esBody), w -> {
            descriptorHeader(w, ES_DESCR_TAG, esBody);
            w.u16(0).u8(0); // ES_ID, no dependence / URL / OCR, priority 0
            descriptorHeader(w, DECODER_CONFIG_DESCR_TAG, DECODER_CONFIG_FIELDS + dsi);
            w.u8(objectTypeIndication).u8(AUDIO_STREAM).u24(0).u32(0).u32(0);
            if (dsi > 0) {
                descriptorHeader(w, DEC_SPECIFIC_INFO_TAG, decoderSpecificInfo.length);
                w.bytes(decoderSpecificInfo);
            }
            descriptorHeader(w, SL_CONFIG_DESCR_TAG, 1);
            w.u8(SL_PREDEFINED_MP4);
        });
    }

    /** Bytes of a whole descriptor with a body of {@code bodySize}: tag, expandable size, body. */
    static int descriptorSize(int bodySize) {
        return 1 + sizeFieldLength(bodySize) + bodySize;
    }

    static int sizeFieldLength(int bodySize) {
        if (bodySize < 0 || bodySize > MAX_DESCRIPTOR_SIZE) {
            throw new Fmp4Exception("esds: descriptor size " + bodySize + " is outside [0, " + MAX_DESCRIPTOR_SIZE + "]");
        }
        int n = 1;
        while (bodySize >= 1 << (7 * n)) {
            n++;
        }
        return n;
    }

    private static void descriptorHeader(BoxWriter w, int tag, int bodySize) {
        w.u8(tag);
        for (int i = sizeFieldLength(bodySize) - 1; i >= 0; i--) {
            w.u8((bodySize >>> (7 * i)) & 0x7F | (i > 0 ? 0x80 : 0));
        }
    }
}
