package io.colisten.kernels.cpu;

import static io.colisten.kernels.cpu.TestArrays.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Adam against torch.optim.Adam / AdamW: golden/adam.json is written by
 * kernels/src/test/python/make_adam_golden.py. Both sides compute in float32 in slightly different
 * orders, so parameters agree to a few ulps: atol 2e-7, rtol 1e-6.
 */
class AdamGoldenTest {
    @Test
    void matchesPyTorch() throws IOException {
        Map<?, ?> root;
        try (InputStream in = AdamGoldenTest.class.getResourceAsStream("/golden/adam.json")) {
            assertNotNull(in, "golden/adam.json on the test classpath");
            root = (Map<?, ?>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<?> cases = (List<?>) root.get("cases");
        assertEquals(3, cases.size());
        for (Object o : cases) {
            Map<?, ?> c = (Map<?, ?>) o;
            String name = (String) c.get("name");
            float[] p = floats(c.get("param0"));
            int n = p.length;
            float[] m = new float[n], v = new float[n];
            List<?> grads = (List<?>) c.get("grads");
            for (int t = 0; t < grads.size(); t++) {
                Adam.step(p, 0, floats(grads.get(t)), 0, m, 0, v, 0, n, num(c, "lr"), num(c, "beta1"), num(c, "beta2"),
                        num(c, "eps"), num(c, "weight_decay"), t + 1);
            }
            assertClose(name + " param", doubles(c.get("param")), p, 0, 2e-7, 1e-6);
            assertClose(name + " exp_avg", doubles(c.get("m")), m, 0, 3e-8, 1e-6);
            assertClose(name + " exp_avg_sq", doubles(c.get("v")), v, 0, 1e-12, 1e-6);
        }
    }

    private static float num(Map<?, ?> c, String key) {
        return (float) (double) (Double) c.get(key);
    }

    private static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) d[i] = (Double) l.get(i);
        return d;
    }

    private static float[] floats(Object list) {
        double[] d = doubles(list);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
