package io.colisten.train.store;

import io.colisten.engine.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code store.json}: the facts a reader needs to interpret {@code frames.f16}. The front end's
 * constants are recorded so that a store made with other settings is never mixed with this one.
 *
 * @param bands       values per frame (64)
 * @param sampleRate  audio rate the frames were computed at (16000)
 * @param windowLength STFT window in samples (400)
 * @param hop         STFT hop in samples (160): frames per second = sampleRate / hop
 * @param fftLength   FFT length (512)
 * @param fMin        lowest mel edge, Hz
 * @param fMax        highest mel edge, Hz
 * @param logOffset   the offset inside log(mel + offset)
 */
public record StoreManifest(int bands, int sampleRate, int windowLength, int hop, int fftLength,
                            double fMin, double fMax, double logOffset) {
    public static final String FORMAT = "colisten-features";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The paper's front end (DESIGN.md, numerical conventions). */
    public static StoreManifest vggish() {
        return new StoreManifest(64, 16000, 400, 160, 512, 125.0, 7500.0, 0.01);
    }

    public int bytesPerFrame() {
        return bands * 2;
    }

    public double framesPerSecond() {
        return (double) sampleRate / hop;
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("dtype", "float16");
        o.put("byte_order", "little");
        o.put("bands", bands);
        o.put("sample_rate", sampleRate);
        o.put("window_length", windowLength);
        o.put("hop", hop);
        o.put("fft_length", fftLength);
        o.put("f_min", fMin);
        o.put("f_max", fMax);
        o.put("log_offset", logOffset);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StoreManifest read(Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new StoreException(file + ": unreadable store manifest (" + e.getMessage() + ")");
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) {
            throw new StoreException(file + ": not a colisten feature store manifest");
        }
        if (n.path("version").asInt() != VERSION) {
            throw new StoreException(file + ": store format version " + n.path("version").asText()
                    + " is not supported (this build reads version " + VERSION + ")");
        }
        if (!"float16".equals(n.path("dtype").asText())) {
            throw new StoreException(file + ": dtype " + n.path("dtype").asText() + " is not supported");
        }
        return new StoreManifest(n.path("bands").asInt(), n.path("sample_rate").asInt(),
                n.path("window_length").asInt(), n.path("hop").asInt(), n.path("fft_length").asInt(),
                n.path("f_min").asDouble(), n.path("f_max").asDouble(), n.path("log_offset").asDouble());
    }

    /** Writes the manifest beside its final name and renames it into place. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }
}
