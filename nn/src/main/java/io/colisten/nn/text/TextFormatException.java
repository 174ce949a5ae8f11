package io.colisten.nn.text;

/** A vocabulary or label file that cannot be read as its format says; the message names the file and line. */
public final class TextFormatException extends RuntimeException {
    public TextFormatException(String message) {
        super(message);
    }
}
