package io.camelmedia.format.mp4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.camelmedia.format.fmp4.Box;
import io.camelmedia.frame.Track;

/**
 * One track's samples as the sample table boxes describe them (ISO/IEC 14496-12 8.5-8.7): decode times,
 * composition offsets, sizes, sync samples and chunks, collected while the mdat is written and turned into
 * {@code stts, ctts, stss, stsc, stsz, stco|co64} on close. Memory per sample: 8 (dts) + 4 (offset) +
 * 4 (size) bytes, plus one bit of key frame and one chunk entry per run of samples.
 */
final class SampleTable {
    /**
     * Samples per track: 16 M is 6 days of 30 fps video or 3.7 days of 20 ms audio; a longer recording
     * belongs in fragmented MP4 (the tables of a non-fragmented file live in memory until close).
     */
    static final int MAX_SAMPLES = 1 << 24;

    final Track track;
    private long[] dts = new long[1024];
    private int[] compositionOffsets = new int[1024];
    private int[] sizes = new int[1024];
    private boolean[] sync = new boolean[1024];
    private int count;
    private boolean anyOffset;
    private boolean negativeOffset;
    private boolean allSync = true;
    /** Chunks: index of the first sample and its file offset relative to the mdat payload start. */
    private final List<long[]> chunks = new ArrayList<>();
    private long lastDuration;

    SampleTable(Track track) {
        this.track = track;
    }

    int count() {
        return count;
    }

    long firstDts() {
        return count == 0 ? 0 : dts[0];
    }

    /**
     * Adds a sample; {@code newChunk} when it does not follow the previous sample of this track in the mdat.
     *
     * @param lastDurationHint the sample's own duration when the codec tells it (audio), else -1
     */
    void add(long sampleDts, long pts, int size, boolean key, boolean newChunk, long mdatOffset, long lastDurationHint) {
        if (count == MAX_SAMPLES) {
            throw new Mp4Exception("stbl: track " + track.id() + " has " + MAX_SAMPLES
                    + " samples, the limit of a non-fragmented file here; use fragmented MP4 for longer recordings");
        }
        if (count > 0 && sampleDts < dts[count - 1]) {
            throw new Mp4Exception("stts: track " + track.id() + " dts " + sampleDts + " goes back from "
                    + dts[count - 1] + " (sample " + count + ")");
        }
        long offset = pts - sampleDts;
        if (offset > Integer.MAX_VALUE || offset < Integer.MIN_VALUE) {
            throw new Mp4Exception("ctts: track " + track.id() + " composition offset " + offset
                    + " does not fit 32 bits (sample " + count + ")");
        }
        if (count == dts.length) {
            int n = count * 2;
            dts = Arrays.copyOf(dts, n);
            compositionOffsets = Arrays.copyOf(compositionOffsets, n);
            sizes = Arrays.copyOf(sizes, n);
            sync = Arrays.copyOf(sync, n);
        }
        if (newChunk || chunks.isEmpty()) {
            chunks.add(new long[] {count, mdatOffset});
        }
        dts[count] = sampleDts;
        compositionOffsets[count] = (int) offset;
        sizes[count] = size;
        sync[count] = key;
        anyOffset |= offset != 0;
        negativeOffset |= offset < 0;
        allSync &= key;
        lastDuration = lastDurationHint >= 0 ? lastDurationHint
                : count > 0 ? sampleDts - dts[count - 1] : 0;
        count++;
    }

    /** Decode duration of the track: last dts - first dts + the last sample's duration. */
    long duration() {
        return count == 0 ? 0 : dts[count - 1] - dts[0] + lastDuration;
    }

