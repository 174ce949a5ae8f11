package io.colisten.engine.io;

/**
 * The safetensors element types we read and write, named as in the file ("F32", "I64", ...).
 *
 * <p>{@link #writeRank()} is the position in the reference implementation's dtype enumeration,
 * which lists types by increasing alignment; writers order tensors by that rank, descending, so
 * that every tensor's data starts aligned to its element size (the data section itself starts at
 * a multiple of 8). Types the reference knows but we do not decode (F4, F6_*, F8_E8M0, the FNUZ
 * float8s, C64) are named in {@link #UNSUPPORTED} so that a file using them gets a precise error.
 */
public enum Dtype {
    BOOL(1, Kind.INTEGER, 0),
    U8(1, Kind.INTEGER, 4),
    I8(1, Kind.INTEGER, 5),
    F8_E5M2(1, Kind.FLOAT, 6),
    F8_E4M3(1, Kind.FLOAT, 7),
    I16(2, Kind.INTEGER, 11),
    U16(2, Kind.INTEGER, 12),
    F16(2, Kind.FLOAT, 13),
    BF16(2, Kind.FLOAT, 14),
    I32(4, Kind.INTEGER, 15),
    U32(4, Kind.INTEGER, 16),
    F32(4, Kind.FLOAT, 17),
    F64(8, Kind.FLOAT, 19),
    I64(8, Kind.INTEGER, 20),
    U64(8, Kind.INTEGER, 21);

    /** Whether elements decode to floating-point values or to integers (booleans as 0 / 1). */
    public enum Kind { FLOAT, INTEGER }

    /** dtype names of the reference format that we recognise but do not decode. */
    public static final java.util.Set<String> UNSUPPORTED =
            java.util.Set.of("F4", "F6_E2M3", "F6_E3M2", "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ", "C64");

    private final int size;
    private final Kind kind;
    private final int writeRank;

    Dtype(int size, Kind kind, int writeRank) {
        this.size = size;
        this.kind = kind;
        this.writeRank = writeRank;
    }

    /** Bytes per element. */
    public int size() { return size; }

    public Kind kind() { return kind; }

    public boolean isFloat() { return kind == Kind.FLOAT; }

    /** Position in the reference's alignment-ordered enumeration (larger is written first). */
    public int writeRank() { return writeRank; }

    /** The dtype named {@code name} in a header, or null when the name is not one we decode. */
    public static Dtype byName(String name) {
        for (Dtype d : values()) if (d.name().equals(name)) return d;
        return null;
    }
}
