package io.colisten.train.graph;

/**
 * Play counts grouped by listener: listener u played {@code tracks[k]} {@code counts[k]} times
 * for k in [userStart[u], userStart[u+1]), tracks ascending and distinct within a listener.
 * Track indices point into {@code trackIds}, which is sorted (String order), so index order is
 * id order everywhere downstream.
 */
public record PlayLog(String[] trackIds, String[] userIds, int[] userStart, int[] tracks, int[] counts) {
    public int users() {
        return userIds.length;
    }

    /** The sum of one listener's counts. */
    public long plays(int user) {
        long s = 0;
        for (int k = userStart[user]; k < userStart[user + 1]; k++) s += counts[k];
        return s;
    }

    public long totalPlays() {
        long s = 0;
        for (int c : counts) s += c;
        return s;
    }
}
