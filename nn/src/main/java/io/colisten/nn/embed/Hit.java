package io.colisten.nn.embed;

/** One search result: the row's position in the index, its id and its cosine similarity to the query. */
public record Hit(int index, String id, float score) {}
