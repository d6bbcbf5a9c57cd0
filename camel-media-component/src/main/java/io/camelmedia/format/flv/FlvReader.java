package io.camelmedia.format.flv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.camelmedia.codec.CodecException;

/**
 * Reads an FLV file or stream (Adobe FLV v10.1, annex E: header, then {@code PreviousTagSize0}, then tags
 * each followed by its PreviousTagSize) and feeds its audio and video tag bodies to a
 * {@link FlvStreamAssembler}; script data tags (onMetaData...) go raw to a {@link ScriptDataListener}
 * (AMF0 decoding is {@code io.camelmedia.format.amf}'s).
 *
 * <pre>
 * FLV file
 *   Header            FLV header (see {@link FlvHeader}), DataOffset bytes
 *   PreviousTagSize0  UI32   always 0
 *   Tag1              FLVTAG (see {@link FlvTagHeader}) + DataSize bytes of body
 *   PreviousTagSize1  UI32   size of the previous tag, including its header: 11 + DataSize
 *   ...
 * </pre>
 *
 * <p>The end of the input ends the stream: {@code assembler.end("end of file")} at a tag boundary, or
 * {@code assembler.end("truncated: ...")} naming what was cut (the FLV header, a tag's header or body, or a
 * PreviousTagSize). A tag whose body is complete is delivered before its PreviousTagSize is read. Malformed
 * input ({@link FlvException}, or a {@link CodecException} from a configuration record) ends the stream with
 * {@code "malformed FLV: ..."} and is rethrown with the tag's number and file offset. Not thread-safe.
 */
public final class FlvReader {
    public static final int PREVIOUS_TAG_SIZE_SIZE = 4;

    /** Receives each script data tag's body (an AMF0 name, usually "onMetaData", and its value). */
    @FunctionalInterface
    public interface ScriptDataListener {
        void scriptData(long timestampMs, byte[] body);
    }

    /**
     * What a read saw.
     *
     * @param tags      complete tags read
     * @param bytes     bytes consumed
     * @param truncated the input ended inside a structure
     * @param endReason the reason passed to {@link FlvStreamAssembler#end}
     */
    public record Summary(long tags, long bytes, boolean truncated, String endReason) {
    }

    private static final int INITIAL_BODY_BUFFER = 64 * 1024;

    private final InputStream in;
    private final FlvStreamAssembler assembler;
    private final ScriptDataListener scripts;
    private final byte[] tagHeader = new byte[FlvTagHeader.SIZE];
    private final byte[] word = new byte[PREVIOUS_TAG_SIZE_SIZE];
    private byte[] body = new byte[INITIAL_BODY_BUFFER];
    private long position;
    private long tags;

    /**
     * @param in        the FLV bytes (not closed here)
     * @param assembler receives the audio/video tag bodies and the end
     * @param scripts   receives script data tags; {@code null} to drop them
     */
    public FlvReader(InputStream in, FlvStreamAssembler assembler, ScriptDataListener scripts) {
        this.in = in;
        this.assembler = assembler;
        this.scripts = scripts == null ? (ts, b) -> { } : scripts;
    }

    /** Reads a whole file; see {@link #read()}. */
    public static Summary read(Path file, FlvStreamAssembler assembler, ScriptDataListener scripts)
            throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return new FlvReader(in, assembler, scripts).read();
        }
    }

    /**
     * Reads to the end of the input, then ends the stream.
     *
     * @throws FlvException   when the input is malformed (after ending the stream)
     * @throws IOException    when reading fails (after ending the stream)
     */
    public Summary read() throws IOException {
        String cut;
        try {
            cut = readAll();
        } catch (FlvException | CodecException e) {
            String where = "tag " + (tags + 1) + " (after byte " + position + "): ";
            assembler.end("malformed FLV: " + e.getMessage());
            throw new FlvException(where + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            assembler.end("read error: " + e);
            throw e;
        }
        String reason = cut == null ? "end of file" : "truncated: " + cut;
        assembler.end(reason);
        return new Summary(tags, position, cut != null, reason);
    }

    /** Reads everything; returns what was cut, or null for a clean end. */
    private String readAll() throws IOException {
        byte[] header = new byte[FlvHeader.SIZE];
        int n = readFully(header, FlvHeader.SIZE);
        if (n < FlvHeader.SIZE) {
            return "FLV header cut after " + n + " of " + FlvHeader.SIZE + " bytes";
        }
        FlvHeader flv = FlvHeader.decode(header);
        int extension = (int) flv.dataOffset() - FlvHeader.SIZE;
        byte[] skip = new byte[extension];
        n = readFully(skip, extension);
        if (n < extension) {
            return "FLV header extension cut after " + n + " of " + extension + " bytes";
        }
        n = readFully(word, PREVIOUS_TAG_SIZE_SIZE);
        if (n < PREVIOUS_TAG_SIZE_SIZE) {
            return "PreviousTagSize0 cut after " + n + " of 4 bytes";
        }
        if (FlvBytes.u32(word, 0) != 0) {
            throw new FlvException("PreviousTagSize0 is " + FlvBytes.u32(word, 0) + ", must be 0");
        }
        while (true) {
            long tagStart = position;
            n = readFully(tagHeader, FlvTagHeader.SIZE);
            if (n == 0) {
                return null;
            }
            if (n < FlvTagHeader.SIZE) {
                return "tag " + (tags + 1) + " at byte " + tagStart + " cut in its header after " + n + " of "
                        + FlvTagHeader.SIZE + " bytes";
            }
            FlvTagHeader tag = FlvTagHeader.decode(tagHeader, 0);
            if (body.length < tag.dataSize()) {
                body = new byte[Math.max(tag.dataSize(), body.length * 2)];
            }
            n = readFully(body, tag.dataSize());
            if (n < tag.dataSize()) {
                return "tag " + (tags + 1) + " (TagType " + tag.tagType() + ") at byte " + tagStart
                        + " cut in its body after " + n + " of " + tag.dataSize() + " bytes";
            }
            deliver(tag);
            tags++;
            n = readFully(word, PREVIOUS_TAG_SIZE_SIZE);
            if (n < PREVIOUS_TAG_SIZE_SIZE) {
                return "PreviousTagSize after tag " + tags + " at byte " + tagStart + " cut after " + n + " of 4 bytes";
            }
            long previousTagSize = FlvBytes.u32(word, 0);
            if (previousTagSize != FlvTagHeader.SIZE + tag.dataSize()) {
                throw new FlvException("PreviousTagSize " + previousTagSize + " after the tag at byte " + tagStart
                        + " does not match its size " + (FlvTagHeader.SIZE + tag.dataSize()));
            }
        }
    }

    private void deliver(FlvTagHeader tag) {
        switch (tag.tagType()) {
            case FlvTagHeader.TAG_TYPE_AUDIO -> assembler.audio(tag.timestampMs(), body, 0, tag.dataSize());
            case FlvTagHeader.TAG_TYPE_VIDEO -> assembler.video(tag.timestampMs(), body, 0, tag.dataSize());
            default -> scripts.scriptData(tag.timestampMs(), Arrays.copyOf(body, tag.dataSize()));
        }
    }

    /** Reads up to {@code len} bytes into {@code b[0..]}; fewer only at the end of the input. */
    private int readFully(byte[] b, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int r = in.read(b, done, len - done);
            if (r < 0) {
                break;
            }
            done += r;
        }
        position += done;
        return done;
    }
}
