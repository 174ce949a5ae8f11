package io.colisten.train.eval;

/** The two downstream classifiers of paper section 4.4 (Tables 4-5), on fixed embeddings. */
public enum ProbeClassifier {
    /** An independent logistic regression per class: one linear layer, a sigmoid per output. */
    LOGISTIC("linear"),
    /** One hidden layer (512 ReLU units in the paper), then an independent logistic output per class. */
    MLP("mlp");

    private final String word;

    ProbeClassifier(String word) {
        this.word = word;
    }

    /** The name used in reports ("linear", "mlp"). */
    public String word() {
        return word;
    }
}
