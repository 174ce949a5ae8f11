package io.colisten.nn.modules;

/** A mutable int64 state entry (batch norm's num_batches_tracked): a 0-dim int64 tensor in PyTorch. */
public final class Counter {
    private long value;

    public long get() { return value; }

    public void set(long value) {
        if (value < 0) throw new IllegalArgumentException("counter: value must be >= 0, got " + value);
        this.value = value;
    }

    void increment() { value++; }
}
