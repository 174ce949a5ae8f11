package io.colisten.nn.embed;

/**
 * A predicted tag: the classifier's label id, its vocabulary term (null when the checkpoint has no
 * vocabulary), the softmax probability over all |V| labels, and the logit (W u + b) it came from.
 */
public record Tag(int label, String term, float probability, float logit) {}
