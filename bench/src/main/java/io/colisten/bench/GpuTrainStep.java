package io.colisten.bench;

import io.colisten.engine.Device;
import io.colisten.engine.Tensor;
import io.colisten.engine.cuda.CudaBackend;
import io.colisten.engine.optim.Adam;
import io.colisten.engine.random.Rng;
import io.colisten.nn.models.EmbeddingNetwork;
import io.colisten.nn.models.ModelConfig;
import io.colisten.nn.models.Models;
import io.colisten.train.training.LossCheck;
import io.colisten.train.training.TripletStep;

/**
 * The GPU training-step benchmark (bench/gpu/train-step.sh, beside bench/peer/gpu_train_step.py):
 * one triplet step of SmallCNN or ResNet-18 on CUDA device 0 as the trainer runs it (TripletStep:
 * 3 x 132 windows of 1 x 300 x 64 drawn N(0, 1) in one forward pass, semi-hard mining with
 * SmallCnnTrainStep's exclusion rule, mean hinge, backward, Adam lr 1e-4). No JMH (the device
 * machine carries only the GPU bundle): warm-up steps, then timed steps; each step ends with the
 * loss read back, so wall time covers the GPU work. Prints
 * {@code RESULT step/triplet/<model> <seconds_per_step> 1 steps/s} (the median), the mean, and the
 * device allocations and pooled buffers made during the timed steps (a steady state makes none).
 * Usage: GpuTrainStep MODEL [WARMUP [STEPS]]   (-Dcolisten.cuda.tf32=true lets cuDNN/cuBLAS use TF32)
 */
public final class GpuTrainStep {
    static final int BATCH = 132, FRAMES = 300, BANDS = 64;

    private GpuTrainStep() {}

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "smallcnn";
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5, steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        CudaBackend be = CudaBackend.open(0);
        Device cuda = be.device();
        System.err.println(be.context().probe().describe() + "; tf32 " + Boolean.getBoolean("colisten.cuda.tf32"));
        EmbeddingNetwork net = Models.create(ModelConfig.of(model), 1, cuda);
        net.train(true);
        Adam adam = new Adam(net.parameters());
        Rng rng = new Rng(2);
        float[] x = new float[3 * BATCH * FRAMES * BANDS];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        Tensor windows = Tensor.of(cuda, x, 3 * BATCH, 1, FRAMES, BANDS);
        TripletStep step = new TripletStep(net, adam);
        for (int i = 0; i < warmup; i++) step.run(windows, BATCH, SmallCnnTrainStep::excluded, LossCheck.NONE);
        long raw0 = be.allocator().rawAllocations(), pooled0 = be.pooledBuffersCreated();
        double[] sec = new double[steps];
        float loss = 0;
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            loss = step.run(windows, BATCH, SmallCnnTrainStep::excluded, LossCheck.NONE).loss();
            sec[i] = (System.nanoTime() - t0) * 1e-9;
        }
        double mean = 0;
        for (double s : sec) mean += s / steps;
        double[] sorted = sec.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[steps / 2];
        System.err.printf("gpu train step %s: median %.2f ms, mean %.2f ms over %d steps (loss %.4f); device allocations "
                        + "%d, pooled buffers created %d during them; peak device bytes %d%n", model, median * 1e3,
                mean * 1e3, steps, loss, be.allocator().rawAllocations() - raw0, be.pooledBuffersCreated() - pooled0,
                be.allocator().peakBytes());
        System.out.printf("RESULT step/triplet/%s %.6e 1 steps/s%n", model, median);
    }
}
