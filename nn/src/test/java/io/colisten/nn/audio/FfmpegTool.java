package io.colisten.nn.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the ffmpeg command line in tests to make encoded files. */
final class FfmpegTool {
    private FfmpegTool() {}

    /** ffmpeg -y -nostdin -v error ARGS, failing the test with ffmpeg's output on a non-zero exit. */
    static void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(FfmpegDecoder.defaultExecutable(), "-y", "-nostdin", "-v", "error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + output);
        }
    }
}
