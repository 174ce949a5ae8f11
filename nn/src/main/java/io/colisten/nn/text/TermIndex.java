package io.colisten.nn.text;

import java.util.Arrays;
import java.util.List;

/**
 * Term to id lookup that takes a span of a {@link TokenBuffer} (no String per n-gram when labelling
 * a million recordings) as well as a String. Open addressing with linear probing over a power-of-two
 * table at most half full; the terms' chars live in one pool. Immutable after construction, so it
 * may be shared by threads.
 */
final class TermIndex {
    private final long[] slotHash;
    private final int[] slotId;
    private final int mask;
    private final char[] pool;
    private final int[] poolStart; // by id; poolStart[id + 1] is the end

    TermIndex(List<String> terms) {
        int cap = Integer.highestOneBit(Math.max(4, terms.size() * 2 - 1)) << 1;
        slotHash = new long[cap];
        slotId = new int[cap];
        mask = cap - 1;
        poolStart = new int[terms.size() + 1];
        long total = 0;
        for (String t : terms) {
            total += t.length();
        }
        pool = new char[Math.toIntExact(total)];
        int at = 0;
        for (int id = 0; id < terms.size(); id++) {
            String t = terms.get(id);
            t.getChars(0, t.length(), pool, at);
            poolStart[id] = at;
            at += t.length();
            poolStart[id + 1] = at;
            long h = TermHash.ofTerm(t);
            if (find(pool, poolStart[id], at, h) >= 0) {
                throw new IllegalArgumentException("term '" + t + "' appears twice");
            }
            int s = (int) h & mask;
            while (slotHash[s] != 0) {
                s = (s + 1) & mask;
            }
            slotHash[s] = h;
            slotId[s] = id;
        }
    }

    /** The id of the term {@code chars[start, end)} whose {@link TermHash} is {@code hash}, or -1. */
    int find(char[] chars, int start, int end, long hash) {
        int len = end - start;
        for (int s = (int) hash & mask; slotHash[s] != 0; s = (s + 1) & mask) {
            if (slotHash[s] == hash) {
                int id = slotId[s];
                int from = poolStart[id];
                if (poolStart[id + 1] - from == len
                        && Arrays.equals(pool, from, from + len, chars, start, end)) {
                    return id;
                }
            }
        }
        return -1;
    }

    int find(String term) {
        char[] c = term.toCharArray();
        return find(c, 0, c.length, TermHash.ofTerm(term));
    }
}
