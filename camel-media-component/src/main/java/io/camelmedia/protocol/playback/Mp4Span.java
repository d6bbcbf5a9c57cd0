package io.camelmedia.protocol.playback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.camelmedia.format.fmp4.Fmp4Exception;
import io.camelmedia.format.fmp4.FragmentIndex;
import io.camelmedia.format.fmp4.FragmentRetimer;

/**
 * A time span of a stream's recordings as one fragmented MP4 (MediaMTX's {@code /get}): the first file's init
 * ({@code ftyp}+{@code moov}), then the fragments from the last key-frame fragment at or before the span's start
 * (the first key frame after it when the start falls in no recording) through the last fragment that starts
 * before its end, across files. The fragments' bytes are the files' own; only the moof headers are rewritten
 * ({@link FragmentRetimer}: the answer starts at 0 and runs on across files, sequence numbers 1, 2, ...). The
 * answer ends where a file's init bytes differ from the first file's (another codec configuration cannot follow in
 * one MP4): the first run is served, and the span's end may then not be reached.
 */
final class Mp4Span {
    private record Taken(VodPlaylist.Source source, FragmentIndex.Fragment fragment, boolean fileStart) {
    }

    private Mp4Span() {
    }

    /** The answer for {@code [from, to)}, or null when no fragment overlaps it. */
    static StreamedBody of(List<VodPlaylist.Source> sources, Instant from, Instant to) {
        int[] start = start(sources, from, to);
        if (start == null) {
            return null;
        }
        int startSource = start[0];
        int startFragment = start[1];
        List<Taken> taken = new ArrayList<>();
        byte[] init = sources.get(startSource).init();
        for (int s = startSource; s < sources.size(); s++) {
            VodPlaylist.Source src = sources.get(s);
            if (!Arrays.equals(init, src.init())) {
                break;
            }
            List<FragmentIndex.Fragment> fs = src.index().fragments();
            for (int f = s == startSource ? startFragment : 0; f < fs.size(); f++) {
                if (!wallStart(src, fs.get(f)).isBefore(to)) {
                    break;
                }
                taken.add(new Taken(src, fs.get(f), f == (s == startSource ? startFragment : 0)));
            }
        }
        List<StreamedBody.Piece> pieces = new ArrayList<>();
        // a reader starts with the init: a fresh re-timing for each reader (one reader at a time)
        AtomicReference<FragmentRetimer> retimer = new AtomicReference<>();
        List<FragmentIndex.TrackInfo> tracks = sources.get(startSource).index().tracks();
        pieces.add(new StreamedBody.Piece() {
            @Override
            public long length() {
                return init.length;
            }

            @Override
            public InputStream open() {
                retimer.set(new FragmentRetimer(tracks));
                return new ByteArrayInputStream(init);
            }
        });
        long out = init.length;
        for (Taken t : taken) {
            pieces.add(fragment(t, retimer, out - t.fragment().offset()));
            out += t.fragment().length();
        }
        return new StreamedBody(pieces);
    }

    /**
     * {source, fragment} to start at: the last key frame at or before {@code from} when its run (up to the next
     * key frame, in its file) reaches past {@code from}, else the first key frame after {@code from} and before
     * {@code to}; null when there is none.
     */
    private static int[] start(List<VodPlaylist.Source> sources, Instant from, Instant to) {
        int[] key = null;
        boolean covered = false;
        for (int s = 0; s < sources.size(); s++) {
            List<FragmentIndex.Fragment> fs = sources.get(s).index().fragments();
            for (int f = 0; f < fs.size(); f++) {
                Instant begin = wallStart(sources.get(s), fs.get(f));
                if (!begin.isAfter(from)) {
                    if (fs.get(f).keyframe()) {
                        key = new int[] {s, f};
                        covered = false;
                    }
                    Instant end = begin.plusNanos((long) (fs.get(f).duration() * 1e9));
                    covered |= key != null && key[0] == s && end.isAfter(from);
                    continue;
                }
                if (covered) {
                    return key;
                }
                if (begin.isBefore(to) && fs.get(f).keyframe()) {
                    return new int[] {s, f};
                }
                if (!begin.isBefore(to)) {
                    return null;
                }
            }
        }
        return covered ? key : null;
    }

    /** The wall-clock time a fragment starts: the file's start (its name) plus its media time into the file. */
    static Instant wallStart(VodPlaylist.Source s, FragmentIndex.Fragment f) {
        double first = s.index().fragments().get(0).start();
        return s.recording().start().plusNanos((long) ((f.start() - first) * 1e9));
    }

    /** A fragment: its moof read and re-timed when reached (in output order), then its mdat from the file. */
    private static StreamedBody.Piece fragment(Taken t, AtomicReference<FragmentRetimer> retimer, long moved) {
        return new StreamedBody.Piece() {
            @Override
            public long length() {
                return t.fragment().length();
            }

            @Override
            public InputStream open() throws IOException {
                FileChannel ch = StreamedBody.openFinished(t.source().recording().file());
                try {
                    long offset = t.fragment().offset();
                    ByteBuffer header = read(ch, offset, 16);
                    long size = header.getInt(0) & 0xFFFFFFFFL;
                    if (size == 1) {
                        size = header.getLong(8);
                    }
                    if (size < 8 || size > FragmentIndex.MAX_BOX_READ || size > t.fragment().length()) {
                        throw new Fmp4Exception("moof at offset " + offset + " of " + t.source().recording().file()
                                + " has size " + size);
                    }
                    byte[] moof = read(ch, offset, (int) size).array();
                    retimer.get().retime(moof, t.fileStart(), moved);
                    return new SequenceInputStream(new ByteArrayInputStream(moof),
                            new StreamedBody.RangeStream(ch, offset + size, t.fragment().length() - size));
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
            }
        };
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new Fmp4Exception("file ended inside the moof at offset " + at);
            }
        }
        return b.flip();
    }
}
