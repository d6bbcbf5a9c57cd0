package io.camelmedia.format.mpegts;

/**
 * What a {@link TsDemuxer} read and what it had to drop: bad input is counted here, never thrown. Read from
 * the thread that feeds the demuxer (or after it stopped); the counters are plain fields.
 */
public final class TsDemuxerStats {
    long bytes;
    long packets;
    long skippedBytes;
    long transportErrors;
    long continuityErrors;
    long duplicatePackets;
    long sectionErrors;
    long pesPackets;
    long droppedPes;
    long oversizedPes;
    long elementaryStreamErrors;
    long frames;
    long droppedFrames;
    long ignoredStreams;
    String lastError;

    /** Bytes fed. */
    public long bytes() {
        return bytes;
    }

    /** Whole 188-byte transport packets read. */
    public long packets() {
        return packets;
    }

    /** Bytes skipped while looking for a sync byte (garbage between or inside packets). */
    public long skippedBytes() {
        return skippedBytes;
    }

    /** Packets with transport_error_indicator set: dropped like a lost packet. */
    public long transportErrors() {
        return transportErrors;
    }

    /** continuity_counter gaps (2.4.3.3) on the PSI and elementary PIDs read: each means packets were lost. */
    public long continuityErrors() {
        return continuityErrors;
    }

    /** Duplicate packets (same continuity_counter twice, 2.4.3.3): ignored. */
    public long duplicatePackets() {
        return duplicatePackets;
    }

    /** PAT/PMT sections refused: bad CRC_32, length, or syntax. */
    public long sectionErrors() {
        return sectionErrors;
    }

    /** PES packets delivered to a codec reader. */
    public long pesPackets() {
        return pesPackets;
    }

    /** PES packets dropped: a packet of them was lost, their header was bad, or they were cut short. */
    public long droppedPes() {
        return droppedPes;
    }

    /** PES packets dropped because they grew past the limit of their stream (see {@link TsDemuxer}). */
    public long oversizedPes() {
        return oversizedPes;
    }

    /** PES payloads a codec reader could not (entirely) use: no start code, bad ADTS/Opus/MPEG audio framing. */
    public long elementaryStreamErrors() {
        return elementaryStreamErrors;
    }

    /** Frames delivered to the listener. */
    public long frames() {
        return frames;
    }

    /**
     * Frames dropped: video before its first parameter sets, frames of a track that was not known when the
     * stream started, or past the hold limit.
     */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** PMT entries of stream types the demuxer does not read (each PID counted once). */
    public long ignoredStreams() {
        return ignoredStreams;
    }

    /** The message of the last refused unit (section, PES, ES payload), or null: for a log line. */
    public String lastError() {
        return lastError;
    }

    void error(String message) {
        lastError = message;
    }

    @Override
    public String toString() {
        return "TsDemuxerStats[bytes=" + bytes + " packets=" + packets + " skipped=" + skippedBytes
                + " transportErrors=" + transportErrors + " ccErrors=" + continuityErrors + " duplicates="
                + duplicatePackets + " sectionErrors=" + sectionErrors + " pes=" + pesPackets + " droppedPes="
                + droppedPes + " oversizedPes=" + oversizedPes + " esErrors=" + elementaryStreamErrors + " frames="
                + frames + " droppedFrames=" + droppedFrames + " ignoredStreams=" + ignoredStreams + "]";
    }
}
