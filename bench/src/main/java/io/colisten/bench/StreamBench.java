package io.colisten.bench;

import io.colisten.train.graph.GraphSource;
import io.colisten.train.graph.Problems;
import io.colisten.train.graph.Sanitisation;
import io.colisten.train.split.SplitGraphs;
import io.colisten.train.split.SplitSpec;
import io.colisten.train.split.Splits;
import io.colisten.train.store.FeatureStore;
import io.colisten.train.store.StoreFiles;
import io.colisten.train.stream.StreamOptions;
import io.colisten.train.stream.TrainingGraph;
import io.colisten.train.stream.TripletBatch;
import io.colisten.train.stream.TripletStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Triplet batches per second as training sees them: {@code TripletStream.next()} in steady state,
 * B triplets (3 x B windows of 300 x 64, float16 frames converted to float32) from the feature
 * store of a corpus on disk, built by {@code threads} background threads. The corpus folder comes
 * from the environment variable COLISTEN_STREAM_CORPUS (bench/cases/stream.sh makes the demo
 * world's). The graph is the corpus's co-listen graph with default sanitisation, split 90/10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class StreamBench {
    @Param({"132"})
    public int batch;

    @Param({"2"})
    public int threads;

    private FeatureStore store;
    private TripletStream stream;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        String corpus = System.getenv("COLISTEN_STREAM_CORPUS");
        if (corpus == null) throw new IllegalStateException("set COLISTEN_STREAM_CORPUS to a corpus folder with an ingested feature store");
        Path dir = Path.of(corpus);
        var graph = GraphSource.load(dir, GraphSource.From.AUTO, Sanitisation.DEFAULT, Problems.quiet(), null).graph();
        store = FeatureStore.open(dir.resolve(StoreFiles.DEFAULT_DIR));
        TrainingGraph train = TrainingGraph.of(SplitGraphs.of(graph, Splits.assign(graph.ids(), SplitSpec.DEFAULT)), store);
        System.err.println("stream bench: " + train);
        stream = TripletStream.open(train, StreamOptions.DEFAULT.withBatchSize(batch).withThreads(threads));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.err.printf("stream bench: %d batches, fallback negatives %.4f%n", stream.batches(), stream.fallbackFraction());
        stream.close();
        store.close();
    }

    @Benchmark
    public TripletBatch triplets() {
        return stream.next();
    }
}
