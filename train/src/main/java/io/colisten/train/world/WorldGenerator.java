package io.colisten.train.world;

import io.colisten.engine.io.AtomicFiles;
import io.colisten.engine.io.AtomicTextWriter;
import java.io.Writer;

import io.colisten.train.progress.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import io.colisten.nn.audio.WavWriter;
import io.colisten.train.corpus.Track;
import io.colisten.train.corpus.TracksFile;
import io.colisten.train.graph.ColistenCounter;
import io.colisten.train.graph.ColistenFile;
import io.colisten.train.graph.PlayLog;
import io.colisten.train.graph.PlaysReader;
import io.colisten.train.graph.Problems;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.world.listen.Listeners;
import io.colisten.train.world.synth.TrackRenderer;
import io.colisten.train.world.text.TrackText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes a whole world into a corpus folder: world.json, audio/*.wav (rendered in parallel,
 * streamed to disk one track at a time), tracks.jsonl, truth.tsv, plays.tsv and colisten.tsv (made
 * from plays.tsv by the same code a user's logs take). Every file depends only on the version,
 * seed and size. A killed run resumes: audio files that are complete are kept, the rest rendered,
 * the text files rewritten; a folder holding another world (or anything else) is refused.
 */
public final class WorldGenerator {
    /** Bump when any change alters the bytes a seed produces. */
    public static final int VERSION = 1;
    public static final String PLAYS = "plays.tsv";
    public static final String TRUTH = "truth.tsv";
    public static final String AUDIO_DIR = "audio";

    /** A folder that cannot take this world (holds something else, or another world). */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /** What a run did: tracks rendered now and found done, audio seconds rendered, CPU seconds spent rendering. */
    public record Summary(int rendered, int skipped, double renderedAudioSeconds, double renderCpuSeconds,
                          double renderWallSeconds, long playLines, ColistenCounter.Stats colisten, long problems) {
        /** Seconds of audio per CPU-second of rendering (per core). */
        public double realTimePerCore() {
            return renderCpuSeconds > 0 ? renderedAudioSeconds / renderCpuSeconds : 0;
        }
    }

    private final long seed;
    private final WorldSpec spec;
    private final Sanitisation sanitisation;
    private final int threads;

    public WorldGenerator(long seed, WorldSpec spec, Sanitisation sanitisation, int threads) {
        this.seed = seed;
        this.spec = spec;
        this.sanitisation = sanitisation;
        this.threads = Math.max(1, threads);
    }

    public Summary generate(Path out, Progress progress) throws IOException, InterruptedException {
        var manifest = WorldManifest.build(seed, spec, sanitisation);
        prepare(out, manifest);
        WorldManifest.write(out, manifest);
        Path audio = out.resolve(AUDIO_DIR);
        Files.createDirectories(audio);
        removeTemporaries(out);
        removeTemporaries(audio);

        Cast cast = new Cast(seed, spec);
        TrackPlanner planner = new TrackPlanner(cast);
        long t0 = System.nanoTime();
        double[] audioCpu = renderAll(planner, audio, progress);
        double wall = (System.nanoTime() - t0) / 1e9;
        int rendered = (int) audioCpu[2];

        progress.note("world: writing tracks.jsonl and truth.tsv");
        writeTracksAndTruth(out, planner);
        progress.note("world: simulating " + spec.users() + " listeners");
        Path plays = out.resolve(PLAYS);
        long lines = AtomicFiles.writeText(plays, w -> new Listeners(cast).write(w));

        progress.note("world: counting co-listens");
        String[] ids = new String[spec.tracks()];
        for (int i = 0; i < ids.length; i++) ids[i] = spec.trackId(i);
        Problems problems = new Problems(20, m -> progress.note("world: " + m));
        PlayLog log = PlaysReader.read(plays, ids, problems);
        ColistenCounter.Result result = ColistenCounter.count(log, sanitisation, progress::note);
        ColistenFile.write(out.resolve(ColistenFile.NAME), result.graph());
        WorldManifest.write(out, manifest);
        return new Summary(rendered, spec.tracks() - rendered, audioCpu[0], audioCpu[1], wall, lines, result.stats(),
                problems.count());
    }

