package io.colisten.engine;

import io.colisten.engine.ops.Ops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tape, no-grad and step scopes, gradient lifetimes and views. */
class AutogradTest {
    @AfterEach
    void clean() {
        Graph.clearTape();
    }

    private static Tensor leaf(float... v) {
        return Tensor.of(v, v.length).requiresGrad(true);
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = leaf(1, -2, 3);
        int before = Graph.tapeSize();
        Tensor y;
        try (NoGrad ng = NoGrad.enter()) {
            y = Ops.relu(Ops.scale(x, 2f));
            assertFalse(Graph.gradEnabled());
            try (NoGrad inner = NoGrad.enter()) {
                assertFalse(Graph.gradEnabled());
            }
            assertFalse(Graph.gradEnabled(), "scopes nest");
        }
        assertTrue(Graph.gradEnabled());
        assertEquals(before, Graph.tapeSize());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertArrayEquals(new float[] {2, 0, 6}, y.toArray());
        Tensor z = Ops.relu(x);
        assertTrue(z.requiresGrad());
        assertEquals(before + 1, Graph.tapeSize());
    }

    @Test
    void constantsRecordNothing() {
        Tensor c = Tensor.of(new float[] {1, 2}, 2);
        int before = Graph.tapeSize();
        Tensor y = Ops.mul(c, c);
        assertFalse(y.requiresGrad());
        assertEquals(before, Graph.tapeSize());
    }

    @Test
    void backwardFreesTheGraphAndKeepsLeafGradients() {
        Tensor x = leaf(1, 2, 3);
        Tensor h = Ops.mul(x, x);
        Tensor loss = Ops.sum(h);
        loss.backward();
        assertArrayEquals(new float[] {2, 4, 6}, x.grad().toArray());
        assertNull(h.grad(), "intermediate gradients are released after use");
        assertEquals(0, Graph.tapeSize());
        assertTrue(h.isLeaf() && !h.requiresGrad(), "intermediates become constants");
        assertThrows(IllegalArgumentException.class, loss::backward, "graph already freed");
        // A second graph accumulates into the same leaf gradient (zeroGrad is the caller's).
        Ops.sum(Ops.scale(x, 3f)).backward();
        assertArrayEquals(new float[] {5, 7, 9}, x.grad().toArray());
    }

    @Test
    void backwardLeavesOtherGraphsOnTheTape() {
        Tensor a = leaf(1, 2), b = leaf(3, 4);
        Tensor la = Ops.sum(Ops.mul(a, a));
        Tensor lb = Ops.sum(Ops.scale(b, 2f));
        Tensor metric = Ops.relu(Ops.mul(a, a)); // recorded after la, not its ancestor
        la.backward();
        assertEquals(4, Graph.tapeSize(), "lb (scale, sum) and the metric (mul, relu) stay recorded");
        lb.backward();
        assertArrayEquals(new float[] {2, 4}, a.grad().toArray());
        assertArrayEquals(new float[] {2, 2}, b.grad().toArray());
        assertTrue(metric.requiresGrad());
    }

    @Test
    void onlyLeavesCanChangeRequiresGrad() {
        Tensor y = Ops.relu(leaf(1, 2));
        assertThrows(IllegalArgumentException.class, () -> y.requiresGrad(false));
        assertThrows(IllegalArgumentException.class, () -> y.setGrad(null));
    }

    @Test
    void viewsShareStorageAndRouteGradients() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor v = x.reshape(3, -1);
        assertSame(x.storage(), v.storage());
        assertArrayEquals(new int[] {3, 2}, v.shape());
        Tensor f = Ops.relu(Tensor.of(new float[24], 2, 3, 2, 2)).flatten();
        assertArrayEquals(new int[] {2, 12}, f.shape());
        // The view's gradient is handed to the intermediate below it without a copy.
        Tensor h = Ops.scale(x, 1f);
        Ops.sum(Ops.mul(h.reshape(6), Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 6))).backward();
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, x.grad().toArray());
    }

    @Test
    void stepScopeReturnsBuffersAndReusesThem() {
        Backend be = Device.CPU.backend();
        Tensor x = Tensor.of(new float[] {1, -2, 3, -4, 5}, 5).requiresGrad(true);
        float[] first = null;
        long createdAfterFirst = 0;
        for (int step = 0; step < 3; step++) {
            try (StepScope s = StepScope.open()) {
                Tensor y = Ops.mul(Ops.relu(x), x);
                Ops.sum(y).backward();
                if (step == 0) first = y.toArray();
                else assertArrayEquals(first, y.toArray());
            }
            assertEquals(0, Graph.tapeSize());
            if (step == 0) createdAfterFirst = be.pooledBuffersCreated();
            else assertEquals(createdAfterFirst, be.pooledBuffersCreated(), "later steps reuse the pool");
        }
        // relu'(x) x + relu(x) accumulated three times.
        assertArrayEquals(new float[] {6, 0, 18, 0, 30}, x.grad().toArray());
    }

    @Test
    void closingAScopeDropsItsTape() {
        Tensor x = leaf(1, 2);
        try (StepScope s = StepScope.open()) {
            Ops.relu(x);
            assertEquals(1, Graph.tapeSize());
        }
        assertEquals(0, Graph.tapeSize());
        Tensor keep;
        try (StepScope s = StepScope.open()) {
            keep = Ops.scale(x, 2f).copy();
        }
        assertArrayEquals(new float[] {2, 4}, keep.toArray(), "copy() outlives the scope");
    }

    @Test
    void scalarsAndItems() {
        Tensor s = Ops.sum(Tensor.of(new float[] {1, 2, 3.5f}, 3));
        assertEquals(0, s.rank());
        assertEquals(6.5f, s.item());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).item());
    }
}
