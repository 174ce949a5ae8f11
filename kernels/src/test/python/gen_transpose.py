"""Prints ConvTranspose.block16 (16 x 16 transpose by block swaps); the lo/hi index vectors are loaded by hand-written lines."""
o=[]
o.append("""    /**
     * gT[(p0 + j) * cogp + c0 + i] = src[so + i * stride + j] for i, j < 16: one 16 x 16 block,
     * transposed in registers by swapping off-diagonal blocks of 8, 4, 2 and 1 lanes.
     */
    static void block16(float[] gT, int go, int cogp, float[] src, int so, int stride) {""")
for i in range(16):
    o.append(f"        FloatVector r{i} = FloatVector.fromArray(S, src, so + {i} * stride);".replace(" + 0 * stride",""))
o.append("        FloatVector t, u;")
for b in [8,4,2,1]:
    for i in range(16):
        if i & b: continue
        o.append(f"        t = LO{b}.selectFrom(r{i}, r{i+b}); u = HI{b}.selectFrom(r{i}, r{i+b}); r{i} = t; r{i+b} = u;")
for j in range(16):
    o.append(f"        r{j}.intoArray(gT, go + {j} * cogp);".replace(" + 0 * cogp",""))
o.append("    }")
print("\n".join(o))
