package io.colisten.nn.embed;

import java.util.List;

/**
 * What a batch gave: one recording embedding per input item, in input order (null where the item
 * failed), and the failures in input order, each naming its item and the reason.
 */
public record BatchResult(float[][] vectors, List<Failure> failures) {
    public record Failure(int index, String item, String message) {}

    public int succeeded() {
        return vectors.length - failures.size();
    }
}
