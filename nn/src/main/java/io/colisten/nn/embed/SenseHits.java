package io.colisten.nn.embed;

import java.util.List;

/**
 * One sense's answer to a text query: the sense label ("17_bebop"), the query term it splits
 * ("bebop"), and its closest recordings. Both names are null when no query term has several
 * senses (the ordinary search's single list).
 */
public record SenseHits(String sense, String term, List<Hit> hits) {}
