package io.colisten.kernels.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * Our CUDA C kernels (kernels/src/main/cuda/*.cu), loaded from the committed PTX resources with
 * cuModuleLoadData (the driver JIT-compiles them for the GPU at hand) and looked up by name.
 * Created by {@link CudaContext} with its context current.
 */
public final class PtxKernels {
    /** The PTX resources, one per .cu file. */
    public static final List<String> MODULES =
            List.of("elementwise", "reduce", "pool", "rows", "batchnorm", "losses", "adam");

    /** Every kernel the CUDA backend launches: each must be an .entry of one PTX module. */
    public static final List<String> KERNELS = List.of(
            "ew_add", "ew_sub", "ew_mul", "ew_scale", "ew_axpy", "ew_mul_add", "ew_add_row_bias",
            "ew_add_channel_bias", "relu_forward", "relu_backward", "sigmoid_xent_forward", "sigmoid_xent_backward",
            "reduce_sum_partial", "reduce_sum_final", "reduce_sum_columns", "reduce_sum_channels",
            "global_avg_forward", "global_avg_backward", "global_max_forward", "global_max_backward",
            "maxpool2d_forward", "maxpool2d_backward",
            "softmax_forward", "softmax_backward", "log_softmax_forward", "log_softmax_backward",
            "l2norm_forward", "l2norm_backward",
            "bn_eval_backward", "bn_relu_mask",
            "squared_distances", "row_distances", "triplet_forward", "triplet_backward",
            "xent_chunk_stats", "xent_row_loss", "xent_finish", "xent_chunk_grad",
            "adam_step");

    private final Map<String, CUfunction> functions = new HashMap<>();

    PtxKernels() {
        for (String m : MODULES) {
            byte[] ptx = resource(m);
            CUmodule module = new CUmodule();
            CudaException.check(JCudaDriver.cuModuleLoadData(module, ptx), "cuModuleLoadData(" + m + ".ptx)");
            for (String k : KERNELS) {
                if (!new String(ptx, java.nio.charset.StandardCharsets.US_ASCII).contains(".entry " + k + "(")) continue;
                CUfunction f = new CUfunction();
                CudaException.check(JCudaDriver.cuModuleGetFunction(f, module, k), "cuModuleGetFunction(" + k + ")");
                functions.put(k, f);
            }
        }
        for (String k : KERNELS) {
            if (!functions.containsKey(k)) throw new IllegalStateException("PTX: kernel " + k + " is in no module");
        }
    }

    /** The PTX text of module {@code name}, NUL-terminated as cuModuleLoadData wants it. */
    public static byte[] resource(String name) {
        String path = "ptx/" + name + ".ptx";
        try (InputStream in = PtxKernels.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("PTX resource io/colisten/kernels/cuda/" + path + " is missing");
            byte[] text = in.readAllBytes();
            return java.util.Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new IllegalStateException("PTX resource io/colisten/kernels/cuda/" + path + ": " + e.getMessage(), e);
        }
    }

    CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) throw new IllegalArgumentException("PTX: no kernel named " + name);
        return f;
    }
}
