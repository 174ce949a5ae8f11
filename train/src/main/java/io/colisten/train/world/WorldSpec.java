package io.colisten.train.world;

import java.util.Locale;

/**
 * How big a world is: track, listener and artist counts and the range of track lengths. The
 * command offers the three presets; tests may build smaller specs. {@code name} is recorded in
 * world.json and must match when a run is resumed.
 */
public record WorldSpec(String name, int tracks, int users, int artists, double minSeconds, double maxSeconds) {
    public WorldSpec {
        if (tracks < 1 || users < 1 || artists < 1) {
            throw new IllegalArgumentException("world " + name + ": tracks, users and artists must be >= 1");
        }
        if (!(minSeconds >= 1) || !(maxSeconds >= minSeconds)) {
            throw new IllegalArgumentException("world " + name + ": need 1 <= min seconds <= max seconds");
        }
    }

    public static final WorldSpec TINY = new WorldSpec("tiny", 100, 400, 40, 10, 15);
    public static final WorldSpec DEMO = new WorldSpec("demo", 2_000, 3_000, 300, 10, 60);
    public static final WorldSpec LARGE = new WorldSpec("large", 100_000, 100_000, 12_000, 10, 60);

    /** A preset by name (tiny, demo, large), case-insensitive; null when there is none. */
    public static WorldSpec preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> TINY;
            case "demo" -> DEMO;
            case "large" -> LARGE;
            default -> null;
        };
    }

    /** Track ids: "t" and the index, zero-padded to a width that fits every index of this world. */
    public String trackId(int index) {
        return "t" + pad(index, tracks);
    }

    public String userId(int index) {
        return "u" + pad(index, users);
    }

    private static String pad(int i, int count) {
        int width = Math.max(6, Integer.toString(count - 1).length());
        String s = Integer.toString(i);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
