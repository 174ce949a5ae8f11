package io.colisten.train.world;

/**
 * An invented artist: a home scene and a sound of their own that all their tracks share (a
 * brightness factor, extra reverb, a preferred instrument of each palette, a preferred place in
 * the scene's tempo range), so that one artist's tracks are closer than the scene's average.
 */
public record Artist(int index, String name, int scene, double popularity, double brightness,
                     double reverb, int palette, double tempo) {}
