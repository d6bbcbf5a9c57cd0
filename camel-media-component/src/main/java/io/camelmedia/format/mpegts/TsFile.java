package io.camelmedia.format.mpegts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A transport stream file as a live recording writes it (whole {@value TsPacket#SIZE}-byte packets from the
 * start). Used to recover a recording cut short by a crash: every whole packet plays (a PES cut at the end is
 * dropped by demuxers), a torn packet after them does not.
 */
public final class TsFile {
    /** Read in steps of 348 packets (64 KiB). */
    private static final int CHUNK = 348 * TsPacket.SIZE;

    private TsFile() {
    }

    /**
     * The length of the playable prefix of {@code ch}: up to the end of the last whole packet before the first one
     * that is torn (the file ends inside it) or does not start with the sync byte.
     */
    public static long playableLength(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer b = ByteBuffer.allocate(CHUNK);
        long pos = 0;
        while (size - pos >= TsPacket.SIZE) {
            b.clear().limit((int) Math.min(CHUNK, (size - pos) / TsPacket.SIZE * TsPacket.SIZE));
            while (b.hasRemaining()) {
                if (ch.read(b, pos + b.position()) < 0) {
                    return pos; // shrank while read
                }
            }
            for (int i = 0; i < b.limit(); i += TsPacket.SIZE) {
                if ((b.get(i) & 0xFF) != TsPacket.SYNC_BYTE) {
                    return pos + i;
                }
            }
            pos += b.limit();
        }
        return pos;
    }
}
