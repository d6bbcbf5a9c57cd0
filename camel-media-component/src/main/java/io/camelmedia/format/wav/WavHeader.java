package io.camelmedia.format.wav;

/**
 * The 44-byte header of a canonical PCM WAVE file: a RIFF chunk of form type 'WAVE' holding a 'fmt ' chunk
 * (WAVEFORMAT with wFormatTag 1, PCM, and wBitsPerSample; Microsoft "Multimedia Programming Interface and
 * Data Specifications 1.0", 1991, "WAVE Form Definition") and the header of the 'data' chunk. All fields
 * little-endian:
 *
 * <pre>
 *  0 'RIFF' ckSize(32) = 4 + 24 + 8 + data     8 'WAVE'
 * 12 'fmt ' ckSize(32) = 16   20 wFormatTag(16) = 1  nChannels(16)  nSamplesPerSec(32)  nAvgBytesPerSec(32)
 *                             nBlockAlign(16)  wBitsPerSample(16)
 * 36 'data' ckSize(32) = data bytes             44 samples
 * </pre>
 */
final class WavHeader {
    static final int SIZE = 44;
    /** Offsets of the two size fields patched when the length is known. */
    static final int RIFF_SIZE_OFFSET = 4;
    static final int DATA_SIZE_OFFSET = 40;
    /** RIFF ckSize counts everything after itself: 'WAVE', the fmt chunk (8 + 16) and the data chunk header (8). */
    static final int RIFF_SIZE_OVERHEAD = SIZE - 8;
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int FMT_CHUNK_SIZE = 16;

    private WavHeader() {
    }

    static byte[] encode(int sampleRate, int channels, int bitsPerSample, long dataSize) {
        byte[] h = new byte[SIZE];
        int blockAlign = channels * bitsPerSample / 8;
        ascii(h, 0, "RIFF");
        le32(h, RIFF_SIZE_OFFSET, dataSize == 0 ? 0 : RIFF_SIZE_OVERHEAD + dataSize);
        ascii(h, 8, "WAVE");
        ascii(h, 12, "fmt ");
        le32(h, 16, FMT_CHUNK_SIZE);
        le16(h, 20, WAVE_FORMAT_PCM);
        le16(h, 22, channels);
        le32(h, 24, sampleRate);
        le32(h, 28, (long) sampleRate * blockAlign);
        le16(h, 32, blockAlign);
        le16(h, 34, bitsPerSample);
        ascii(h, 36, "data");
        le32(h, DATA_SIZE_OFFSET, dataSize);
        return h;
    }

    static void le32(byte[] b, int pos, long v) {
        for (int i = 0; i < 4; i++) {
            b[pos + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void le16(byte[] b, int pos, int v) {
        b[pos] = (byte) v;
        b[pos + 1] = (byte) (v >>> 8);
    }

    private static void ascii(byte[] b, int pos, String s) {
        for (int i = 0; i < 4; i++) {
            b[pos + i] = (byte) s.charAt(i);
        }
    }
}
