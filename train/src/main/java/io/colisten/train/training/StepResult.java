package io.colisten.train.training;

import io.colisten.nn.loss.MiningStats;

/**
 * What one step reports for the metrics log: its loss, the windows it ran through the network,
 * and for a triplet step the mining counts (null otherwise).
 */
public record StepResult(float loss, int windows, MiningStats mining) {}
