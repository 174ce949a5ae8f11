package io.colisten.train.wmf;

import io.colisten.kernels.cpu.Parallel;
import java.util.function.IntConsumer;

/**
 * Runs {@code lanes} workers on the shared pool, each always inside a pool part. Work items are
 * claimed dynamically from a counter and each item's result depends only on the item, so results
 * are the same for any number of lanes. Even one lane runs inside a part (next to an idle one):
 * a kernel called there (the SGEMM of a Gram block or of a row's system) then runs serially on
 * its thread, as it does with more lanes; called outside a part, SGEMM would split its work over
 * the pool and might sum in another order.
 */
final class Lanes {
    private Lanes() {}

    static void run(int lanes, IntConsumer lane) {
        if (lanes >= 2 && Parallel.threads() >= 2) {
            Parallel.forEach(lanes, lane);
        } else {
            Parallel.forEach(2, p -> {
                if (p == 0) lane.accept(0);
            });
        }
    }
}
