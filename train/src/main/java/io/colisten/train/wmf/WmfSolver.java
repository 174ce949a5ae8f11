package io.colisten.train.wmf;

import java.util.Locale;

/** How each row's rank x rank normal equations are solved in an ALS half-sweep. */
public enum WmfSolver {
    /** Cholesky of the whole system, built with the Y^T Y + Y^T (C - I) Y trick (Hu, Koren, Volinsky 2008). */
    EXACT,
    /** A few conjugate-gradient steps warm-started from the row's previous factor (Takacs et al. 2011). */
    CG;

    public static WmfSolver parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "exact", "cholesky" -> EXACT;
            case "cg" -> CG;
            default -> throw new IllegalArgumentException("solver: expected cg or exact, got '" + s + "'");
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
