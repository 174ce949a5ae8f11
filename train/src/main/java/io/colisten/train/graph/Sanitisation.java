package io.colisten.train.graph;

/**
 * The paper's privacy sanitisation and sparsification of co-listen statistics (section 3.1), with
 * its parameters exposed:
 * <ul>
 * <li>{@code minUserPlays}: listeners with fewer plays in all (the sum of their counts) are dropped
 *     before any pair is counted;</li>
 * <li>{@code maxTracksPerUser}: a listener's history counts at most this many tracks (their most
 *     played, ties to the smaller id), which caps the n(n-1)/2 pairs one history adds;</li>
 * <li>{@code minPairCount} (tau): pairs co-listened by fewer listeners are dropped;</li>
 * <li>{@code maxNeighbours}: an edge is kept only when it is among the strongest
 *     {@code maxNeighbours} of both its tracks (ties to the smaller neighbour id), so no track
 *     has more.</li>
 * </ul>
 * {@code pairsPerShard} bounds the distinct pairs held in memory at once: counting runs in as many
 * passes over the plays as needed.
 */
public record Sanitisation(int minUserPlays, int maxTracksPerUser, int minPairCount, int maxNeighbours, int pairsPerShard) {
    public static final Sanitisation DEFAULT = new Sanitisation(5, 200, 2, 250, 4_000_000);

    public Sanitisation {
        if (minUserPlays < 0 || maxTracksPerUser < 2 || minPairCount < 1 || maxNeighbours < 1 || pairsPerShard < 1024) {
            throw new IllegalArgumentException("sanitisation: need minUserPlays >= 0, maxTracksPerUser >= 2, "
                    + "minPairCount >= 1, maxNeighbours >= 1, pairsPerShard >= 1024");
        }
    }

    public Sanitisation withMinPairCount(int tau) {
        return new Sanitisation(minUserPlays, maxTracksPerUser, tau, maxNeighbours, pairsPerShard);
    }

    public Sanitisation withMaxNeighbours(int k) {
        return new Sanitisation(minUserPlays, maxTracksPerUser, minPairCount, k, pairsPerShard);
    }

    public Sanitisation withMinUserPlays(int p) {
        return new Sanitisation(p, maxTracksPerUser, minPairCount, maxNeighbours, pairsPerShard);
    }

    public Sanitisation withPairsPerShard(int n) {
        return new Sanitisation(minUserPlays, maxTracksPerUser, minPairCount, maxNeighbours, n);
    }
}
