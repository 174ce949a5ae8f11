package io.colisten.engine;

/** An int32 buffer an op keeps for its backward (the winners of a max-pool). Not a tensor. */
public interface IndexBuffer extends Buffer {}
