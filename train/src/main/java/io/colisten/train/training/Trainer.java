package io.colisten.train.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.colisten.engine.Device;
import io.colisten.engine.io.AtomicFiles;
import io.colisten.engine.io.TrainingState;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.optim.ClassifierAdam;
import io.colisten.nn.checkpoint.Checkpoint;
import io.colisten.nn.checkpoint.RunFolder;
import io.colisten.nn.models.ClassifierHead;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.train.progress.Progress;
import io.colisten.train.wmf.FactorsFile;
import io.colisten.train.wmf.ImplicitAls;
import io.colisten.train.wmf.WmfConfig;
import io.colisten.train.wmf.WmfResult;
import io.colisten.train.stream.LabelBatch;
import io.colisten.train.stream.LabelStream;
import io.colisten.train.stream.StreamOptions;
import io.colisten.train.stream.TripletBatch;
import io.colisten.train.stream.TrainingGraph;
import io.colisten.train.stream.TripletStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The training loop of {@code colisten train} (paper 3.2): the network on the corpus's train part,
 * one stage at a time (triplet, labels, or cf-regression; hybrid runs triplet until the smoothed
 * loss levels off or its cap, then labels), with Adam, batch norm in training mode, a metrics line
 * every few steps, held-out losses, and atomic checkpoints.
 *
 * <p>Resuming is bit-exact: everything a step depends on is in the checkpoint (weights, batch-norm
 * statistics, both optimisers' moments and step counts, the stage and how many batches each
 * stream has handed out, the smoothed loss and the plateau rule's memory), and batch k of every
 * stream is a function of (seed, k) alone. With the same thread count, a resumed run computes the
 * same floats as one that was never stopped. (A time budget, {@code minutes}, decides by the clock
 * where runs stop and, in hybrid mode, may decide where the triplet stage ends; steps decide
 * nothing by the clock.)
 */
public final class Trainer {
    /** How a run ended: steps done, the stage it was in, its last checkpoint, and why it stopped. */
    public record Outcome(long steps, Stage stage, Path checkpoint, String reason, double heldOutTriplet, double heldOutLabels) {}

    private final TrainConfig config;
    private final Path run;
    private final TrainingCorpus corpus;
    private final Progress progress;
    private final Consumer<String> notes;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;

    // run state (what a checkpoint records besides tensors)
    private long step;
    private Stage stage;
    private long stageStart;
    private final long[] batches = new long[Stage.values().length];
    private SmoothedLoss smoothed;
    private PlateauRule plateau;
    private long lastEvalStep = -1;
    private Device device = Device.CPU;

    public Trainer(TrainConfig config, Path run, TrainingCorpus corpus, Progress progress, Consumer<String> notes) {
        this.config = config;
        this.run = run;
        this.corpus = corpus;
        this.progress = progress;
        this.notes = notes;
    }

    /**
     * Trains on {@code device} (default the CPU): the network, the classifier and both optimisers'
     * state live there, batches are copied there each step, checkpoints are written through the
     * host and a resumed run loads its checkpoint onto the device. Not a training setting (not in
     * config.json): like the thread count, a run may resume on another device.
     */
    public Trainer onDevice(Device d) {
        this.device = d;
        return this;
    }

    /** Asks the loop to stop after the current step and write a checkpoint (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until {@link #run} has returned or thrown; false on timeout. */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** Trains from scratch ({@code resume} false: RUN must hold no checkpoint) or from RUN's latest checkpoint. */
    public Outcome run(boolean resume) throws IOException {
        try {
            return train(resume);
        } finally {
            finished.countDown();
        }
    }

    private void checkStages(TrainMode mode) {
        switch (mode) {
            case TRIPLET -> corpus.requireEdges("triplet");
            case LABELS -> corpus.requireLabels("labels");
            case HYBRID -> {
                corpus.requireEdges("triplet");
                corpus.requireLabels("labels");
            }
            case CF_REGRESSION -> {
                if (config.factors() == null) corpus.requireEdges("cf-regression"); // the factors come from WMF of the train graph
            }
        }
    }

    private Outcome train(boolean resume) throws IOException {
        if (resume && !RunFolder.hasCheckpoint(run)) {
            notes.accept(run + " has no checkpoint yet (the run stopped before its first): starting it from step 0");
            resume = false;
        }
        TrainMode mode = config.trainMode();
        checkStages(mode);
        Files.createDirectories(run);
        Path vocabularyFile = null;
        if (mode.usesLabels()) {
            vocabularyFile = run.resolve(RunFolder.VOCABULARY);
            if (!Files.isRegularFile(vocabularyFile)) AtomicFiles.writeBytes(vocabularyFile, Files.readAllBytes(corpus.vocabularyFile()));
        }
        RunCheckpoints checkpoints = new RunCheckpoints(run, config.keepCheckpoints(), vocabularyFile,
                mode.usesLabels() ? corpus.vocabulary() : null);
        smoothed = new SmoothedLoss(config.smoothing());
        plateau = new PlateauRule(config.plateauWindow(), config.plateauImprovement(), config.minTripletSteps(), config.tripletStepCap());
        stage = mode.firstStage();

        EmbeddingNetwork network;
        ClassifierHead head;
        TrainingState state = null;
        Path resumedFrom = null;
        if (resume) {
            resumedFrom = RunFolder.latest(run);
            Checkpoint c = Checkpoint.load(resumedFrom, device);
            network = c.network();
            head = c.head();
            if (!c.metadata().config().equals(modelConfig())) {
                throw new IOException(resumedFrom + ": holds a " + c.metadata().config() + " but the run is configured for " + modelConfig());
            }
            state = TrainingState.read(RunFolder.state(resumedFrom));
        } else {
            network = Models.create(modelConfig(), config.seed(), device);
            head = mode.usesLabels()
                    ? ClassifierHead.create(corpus.vocabulary().size(), network.config().embeddingSize(), config.seed() + 1, device)
                    : null;
        }
        if (mode.usesLabels() && (head == null || head.labels() != corpus.vocabulary().size())) {
            throw new IOException((resumedFrom != null ? resumedFrom : run) + ": the classifier has "
                    + (head == null ? "no head" : head.labels() + " labels") + " but the corpus vocabulary has " + corpus.vocabulary().size());
        }
        network.train(true);
        float lr = (float) config.lr();
        Adam adam = new Adam(network.parameters(), lr, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, 0f);
        ClassifierAdam classifierAdam = head == null ? null
                : new ClassifierAdam(head.weight(), head.bias(), config.classifierLr() > 0 ? (float) config.classifierLr() : lr, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPS, 0f);
        if (state != null) {
            state.restore(adam);
            if (classifierAdam != null) state.restore(classifierAdam);
            restoreProgress(state.progress(), checkpoints, resumedFrom);
        }

        CfTargets cf = mode == TrainMode.CF_REGRESSION ? CfTargets.read(factors(network.config().embeddingSize())) : null;
        HeldOutLosses heldOut = new HeldOutLosses(corpus.validation(), corpus.labels(), config.batch(), config.evalBatches(), config.seed());
        TripletStep tripletStep = new TripletStep(network, adam);
        LabelStep labelStep = head == null ? null : new LabelStep(network, adam, head, classifierAdam);
        CfRegressionStep cfStep = cf == null ? null : new CfRegressionStep(network, adam, cf, config.batch());

        long totalSteps = config.steps() > 0 ? config.steps() : Long.MAX_VALUE;
        long started = System.nanoTime();
        long deadline = config.minutes() > 0 ? started + (long) (config.minutes() * 60e9) : Long.MAX_VALUE;
        long tripletDeadline = mode == TrainMode.HYBRID && config.minutes() > 0
                ? started + (long) (config.tripletShare() * config.minutes() * 60e9) : Long.MAX_VALUE;
        double[] lastEval = {Double.NaN, Double.NaN};
        String reason;
        try (MetricsLog log = resume ? MetricsLog.resume(run.resolve(MetricsLog.NAME), step) : MetricsLog.create(run.resolve(MetricsLog.NAME));
             Streams streams = new Streams()) {
            if (!resume) {
                config.write(run.resolve(RunFolder.CONFIG));
                evaluate(log, heldOut, network, head, lastEval);
            } else {
                notes.accept("resumed from " + resumedFrom + " at step " + step + " (" + stage.word() + ")");
            }
            // A time budget is the bar's unit when there is one (seconds of it), else steps.
            boolean byTime = config.minutes() > 0;
            long progressTotal = byTime ? Math.round(config.minutes() * 60) : config.steps(), shownSeconds = 0;
            progress.begin("train " + stage.word(), progressTotal, byTime ? 0 : step);
            long windows = 0, intervalStart = System.nanoTime(), stepStart = System.nanoTime();
            double windowRate = Double.NaN;
            while (true) {
                if (step >= totalSteps) {
                    reason = "steps";
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    reason = "time";
                    break;
                }
                if (stopRequested) {
                    reason = "interrupted";
                    break;
                }
                stepStart = System.nanoTime(); // held-out measurements and checkpoints are not the step's time
                StepResult r = switch (stage) {
                    case TRIPLET -> {
                        TripletBatch b = streams.triplets(corpus, config, batches[Stage.TRIPLET.ordinal()]).next();
                        yield tripletStep.run(b, loss -> checkFinite(loss, b.index(), firstIds(b), checkpoints));
                    }
                    case LABELS -> {
                        LabelBatch b = streams.labels(corpus, config, batches[Stage.LABELS.ordinal()]).next();
                        yield labelStep.run(b, loss -> checkFinite(loss, b.index(), firstIds(b), checkpoints));
                    }
                    case CF_REGRESSION -> {
                        LabelBatch b = streams.cf(corpus, config, cf, batches[Stage.CF_REGRESSION.ordinal()]).next();
                        yield cfStep.run(b, loss -> checkFinite(loss, b.index(), firstIds(b), checkpoints));
                    }
                };
                step++;
                batches[stage.ordinal()]++;
                smoothed.add(r.loss());
                windows += r.windows();
                if (step % config.logEvery() == 0 || step == totalSteps) {
                    double seconds = (System.nanoTime() - intervalStart) / 1e9;
                    logStep(log, r, windows / seconds, seconds, started);
                    windows = 0;
                    intervalStart = System.nanoTime();
                }
                long now = System.nanoTime();
                double rate = r.windows() / ((now - stepStart) / 1e9);
                windowRate = Double.isNaN(windowRate) ? rate : 0.9 * windowRate + 0.1 * rate;
                String extra = String.format("step %d, loss %.4f, %.0f windows/s", step, smoothed.value(), windowRate);
                if (byTime) {
                    long secs = Math.min(progressTotal, (now - started) / 1_000_000_000L);
                    progress.advance(secs - shownSeconds, extra);
                    shownSeconds = secs;
                } else {
                    progress.advance(1, extra);
                }

                String stageEnd = null;
                if (mode == TrainMode.HYBRID && stage == Stage.TRIPLET) {
                    PlateauRule.Verdict v = plateau.after(step - stageStart, smoothed.value());
                    if (v == PlateauRule.Verdict.PLATEAU) stageEnd = "plateau";
                    else if (v == PlateauRule.Verdict.CAP) stageEnd = "step cap";
                    else if (System.nanoTime() >= tripletDeadline) stageEnd = "time share";
                }
                if (stageEnd != null) {
                    // Held-out losses of the stage's last weights, then the switch, then a pinned
                    // checkpoint whose weights are the triplet stage's result (its metadata says so)
                    // and whose progress already says "labels", so a resume goes on from there.
                    evaluate(log, heldOut, network, head, lastEval);
                    ObjectNode o = log.line(step, "stage");
                    o.put("from", stage.word());
                    o.put("to", Stage.LABELS.word());
                    o.put("reason", stageEnd);
                    o.put("smoothed_loss", smoothed.value());
                    log.write(o);
                    progress.note(String.format("step %d: the triplet loss %s (smoothed %.4f); on to the labels", step,
                            stageEnd.equals("plateau") ? "levelled off" : "reached its " + stageEnd, smoothed.value()));
                    Stage finished = stage;
                    stage = Stage.LABELS;
                    stageStart = step;
                    smoothed.reset();
                    streams.closeAll();
                    checkpoints.save(step, finished, network, head, adam, classifierAdam, progressMap(checkpoints, true), true);
                    progress.begin("train " + stage.word(), progressTotal, byTime ? shownSeconds : step);
                } else if (step % config.checkpointEvery() == 0) {
                    checkpoints.save(step, stage, network, head, adam, classifierAdam, progressMap(checkpoints, false), false);
                }
                if (stageEnd == null && config.evalEvery() > 0 && step % config.evalEvery() == 0) {
                    evaluate(log, heldOut, network, head, lastEval);
                }
            }
            Path last = checkpoints.last();
            if (last == null || RunFolder.step(last) != step) {
                last = checkpoints.save(step, stage, network, head, adam, classifierAdam, progressMap(checkpoints, false), false);
            }
            if (lastEvalStep != step) evaluate(log, heldOut, network, head, lastEval);
            ObjectNode o = log.line(step, "stop");
            o.put("reason", reason);
            o.put("stage", stage.word());
            o.put("checkpoint", last.toString());
            log.write(o);
            return new Outcome(step, stage, last, reason, lastEval[0], lastEval[1]);
        } finally {
            progress.close();
        }
    }

    /**
     * The CF-regression targets: the given factors file, or WMF of the train graph (never the held-out
     * edges) at the embedding's rank, computed once into RUN/wmf/ and reused by a resumed run.
     */
    private Path factors(int rank) throws IOException {
        if (config.factors() != null) return Path.of(config.factors());
        Path dir = run.resolve("wmf"), file = dir.resolve(FactorsFile.FACTORS);
        if (Files.isRegularFile(file)) return file;
        WmfConfig wmf = WmfConfig.defaults().withRank(rank).withSeed(config.seed());
        notes.accept("cf-regression: WMF of the train graph (" + corpus.train().size() + " recordings, rank " + rank + ", "
                + wmf.sweeps() + " sweeps) into " + dir);
        WmfResult r = ImplicitAls.train(corpus.train().graph(), wmf, Progress.NONE,
                st -> notes.accept(String.format(java.util.Locale.ROOT, "wmf sweep %d: loss %.6g (%.1f s)", st.sweep(), st.loss(), st.seconds())));
        FactorsFile.write(dir, r);
        return file;
    }

    private ModelConfig modelConfig() {
        return config.modelConfig();
    }

    private void checkFinite(float loss, long batch, List<String> ids, RunCheckpoints checkpoints) {
        if (!Float.isFinite(loss)) throw new NonFiniteLossException(step + 1, stage, batch, loss, ids, checkpoints.last());
    }

    private static List<String> firstIds(TripletBatch b) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Math.min(5, b.size()); i++) ids.add(b.id(io.colisten.train.stream.Role.ANCHOR, i));
        return ids;
    }

    private static List<String> firstIds(LabelBatch b) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Math.min(5, b.size()); i++) ids.add(b.id(i));
        return ids;
    }

    private void logStep(MetricsLog log, StepResult r, double windowsPerSecond, double seconds, long started) {
        ObjectNode o = log.line(step, "step");
        o.put("stage", stage.word());
        o.put("loss", r.loss());
        o.put("smoothed_loss", smoothed.value());
        if (r.mining() != null) {
            o.put("semi_hard", r.mining().semiHardFraction());
            o.put("fallback", r.mining().fallbackFraction());
            o.put("zero_loss", r.mining().zeroLossFraction());
        }
        o.put("windows_per_s", Math.round(windowsPerSecond * 10) / 10.0);
        o.put("steps_per_s", Math.round(config.logEvery() / seconds * 1000) / 1000.0);
        o.put("elapsed_s", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
        log.write(o);
    }

    private void evaluate(MetricsLog log, HeldOutLosses heldOut, EmbeddingNetwork network, ClassifierHead head, double[] last) {
        lastEvalStep = step;
        if (!heldOut.hasTriplets() && !heldOut.hasLabels()) return;
        double t = heldOut.tripletLoss(network), l = heldOut.labelLoss(network, head);
        last[0] = t;
        last[1] = l;
        ObjectNode o = log.line(step, "eval");
        o.put("stage", stage.word());
        if (!Double.isNaN(t)) o.put("heldout_triplet_loss", t);
        if (!Double.isNaN(l)) o.put("heldout_label_loss", l);
        log.write(o);
        progress.note(String.format("step %d: held-out%s%s", step,
                Double.isNaN(t) ? "" : String.format(" triplet loss %.4f", t), Double.isNaN(l) ? "" : String.format(" label loss %.4f", l)));
    }

    private Map<String, Object> progressMap(RunCheckpoints checkpoints, boolean pinThis) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("step", step);
        p.put("stage", stage.word());
        p.put("stage_start", stageStart);
        for (Stage s : Stage.values()) p.put("batches." + s.word(), batches[s.ordinal()]);
        p.put("smoothed.raw", smoothed.raw());
        p.put("smoothed.count", smoothed.count());
        p.put("plateau.previous", Double.isNaN(plateau.previous()) ? null : plateau.previous());
        p.put("plateau.improvement", Double.isNaN(plateau.lastImprovement()) ? null : plateau.lastImprovement());
        List<Long> pinned = checkpoints.pinned();
        if (pinThis) pinned.add(step);
        p.put("pinned", pinned);
        return p;
    }

    private void restoreProgress(Map<String, Object> p, RunCheckpoints checkpoints, Path from) throws IOException {
        try {
            step = ((Number) p.get("step")).longValue();
            stage = Stage.ofWord((String) p.get("stage"));
            stageStart = ((Number) p.get("stage_start")).longValue();
            for (Stage s : Stage.values()) batches[s.ordinal()] = ((Number) p.get("batches." + s.word())).longValue();
            smoothed.restore(((Number) p.get("smoothed.raw")).doubleValue(), ((Number) p.get("smoothed.count")).longValue());
            plateau.restore(number(p.get("plateau.previous")), number(p.get("plateau.improvement")));
            List<Long> pinned = new ArrayList<>();
            for (Object o : (List<?>) p.get("pinned")) pinned.add(((Number) o).longValue());
            checkpoints.resumedFrom(from, pinned);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IOException(RunFolder.state(from) + ": the progress record is incomplete or of another version: " + p, e);
        }
        if (step != RunFolder.step(from)) throw new IOException(from + ": its training state says step " + step);
    }

    private static double number(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    /** The open stream of the current stage (one at a time), opened at the batch the stage is at. */
    private static final class Streams implements AutoCloseable {
        private TripletStream triplets;
        private LabelStream labels, cf;

        private static StreamOptions options(TrainConfig c, long first) {
            return new StreamOptions(c.batch(), c.streamThreads(), 2, c.seed()).withFirstBatch(first);
        }

        TripletStream triplets(TrainingCorpus corpus, TrainConfig c, long first) {
            if (triplets == null) triplets = TripletStream.open(corpus.train(), options(c, first));
            return triplets;
        }

        LabelStream labels(TrainingCorpus corpus, TrainConfig c, long first) {
            if (labels == null) labels = LabelStream.open(corpus.train(), corpus.labels(), options(c, first));
            return labels;
        }

        LabelStream cf(TrainingCorpus corpus, TrainConfig c, CfTargets targets, long first) {
            if (cf == null) {
                // Recordings without a train edge have WMF factors near zero (noise once normalised): not targets.
                TrainingGraph g = corpus.train();
                java.util.Set<String> connected = new java.util.HashSet<>();
                for (int v = 0; v < g.size(); v++) if (g.graph().degree(v) > 0) connected.add(g.id(v));
                cf = LabelStream.open(g, id -> targets.has(id) && connected.contains(id) ? new int[] {0} : null, options(c, first));
            }
            return cf;
        }

        void closeAll() {
            if (triplets != null) triplets.close();
            if (labels != null) labels.close();
            if (cf != null) cf.close();
            triplets = null;
            labels = null;
            cf = null;
        }

        @Override
        public void close() {
            closeAll();
        }
    }
}
