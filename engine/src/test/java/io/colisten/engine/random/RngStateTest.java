package io.colisten.engine.random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Saving and restoring the generator continues its stream exactly, pending normals included. */
class RngStateTest {
    @Test
    void restoredGeneratorContinuesTheStream() {
        for (int draws = 0; draws < 6; draws++) {
            Rng a = new Rng(2026);
            for (int i = 0; i < draws; i++) a.nextGaussian(); // odd counts leave a normal pending
            Rng b = Rng.fromState(a.state());
            assertEquals(draws % 2, a.state()[4], "pending-normal flag");
            for (int i = 0; i < 100; i++) {
                assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()));
                assertEquals(a.nextLong(), b.nextLong());
                assertEquals(a.nextInt(17), b.nextInt(17));
            }
            assertArrayEquals(a.state(), b.state());
        }
    }

    @Test
    void stateIsACopyAndSeedingIsUnchanged() {
        Rng a = new Rng(5);
        long[] s = a.state();
        s[0] ^= 1;
        assertEquals(new Rng(5).nextLong(), a.nextLong(), "mutating the returned array does not touch the generator");
        assertEquals(new Rng(5).fork().nextLong(), Rng.fromState(new Rng(5).state()).fork().nextLong());
    }

    @Test
    void invalidStatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(new long[5]));
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(new long[] {0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(new long[] {1, 0, 0, 0, 2, 0}));
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(null));
    }
}
