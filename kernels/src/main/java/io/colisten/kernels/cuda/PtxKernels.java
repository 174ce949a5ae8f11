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

    private static final java.util.regex.Pattern ENTRY = java.util.regex.Pattern.compile(
            "\\.entry (\\w+)\\(([^)]*)\\)");
    private static final java.util.regex.Pattern PARAM = java.util.regex.Pattern.compile("\\.param \\.([a-z]+)(\\d+) ");
    private static Map<String, String> signatures;

    /**
     * Each kernel's parameter kinds from the PTX, one letter per parameter: L (64-bit: a pointer or a
     * long), I (32-bit integer), F (float). Parsed once from the resources; no GPU needed.
     */
    public static synchronized Map<String, String> signatures() {
        if (signatures == null) {
            Map<String, String> m = new HashMap<>();
            for (String module : MODULES) {
                String text = new String(resource(module), java.nio.charset.StandardCharsets.US_ASCII);
                java.util.regex.Matcher e = ENTRY.matcher(text);
                while (e.find()) {
                    StringBuilder sig = new StringBuilder();
                    java.util.regex.Matcher p = PARAM.matcher(e.group(2));
                    while (p.find()) {
                        String type = p.group(1), bits = p.group(2);
                        if (type.equals("f") && bits.equals("32")) sig.append('F');
                        else if (bits.equals("64")) sig.append('L');
                        else if (bits.equals("32")) sig.append('I');
                        else throw new IllegalStateException("PTX " + module + ": kernel " + e.group(1)
                                + " has a parameter of type ." + type + bits + " that launches cannot pass");
                    }
                    m.put(e.group(1), sig.toString());
                }
            }
            signatures = Map.copyOf(m);
        }
        return signatures;
    }

    /**
     * Checks launch arguments against kernel {@code name}'s PTX parameters (count and kind: Long for
     * L, Integer for I, Float for F): a mismatch would otherwise pass garbage to the GPU silently.
     */
    public static void checkArgs(String name, Object[] args) {
        String sig = signatures().get(name);
        if (sig == null) throw new IllegalArgumentException("PTX: no kernel named " + name);
        if (sig.length() != args.length) {
            throw new IllegalArgumentException("kernel " + name + " takes " + sig.length() + " arguments (" + sig
                    + "), got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            char want = sig.charAt(i);
            Object a = args[i];
            boolean ok = want == 'L' ? a instanceof Long : want == 'I' ? a instanceof Integer : a instanceof Float;
            if (!ok) {
                throw new IllegalArgumentException("kernel " + name + ": argument " + i + " must be "
                        + (want == 'L' ? "a long (pointer or 64-bit count)" : want == 'I' ? "an int" : "a float")
                        + ", got " + (a == null ? "null" : a.getClass().getSimpleName() + " " + a));
            }
        }
    }

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
