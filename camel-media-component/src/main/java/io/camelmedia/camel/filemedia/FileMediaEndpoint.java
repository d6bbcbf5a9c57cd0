package io.camelmedia.camel.filemedia;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.camelmedia.camel.MediaHeaders;
import io.camelmedia.frame.MediaType;
import io.camelmedia.process.filein.MediaFilePlayer;
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
 * Media files in: each file is demuxed with FFmpeg (JavaCV), packets only, and replayed as ONE stream
 * streamPrefix + the file name without its extension: STARTED with the tracks and their codec configuration,
 * one FRAME exchange per packet in file order, ENDED with the reason ("end of file", the demuxer's error,
 * "stopped"). Reads one file, or polls a directory like file-mjr: (include pattern, move or delete
 * when done, never a file twice, a growing file left alone until it is stable). Files are read on the
 * consumer's own bounded pool of maxConcurrentFiles threads, one file per thread, as fast as the route
 * takes them or in real time; a file that cannot be read is logged once and moved to moveFailed.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "file-media", title = "Media files (FFmpeg demuxers)",
             syntax = "file-media:path", consumerOnly = true, category = { Category.FILE },
             headersClass = MediaHeaders.class)
public class FileMediaEndpoint extends ScheduledPollEndpoint {
    static final String DEFAULT_INCLUDE = "(?i).*\\.(mp4|m4v|m4a|mov|mkv|mka|webm|flv|ts|m2ts|mts|ogg|oga|opus|mp3|wav)";

    @UriPath(description = "A media file, or a directory of media files to watch")
    @Metadata(required = true)
    private final String path;

    @UriParam(label = "consumer", defaultValue = DEFAULT_INCLUDE,
              description = "Regular expression the file names to read must match (in a directory)")
    private String include = DEFAULT_INCLUDE;

    @UriParam(label = "consumer", defaultValue = "video,audio",
              description = "The media types to read, comma separated: video, audio or both; the file's other streams are skipped")
    private String mediaTypes = "video,audio";

    @UriParam(label = "consumer", defaultValue = "false",
              description = "Pace the frames at the file's own pace (like ffmpeg -re), for restreaming; else as fast as the route takes them")
    private boolean realtime;

    @UriParam(label = "consumer", defaultValue = "false",
              description = "Start the file again at its end, the timeline going on (one stream until the consumer stops)")
    private boolean loop;

    @UriParam(label = "consumer",
              description = "Where to move a file when done, relative to its directory (e.g. done) or absolute")
    private String move;

    @UriParam(label = "consumer",
              description = "Where to move a file that could not be read at all (never started); move when unset")
    private String moveFailed;

    @UriParam(label = "consumer", defaultValue = "false", description = "Delete a file when done")
    private boolean delete;

    @UriParam(defaultValue = "files/", description = "Prefix of the stream path: a file <name>.<ext> is stream <streamPrefix><name>")
    private String streamPrefix = "files/";

    @UriParam(description = "The stream path of the file when path names ONE file (the control API's file ingress);"
                            + " else streamPrefix + the file name")
    private String stream;

    @UriParam(label = "consumer", defaultValue = "1000",
              description = "Milliseconds a file must be unmodified before it is read (on top of an unchanged size over one poll)")
    private long readLockMinAge = 1000;

    @UriParam(label = "consumer,advanced", defaultValue = "10000",
              description = "Files remembered as processed (path, size, time), so none is processed twice when it stays in place")
    private int idempotentCacheSize = 10_000;

    @UriParam(label = "consumer,advanced", defaultValue = "4",
              description = "Files read at the same time, each on its own thread of the consumer's pool; more wait for the next poll")
    private int maxConcurrentFiles = 4;

    @UriParam(label = "advanced", defaultValue = "8388608",
              description = "Largest packet accepted, in bytes; a larger one ends its stream with that reason")
    private int maxFrameSize = MediaFilePlayer.DEFAULT_MAX_FRAME_SIZE;

    public FileMediaEndpoint(String uri, FileMediaComponent component, String path) {
        super(uri, component);
        this.path = path;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Pattern.compile(include);
        mediaTypeSet();
        if (maxConcurrentFiles <= 0) {
            throw new IllegalArgumentException("file-media: maxConcurrentFiles must be positive, was " + maxConcurrentFiles);
        }
        FileMediaConsumer consumer = new FileMediaConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("file-media: is a consumer only (record with media:record)");
    }

    /** The mediaTypes option parsed. */
    Set<MediaType> mediaTypeSet() {
        return parseMediaTypes("file-media", mediaTypes);
    }

    /** A mediaTypes option ({@code video}, {@code audio} or both, comma separated) of endpoint {@code what}. */
    public static Set<MediaType> parseMediaTypes(String what, String value) {
        Set<MediaType> set = EnumSet.noneOf(MediaType.class);
        for (String t : value.split(",")) {
            switch (t.strip().toLowerCase(Locale.ROOT)) {
                case "video" -> set.add(MediaType.VIDEO);
                case "audio" -> set.add(MediaType.AUDIO);
                default -> throw new IllegalArgumentException(what + ": mediaTypes must be video, audio or both, was '"
                        + value + "'");
            }
        }
        return set;
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

    /** Regular expression the file names to read must match (in a directory). */
    public void setInclude(String include) {
        this.include = include;
    }

    public String getMediaTypes() {
        return mediaTypes;
    }

    /** The media types to read, comma separated: video, audio or both; the file's other streams are skipped. */
    public void setMediaTypes(String mediaTypes) {
        this.mediaTypes = mediaTypes;
    }

    public boolean isRealtime() {
        return realtime;
    }

    /** Pace the frames at the file's own pace (like ffmpeg -re), for restreaming; else as fast as the route takes them. */
    public void setRealtime(boolean realtime) {
        this.realtime = realtime;
    }

    public boolean isLoop() {
        return loop;
    }

    /** Start the file again at its end, the timeline going on (one stream until the consumer stops). */
    public void setLoop(boolean loop) {
        this.loop = loop;
    }

    public String getMove() {
        return move;
    }

    /** Where to move a file when done, relative to its directory (e.g. done) or absolute. */
    public void setMove(String move) {
        this.move = move;
    }

    public String getMoveFailed() {
        return moveFailed;
    }

    /** Where to move a file that could not be read at all (never started); move when unset. */
    public void setMoveFailed(String moveFailed) {
        this.moveFailed = moveFailed;
    }

    public boolean isDelete() {
        return delete;
    }

    /** Delete a file when done. */
    public void setDelete(boolean delete) {
        this.delete = delete;
    }

    public String getStream() {
        return stream;
    }

    /** The stream path of the file when path names ONE file; else streamPrefix + the file name. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    /** The stream a file is published as. */
    String streamOf(String fileName) {
        if (stream != null && !stream.isBlank()) {
            return stream;
        }
        int dot = fileName.lastIndexOf('.');
        return streamPrefix + (dot > 0 ? fileName.substring(0, dot) : fileName);
    }

    public String getStreamPrefix() {
        return streamPrefix;
    }

    /** Prefix of the stream path: a file name.ext is stream streamPrefix + name. */
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

    public int getMaxConcurrentFiles() {
        return maxConcurrentFiles;
    }

    /** Files read at the same time, each on its own thread of the consumer's pool; more wait for the next poll. */
    public void setMaxConcurrentFiles(int maxConcurrentFiles) {
        this.maxConcurrentFiles = maxConcurrentFiles;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    /** Largest packet accepted, in bytes; a larger one ends its stream with that reason. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }
}
