package io.colisten.nn.models;

import io.colisten.engine.Graph;
import io.colisten.engine.NoGrad;
import io.colisten.engine.Tensor;
import org.junit.jupiter.api.Test;

class TmpDebugTest {
    @Test
    void debug() {
        for (int n : new int[] {1, 2, 3, 9}) {
            EmbeddingNetwork net = ModelForwardTest.small("mobilenet", 8);
            net.train(false);
            Tensor x = ModelForwardTest.windows(n, 4);
            float[] fused;
            try (NoGrad ng = NoGrad.enter()) { fused = net.embed(x).toArray(); }
            float[] plain = net.embed(x).toArray();
            Graph.clearTape();
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < 128; j++) d = Math.max(d, Math.abs(plain[i * 128 + j] - fused[i * 128 + j]));
                System.out.println("n " + n + " image " + i + " maxdiff " + d);
            }
        }
    }
}
