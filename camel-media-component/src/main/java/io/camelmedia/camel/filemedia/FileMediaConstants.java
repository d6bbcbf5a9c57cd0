package io.camelmedia.camel.filemedia;

import org.apache.camel.spi.Metadata;

/** Headers of {@code file-media:} exchanges, on top of the {@code CamelMedia*} ones every media consumer sets. */
public final class FileMediaConstants {
    @Metadata(description = "STARTED and ENDED: the file the stream is read from (its name).", javaType = "String")
    public static final String FILE = "CamelFileMediaFile";

    @Metadata(description = "STARTED and ENDED: FFmpeg's name of the container format, e.g. mov,mp4,m4a,3gp,3g2,mj2.",
              javaType = "String")
    public static final String FORMAT = "CamelFileMediaFormat";

    @Metadata(description = "ENDED: frames delivered over all tracks.", javaType = "Long")
    public static final String FRAMES = "CamelFileMediaFrames";

    @Metadata(description = "ENDED: payload bytes read from the file (all loops).", javaType = "Long")
    public static final String BYTES = "CamelFileMediaBytes";

    @Metadata(description = "ENDED: how many times the file was started again (loop).", javaType = "Integer")
    public static final String LOOPS = "CamelFileMediaLoops";

    private FileMediaConstants() {
    }
}
