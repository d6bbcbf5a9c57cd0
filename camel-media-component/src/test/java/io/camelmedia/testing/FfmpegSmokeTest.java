package io.camelmedia.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FfmpegSmokeTest {
    @Test
    void bundledFfmpegIsVersion8() throws Exception {
        Ffmpeg.Result r = Ffmpeg.run(60, "-version").requireSuccess();
        assertTrue(r.stdout().startsWith("ffmpeg version 8."), r.stdout());
    }
}
