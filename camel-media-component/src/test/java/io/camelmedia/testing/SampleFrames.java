package io.camelmedia.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelmedia.format.amf.Amf0Decoder;
import io.camelmedia.format.flv.FlvReader;
import io.camelmedia.format.flv.FlvStreamAssembler;
import io.netty.buffer.Unpooled;

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

    /** Reads {@code flv} into a listener as an ingest would: onMetaData, then STARTED, every frame, ENDED. */
    public static RecordingMediaListener read(Path flv) throws Exception {
        RecordingMediaListener rec = new RecordingMediaListener();
        FlvStreamAssembler assembler = new FlvStreamAssembler("live/test", rec, FlvStreamAssembler.DEFAULT_MAX_FRAME_SIZE);
        FlvReader.read(flv, assembler, metadataTo(assembler));
        return rec;
    }

    /**
     * Hands an FLV file's script tags to {@code assembler} the way the RTMP server hands it
     * {@code @setDataFrame onMetaData}: decoded by the project's AMF0 decoder.
     */
    public static FlvReader.ScriptDataListener metadataTo(FlvStreamAssembler assembler) {
        return (ts, body) -> {
            List<Object> values = Amf0Decoder.DEFAULT.decodeAll(Unpooled.wrappedBuffer(body));
            int i = !values.isEmpty() && "@setDataFrame".equals(values.get(0)) ? 1 : 0;
            if (values.size() > i + 1 && "onMetaData".equals(values.get(i)) && values.get(i + 1) instanceof Map<?, ?> m) {
                Map<String, Object> properties = new LinkedHashMap<>();
                m.forEach((k, v) -> properties.put(String.valueOf(k), v));
                assembler.metadata(properties);
            }
        };
    }
}
