package io.colisten.train.stream;

/** The three windows of a triplet. */
public enum Role {
    ANCHOR, POSITIVE, NEGATIVE
}
