package io.colisten.nn.models;

import java.util.List;
import java.util.Locale;

/**
 * What defines an embedding network: its name ("smallcnn", "mobilenet", "resnet18"), the
 * embedding size (128 in the paper), a width multiplier on every channel count (MobileNet's alpha;
 * 1 is the paper's network for the other two) and the input window (frames x mel bands).
 */
public record ModelConfig(String name, int embeddingSize, double width, int frames, int bands) {
    public static final String SMALLCNN = "smallcnn", MOBILENET = "mobilenet", RESNET18 = "resnet18";
    public static final List<String> NAMES = List.of(SMALLCNN, MOBILENET, RESNET18);
    public static final int EMBEDDING = 128, FRAMES = 300, BANDS = 64;

    /**
     * MobileNet's default width: 7/16 is the multiplier that gives the paper's 670k parameters
     * (687,640 with the 128-unit head); notes/models.md has the derivation.
     */
    public static final double MOBILENET_WIDTH = 0.4375;

    public ModelConfig {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("model: unknown network '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        if (embeddingSize <= 0) throw new IllegalArgumentException("model " + name + ": embedding size must be > 0, got " + embeddingSize);
        if (!(width > 0) || width > 16) throw new IllegalArgumentException("model " + name + ": width must be in (0, 16], got " + width);
        if (frames <= 0 || bands <= 0) {
            throw new IllegalArgumentException("model " + name + ": input must be positive, got " + frames + " x " + bands);
        }
    }

    /** The paper's configuration of the named network (case-insensitive). */
    public static ModelConfig of(String name) {
        String n = name == null ? null : name.toLowerCase(Locale.ROOT);
        return new ModelConfig(n, EMBEDDING, MOBILENET.equals(n) ? MOBILENET_WIDTH : 1.0, FRAMES, BANDS);
    }

    public ModelConfig withWidth(double w) {
        return new ModelConfig(name, embeddingSize, w, frames, bands);
    }

    /** A channel count scaled by the width (at least {@code min}), as TF-slim's MobileNet rounds: down. */
    int channels(int base, int min) {
        return Math.max(min, (int) (base * width));
    }
}
