package io.colisten.train.cli;

import io.colisten.train.graph.Sanitisation;
import io.colisten.train.world.WorldGenerator;
import io.colisten.train.world.WorldSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code colisten world}: generates a synthetic music world as a corpus folder. */
@Command(name = "world", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic music world: audio, titles and descriptions, listeners' plays, "
                + "co-listen counts and ground truth, all from a seed, in the corpus format.",
                "Rerun the same command after an interruption to continue; a folder holding anything else is refused."})
final class WorldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--size", defaultValue = "tiny", paramLabel = "SIZE",
            description = "tiny (~100 tracks of 10-15 s, seconds), demo (~2,000 tracks of 10-60 s, minutes), "
                    + "large (100,000 tracks). Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed; the same seed and size give the same bytes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Corpus folder to write (empty, or this world to resume).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Render threads (default: the cores). The output does not depend on it.")
    Integer threads;

    @Option(names = "--min-user-plays", paramLabel = "N", description = "Co-listen sanitisation: drop listeners with fewer plays. Default: 5.")
    int minUserPlays = Sanitisation.DEFAULT.minUserPlays();

    @Option(names = "--min-pair-count", paramLabel = "TAU", description = "Co-listen sanitisation: drop pairs played by fewer listeners. Default: 2.")
    int minPairCount = Sanitisation.DEFAULT.minPairCount();

    @Option(names = "--max-neighbours", paramLabel = "K", description = "Co-listen sanitisation: keep at most K neighbours per track, the strongest. Default: 250.")
    int maxNeighbours = Sanitisation.DEFAULT.maxNeighbours();

    @Override
    public Integer call() throws Exception {
        WorldSpec world = WorldSpec.preset(size);
        if (world == null) {
            throw new ParameterException(spec.commandLine(), "--size: expected tiny, demo or large, got '" + size + "'");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw new ParameterException(spec.commandLine(), "--threads: must be >= 1, got " + n);
        Sanitisation san;
        try {
            san = Sanitisation.DEFAULT.withMinUserPlays(minUserPlays).withMinPairCount(minPairCount)
                    .withMaxNeighbours(maxNeighbours);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        var out = spec.commandLine().getOut();
        WorldGenerator.Summary s;
        try (ConsoleProgress progress = ConsoleProgress.forConsole()) {
            s = new WorldGenerator(seed, world, san, n).generate(this.out, progress);
        } catch (WorldGenerator.RefusedException e) {
            throw new ParameterException(spec.commandLine(), "--out: " + e.getMessage());
        }
        out.printf("world: %d tracks (%d rendered now, %d already there), %d listeners, seed %d, size %s%n",
                world.tracks(), s.rendered(), s.skipped(), world.users(), seed, world.name());
        if (s.rendered() > 0) {
            out.printf("world: rendered %.2f h of audio in %.1f s on %d threads: %.0fx real time per core (%.1f CPU-s)%n",
                    s.renderedAudioSeconds() / 3600, s.renderWallSeconds(), n, s.realTimePerCore(), s.renderCpuSeconds());
        }
        var c = s.colisten();
        out.printf("world: %d play lines; co-listen: %d listeners kept, %d dropped (< %d plays), %d histories cut to %d tracks; "
                        + "%d edges with count >= %d, %d kept (at most %d neighbours)%n",
                s.playLines(), c.usersKept(), c.usersDropped(), san.minUserPlays(), c.usersTruncated(),
                san.maxTracksPerUser(), c.edgesAboveThreshold(), san.minPairCount(), c.edgesKept(), san.maxNeighbours());
        out.printf("world: wrote %s%n", this.out);
        out.flush();
        return 0;
    }
}