    /** Refuses a folder that is not empty unless it holds this very world (same manifest bytes). */
    private static void prepare(Path out, com.fasterxml.jackson.databind.node.ObjectNode manifest) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new RefusedException(out + ": not a folder");
        Files.createDirectories(out);
        boolean empty;
        try (Stream<Path> s = Files.list(out)) {
            empty = s.findAny().isEmpty();
        }
        if (empty) return;
        JsonNode have = WorldManifest.read(out);
        if (have == null) {
            throw new RefusedException(out + ": folder is not empty and holds no " + WorldManifest.NAME
                    + "; refusing to write a world into it");
        }
        if (!java.util.Arrays.equals(Files.readAllBytes(out.resolve(WorldManifest.NAME)), WorldManifest.bytes(manifest))) {
            throw new RefusedException(out + ": holds another world (" + describe(have) + "); this run asks for "
                    + describe(manifest) + ". Use an empty folder, or the same --seed and --size to resume");
        }
    }

    private static String describe(JsonNode m) {
        return "seed " + m.path("seed").asText("?") + ", size " + m.path("size").asText("?") + ", version "
                + m.path("version").asText("?");
    }

    private static void removeTemporaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) Files.deleteIfExists(p);
            }
        }
    }

    /** Renders every track whose WAV is not complete; returns {audio seconds, CPU seconds, tracks rendered}. */
    private double[] renderAll(TrackPlanner planner, Path audio, Progress progress) throws IOException, InterruptedException {
        int n = spec.tracks();
        boolean[] done = new boolean[n];
        int already = 0;
        for (int i = 0; i < n; i++) {
            TrackPlan p = planner.plan(i);
            done[i] = WavCheck.complete(audio.resolve(p.id() + ".wav"), p.samples());
            if (done[i]) already++;
        }
        progress.begin("rendering", n, already);
        if (already > 0) progress.note("world: resuming: " + already + " of " + n + " tracks already rendered");
        AtomicInteger next = new AtomicInteger();
        AtomicLong audioMicros = new AtomicLong(), cpuNanos = new AtomicLong();
        AtomicInteger rendered = new AtomicInteger();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "world-render");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                futures.add(pool.submit(() -> {
                    TrackRenderer renderer = new TrackRenderer();
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    try {
                        for (int i; (i = next.getAndIncrement()) < n; ) {
                            if (done[i]) continue;
                            TrackPlan p = planner.plan(i);
                            float[] x = renderer.render(p, Seeds.stream(seed, Seeds.AUDIO, i));
                            WavWriter.writePcm16(audio.resolve(p.id() + ".wav"), x, 1, TrackPlan.SAMPLE_RATE);
                            audioMicros.addAndGet(Math.round(p.seconds() * 1e6));
                            rendered.incrementAndGet();
                            progress.advance(1, String.format("%.1f h of audio", audioMicros.get() / 3.6e9));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof UncheckedIOException u) throw u.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    if (c instanceof Error er) throw er;
                    throw new IOException(c);
                }
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        return new double[] {audioMicros.get() / 1e6, cpuNanos.get() / 1e9, rendered.get()};
    }

    private void writeTracksAndTruth(Path out, TrackPlanner planner) throws IOException {
        TrackText text = new TrackText();
        Path tracksFile = out.resolve(TracksFile.NAME), truthFile = out.resolve(TRUTH);
        try (AtomicTextWriter tracksOut = new AtomicTextWriter(tracksFile);
             AtomicTextWriter truthOut = new AtomicTextWriter(truthFile)) {
            Writer tw = tracksOut.writer(), gw = truthOut.writer();
            for (int i = 0; i < spec.tracks(); i++) {
                TrackPlan p = planner.plan(i);
                TrackText.Text t = text.write(p, Seeds.stream(seed, Seeds.TEXT, i));
                tw.write(TracksFile.toLine(new Track(p.id(), AUDIO_DIR + "/" + p.id() + ".wav", t.title(), t.description())));
                tw.write('\n');
                for (String tag : Truth.tags(p)) {
                    gw.write(p.id());
                    gw.write('\t');
                    gw.write(tag);
                    gw.write('\n');
                }
            }
            tracksOut.commit();
            truthOut.commit();
        }
    }

}
