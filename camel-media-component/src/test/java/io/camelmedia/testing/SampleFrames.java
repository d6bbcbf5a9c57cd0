package io.camelmedia.testing;

import java.nio.file.Path;

import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;

/** Frames of a real FLV source (made by the bundled ffmpeg), as an ingest would deliver them. */
public final class SampleFrames {
    private SampleFrames() {
    }

    /**
     * Writes {@code seconds} of 320x240 25 fps H.264 (libopenh264, 1 s GOP) + 48 kHz AAC as FLV at {@code flv}:
     * the stream most HLS tests use.
     */
    public static Path writeH264Aac(Path flv, int seconds) throws Exception {
        Ffmpeg.run(120, "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds),
                "-c:v", "libopenh264", "-g", "25", "-c:a", "aac", "-b:a", "64k", "-f", "flv", flv.toString())
                .requireSuccess();
        return flv;
    }

    /** Reads {@code flv} into a listener: STARTED, every frame, ENDED. */
    public static RecordingMediaListener read(Path flv) throws Exception {
        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/test", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        FlvReader.read(flv, assembler, (ts, body) -> { });
        return rec;
    }
}