    long largestChunkOffset() {
        return chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1)[1];
    }

    /** The stbl children after stsd, chunk offsets shifted by {@code base} (where the mdat payload starts). */
    List<Box> boxes(long base, boolean co64) {
        List<Box> boxes = new ArrayList<>(6);
        boxes.add(timeToSample());
        if (anyOffset) {
            boxes.add(compositionOffsets());
        }
        if (!allSync) {
            boxes.add(syncSamples());
        }
        boxes.add(sampleToChunk());
        boxes.add(sampleSizes());
        boxes.add(chunkOffsets(base, co64));
        return boxes;
    }

    /** 8.6.1.2 stts: runs of equal sample deltas; the last sample's delta is its own duration. */
    private Box timeToSample() {
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long delta = i + 1 < count ? dts[i + 1] - dts[i] : lastDuration;
            if (delta > 0xFFFF_FFFFL) {
                throw new Mp4Exception("stts: track " + track.id() + " sample delta " + delta + " exceeds 32 bits");
            }
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == delta) {
                runs.get(runs.size() - 1)[0]++;
            } else {
                runs.add(new long[] {1, delta});
            }
        }
        return Box.full("stts", 0, 0, 4 + 8 * runs.size(), w -> {
            w.u32(runs.size());
            for (long[] r : runs) {
                w.u32(r[0]).u32(r[1]);
            }
        });
    }

    /** 8.6.1.3 ctts: runs of equal composition offsets; version 1 (signed) when one is negative. */
    private Box compositionOffsets() {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int off = compositionOffsets[i];
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == off) {
                runs.get(runs.size() - 1)[0]++;
            } else {
                runs.add(new int[] {1, off});
            }
        }
        return Box.full("ctts", negativeOffset ? 1 : 0, 0, 4 + 8 * runs.size(), w -> {
            w.u32(runs.size());
            for (int[] r : runs) {
                w.u32(r[0]).u32(r[1] & 0xFFFF_FFFFL);
            }
        });
    }

    /** 8.6.2 stss: 1-based numbers of the sync samples (absent when every sample is one). */
    private Box syncSamples() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += sync[i] ? 1 : 0;
        }
        int entries = n;
        return Box.full("stss", 0, 0, 4 + 4 * entries, w -> {
            w.u32(entries);
            for (int i = 0; i < count; i++) {
                if (sync[i]) {
                    w.u32(i + 1);
                }
            }
        });
    }

    /** 8.7.4 stsc: runs of chunks with the same number of samples (first_chunk is 1-based). */
    private Box sampleToChunk() {
        List<long[]> runs = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            long first = chunks.get(c)[0];
            long next = c + 1 < chunks.size() ? chunks.get(c + 1)[0] : count;
            long samples = next - first;
            if (runs.isEmpty() || runs.get(runs.size() - 1)[1] != samples) {
                runs.add(new long[] {c + 1, samples});
            }
        }
        return Box.full("stsc", 0, 0, 4 + 12 * runs.size(), w -> {
            w.u32(runs.size());
            for (long[] r : runs) {
                w.u32(r[0]).u32(r[1]).u32(1); // sample_description_index: the one entry
            }
        });
    }

    /** 8.7.3.2 stsz: one sample_size when all are equal, else a table. */
    private Box sampleSizes() {
        boolean constant = count > 0;
        for (int i = 1; i < count && constant; i++) {
            constant = sizes[i] == sizes[0];
        }
        if (constant) {
            int size = sizes[0];
            return Box.full("stsz", 0, 0, 8, w -> w.u32(size).u32(count));
        }
        return Box.full("stsz", 0, 0, 8 + 4 * count, w -> {
            w.u32(0).u32(count);
            for (int i = 0; i < count; i++) {
                w.u32(sizes[i]);
            }
        });
    }

    /** 8.7.5 stco (32-bit) or co64 (64-bit) chunk offsets, from the start of the file. */
    private Box chunkOffsets(long base, boolean co64) {
        int entry = co64 ? 8 : 4;
        return Box.full(co64 ? "co64" : "stco", 0, 0, 4 + entry * chunks.size(), w -> {
            w.u32(chunks.size());
            for (long[] c : chunks) {
                if (co64) {
                    w.u64(base + c[1]);
                } else {
                    w.u32(base + c[1]);
                }
            }
        });
    }
}
