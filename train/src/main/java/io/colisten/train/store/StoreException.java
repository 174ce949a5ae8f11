package io.colisten.train.store;

import java.io.IOException;

/** A feature store that cannot be used as it is; the message names the file and the problem. */
public final class StoreException extends IOException {
    public StoreException(String message) {
        super(message);
    }
}
