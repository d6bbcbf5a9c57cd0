package io.camelmedia.camel.mjr;

import java.nio.file.Path;
import java.util.regex.Pattern;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.protocol.mjr.MjrNaming;
import io.camelmedia.protocol.rtp.payload.Depacketizer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Janus Gateway {@code .mjr} recordings.
 * <p>Consumer: reads one file, or polls a directory as Camel's {@code file:} does (include pattern, move or
 * delete when done, never a file twice, a file still growing left alone until its size and time stay the
 * same over a poll). The files of one session ({@code <name>-audio.mjr} / {@code <name>-video.mjr}) are paired
 * into ONE stream {@code <streamPrefix><name>} on a common timeline: a STARTED exchange with the tracks and
 * the info headers as {@code CamelMjr*} headers, one FRAME exchange per frame in time order, ENDED with
 * duration, frames, losses and any damage. Replay as fast as possible (conversion) or in real time
 * (restreaming). All work runs on the consumer's poll thread.
 * <p>Producer: records each stream into the directory as {@code MJR00002} files, one per track
 * ({@code <stream>-video.mjr}, {@code <stream>-audio.mjr}), packetized with the RTP payload formats.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "file-mjr", title = "Janus MJR recordings", syntax = "file-mjr:path",
             category = { Category.FILE }, headersClass = MediaHeaders.class)
public class MjrEndpoint extends ScheduledPollEndpoint {

    @UriPath(description = "A .mjr file or a directory of recordings (consumer); the directory recordings go to (producer)")
    @Metadata(required = true)
    private final String path;

    @UriParam(label = "consumer", defaultValue = ".*\\.mjr",
              description = "Regular expression the file names to read must match")
    private String include = ".*\\.mjr";

    @UriParam(label = "consumer",
              description = "Where to move a session's files when done, relative to their directory (e.g. done) or absolute")
    private String move;

    @UriParam(label = "consumer",
              description = "Where to move a session's files when they could not be read (header damage); move when unset")
    private String moveFailed;

    @UriParam(label = "consumer", defaultValue = "false", description = "Delete a session's files when done")
    private boolean delete;

    @UriParam(label = "consumer", defaultValue = "fast", enums = "fast,realtime",
              description = "fast: frames as fast as the route takes them (conversion); realtime: paced at the recorded pace")
    private String replay = "fast";

    @UriParam(defaultValue = "-audio.mjr,-video.mjr,-data.mjr",
              description = "Suffixes of a session's audio, video and data files, comma separated (Janus VideoRoom's by default)")
    private String naming = "-audio.mjr,-video.mjr,-data.mjr";

    @UriParam(defaultValue = "janus/", description = "Prefix of the stream path: a session <name> is stream <streamPrefix><name>")
    private String streamPrefix = "janus/";

    @UriParam(label = "consumer", defaultValue = "1000",
              description = "Milliseconds a file must be unmodified before it is read (on top of an unchanged size over one poll)")
    private long readLockMinAge = 1000;

    @UriParam(label = "consumer,advanced", defaultValue = "10000",
              description = "Files remembered as processed (path, size, time), so none is processed twice when it stays in place")
    private int idempotentCacheSize = 10_000;

    @UriParam(label = "advanced", defaultValue = "8388608",
              description = "Largest video frame reassembled from a recording; larger ones are dropped and counted")
    private int maxFrameSize = Depacketizer.DEFAULT_MAX_FRAME_SIZE;

    public MjrEndpoint(String uri, MjrComponent component, String path) {
        super(uri, component);
        this.path = path;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Pattern.compile(include);
        naming();
        if (!"fast".equals(replay) && !"realtime".equals(replay)) {
            throw new IllegalArgumentException("file-mjr: replay must be fast or realtime, was '" + replay + "'");
        }
        MjrConsumer consumer = new MjrConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        naming();
        return new MjrProducer(this);
    }

    /** The naming option parsed. */
    MjrNaming naming() {
        String[] p = naming.split(",", -1);
        if (p.length < 2 || p.length > 3 || p[0].isBlank() || p[1].isBlank()) {
            throw new IllegalArgumentException("file-mjr: naming must be '<audioSuffix>,<videoSuffix>[,<dataSuffix>]', was '"
                    + naming + "'");
        }
        return new MjrNaming(p[0].trim(), p[1].trim(), p.length == 3 ? p[2].trim() : "-data.mjr");
    }

    Path pathAsPath() {
        return Path.of(path);
    }

    public String getPath() {
        return path;
    }

    public String getInclude() {
        return include;
    }

    /** Regular expression the file names to read must match. */
    public void setInclude(String include) {
        this.include = include;
    }

    public String getMove() {
        return move;
    }

    /** Where to move a session's files when done, relative to their directory (e.g. done) or absolute. */
    public void setMove(String move) {
        this.move = move;
    }

    public String getMoveFailed() {
        return moveFailed;
    }

    /** Where to move a session's files when they could not be read (header damage); move when unset. */
    public void setMoveFailed(String moveFailed) {
        this.moveFailed = moveFailed;
    }

    public boolean isDelete() {
        return delete;
    }

    /** Delete a session's files when done. */
    public void setDelete(boolean delete) {
        this.delete = delete;
    }

    public String getReplay() {
        return replay;
    }

    /** fast: frames as fast as the route takes them (conversion); realtime: paced at the recorded pace. */
    public void setReplay(String replay) {
        this.replay = replay;
    }

    public String getNaming() {
        return naming;
    }

    /** Suffixes of a session's audio, video and data files, comma separated (Janus VideoRoom's by default). */
    public void setNaming(String naming) {
        this.naming = naming;
    }

    public String getStreamPrefix() {
        return streamPrefix;
    }

    /** Prefix of the stream path: a session name is stream streamPrefix + name. */
    public void setStreamPrefix(String streamPrefix) {
        this.streamPrefix = streamPrefix;
    }

    public long getReadLockMinAge() {
        return readLockMinAge;
    }

    /** Milliseconds a file must be unmodified before it is read (on top of an unchanged size over one poll). */
    public void setReadLockMinAge(long readLockMinAge) {
        this.readLockMinAge = readLockMinAge;
    }

    public int getIdempotentCacheSize() {
        return idempotentCacheSize;
    }

    /** Files remembered as processed (path, size, time), so none is processed twice when it stays in place. */
    public void setIdempotentCacheSize(int idempotentCacheSize) {
        this.idempotentCacheSize = idempotentCacheSize;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    /** Largest video frame reassembled from a recording; larger ones are dropped and counted. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }
}
