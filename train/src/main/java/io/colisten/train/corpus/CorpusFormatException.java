package io.colisten.train.corpus;

/** A corpus file that cannot be read as its format says; the message names the file and line. */
public final class CorpusFormatException extends RuntimeException {
    public CorpusFormatException(String message) {
        super(message);
    }
}
