package io.colisten.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our kernels against PyTorch 1.13 (CPU, float32) golden values written by
 * kernels/src/test/python/make_golden.py into src/test/resources/golden (format in that script).
 * Tolerance: atol 2e-5, rtol 1e-4 (both sides are float32 with different summation orders);
 * max-pool outputs and indices exactly.
 */
class GoldenTest {
    static final double ATOL = 2e-5, RTOL = 1e-4;

    /** One golden case: its parameters and named arrays. */
    record Golden(String name, Map<String, String> params, Map<String, float[]> arrays) {
        int i(String k) { return Integer.parseInt(params.get(k)); }
        float f(String k) { return Float.parseFloat(params.get(k)); }
        float[] a(String k) {
            float[] v = arrays.get(k);
            assertNotNull(v, name + " lacks array " + k);
            return v;
        }
    }

    static Golden load(String name) throws IOException {
        String manifest;
        byte[] data;
        try (InputStream t = GoldenTest.class.getResourceAsStream("/golden/" + name + ".txt");
             InputStream b = GoldenTest.class.getResourceAsStream("/golden/" + name + ".bin")) {
            assertNotNull(t, "missing golden/" + name + ".txt");
            assertNotNull(b, "missing golden/" + name + ".bin");
            manifest = new String(t.readAllBytes(), StandardCharsets.UTF_8);
            data = b.readAllBytes();
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (String line : manifest.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f[0].isEmpty() || f[0].startsWith("#")) continue;
            switch (f[0]) {
                case "op" -> params.put("op", f[1]);
                case "param" -> params.put(f[1], f[2]);
                case "array" -> {
                    int size = 1;
                    for (int d = 2; d < f.length; d++) size *= Integer.parseInt(f[d]);
                    float[] v = new float[size];
                    buf.asFloatBuffer().get(v);
                    buf.position(buf.position() + 4 * size);
                    arrays.put(f[1], v);
                }
                default -> fail(name + ": unknown manifest line " + line);
            }
        }
        assertEquals(data.length, buf.position(), name + ": manifest and data disagree in size");
        return new Golden(name, params, arrays);
    }

    static void close(String what, float[] want, float[] got) {
        assertEquals(want.length, got.length, what + " length");
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(got[i] - want[i]) <= ATOL + RTOL * Math.abs(want[i]))) {
                fail(what + ": element " + i + " is " + got[i] + ", PyTorch " + want[i]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_first_7x5_s2x1_p3x2", "conv_7x5_s2x1_p3x2", "conv_groups2_s2x1_p1",
            "conv_depthwise_3x3", "conv_pointwise_1x1", "conv_3x3_s2x2_p1"})
    void conv2dMatchesPyTorch(String name) throws IOException {
        Golden g = load(name);
        Conv2dShape s = new Conv2dShape(g.i("n"), g.i("c_in"), g.i("h"), g.i("w"), g.i("c_out"), g.i("kh"), g.i("kw"),
                g.i("stride_h"), g.i("stride_w"), g.i("pad_h"), g.i("pad_w"), g.i("groups"));
        float[] out = new float[s.outputSize()];
        Conv2d.forward(out, 0, g.a("input"), 0, g.a("weight"), 0, g.a("bias"), 0, s);
        close(name + " output", g.a("output"), out);
        float[] dIn = new float[s.inputSize()], dW = new float[s.weightSize()], dB = new float[s.cOut()];
        Conv2d.backwardData(dIn, 0, g.a("grad_output"), 0, g.a("weight"), 0, s);
        Conv2d.backwardFilter(dW, 0, dB, 0, g.a("grad_output"), 0, g.a("input"), 0, s);
        close(name + " grad_input", g.a("grad_input"), dIn);
        close(name + " grad_weight", g.a("grad_weight"), dW);
        close(name + " grad_bias", g.a("grad_bias"), dB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"batchnorm_train_eval"})
    void batchNormMatchesPyTorch(String name) throws IOException {
        Golden g = load(name);
        int n = g.i("n"), c = g.i("c"), hw = g.i("h") * g.i("w");
        float[] out = new float[n * c * hw], mean = new float[c], rstd = new float[c];
        float[] rm = g.a("running_mean_before").clone(), rv = g.a("running_var_before").clone();
        BatchNorm2d.forwardTrain(out, 0, mean, rstd, g.a("input"), 0, g.a("gamma"), g.a("beta"), rm, rv,
                g.f("momentum"), g.f("eps"), n, c, hw);
        close(name + " output", g.a("output"), out);
        close(name + " save_mean", g.a("save_mean"), mean);
        close(name + " save_rstd", g.a("save_rstd"), rstd);
        close(name + " running_mean", g.a("running_mean_after"), rm);
        close(name + " running_var", g.a("running_var_after"), rv);
        float[] dIn = new float[n * c * hw], dG = new float[c], dB = new float[c];
        BatchNorm2d.backward(dIn, 0, dG, dB, g.a("grad_output"), 0, g.a("input"), 0, mean, rstd, g.a("gamma"), n, c, hw);
        close(name + " grad_input", g.a("grad_input"), dIn);
        close(name + " grad_gamma", g.a("grad_gamma"), dG);
        close(name + " grad_beta", g.a("grad_beta"), dB);
        BatchNorm2d.forwardEval(out, 0, g.a("input"), 0, g.a("gamma"), g.a("beta"), rm, rv, g.f("eps"), n, c, hw);
        close(name + " eval_output", g.a("eval_output"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxpool_3x2_s2x1_p1", "maxpool_4x2_s2x2"})
    void maxPoolMatchesPyTorch(String name) throws IOException {
        Golden g = load(name);
        Pool2dShape s = new Pool2dShape(g.i("n"), g.i("c"), g.i("h"), g.i("w"), g.i("kh"), g.i("kw"),
                g.i("stride_h"), g.i("stride_w"), g.i("pad_h"), g.i("pad_w"));
        float[] out = new float[s.outputSize()];
        int[] arg = new int[s.outputSize()];
        MaxPool2d.forward(out, 0, arg, g.a("input"), 0, s);
        float[] idx = g.a("indices");
        for (int i = 0; i < arg.length; i++) {
            assertEquals((int) idx[i], arg[i], name + " index " + i);
            assertEquals(g.a("output")[i], out[i], 0f, name + " output " + i);
        }
        float[] dIn = new float[s.inputSize()];
        MaxPool2d.backward(dIn, 0, g.a("grad_output"), 0, arg, s);
        close(name + " grad_input", g.a("grad_input"), dIn);
    }
}
