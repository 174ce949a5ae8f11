"""Prints ConvFilterKernels.f{NT}x{NV}: python3 gen_filter_kernels.py 6 4 (also 12 2, 12 1). Kept so the unrolling is not typed by hand."""
import sys
NT, NV = int(sys.argv[1]), int(sys.argv[2])
o=[]
targs = ", ".join(f"int t{i}" for i in range(NT))
o.append(f"""    static void f{NT}x{NV}(float[] acc, int a, int cs, int nt, float[] gT, int go, int cogp, int i0, int i1, int[] qt,
                       float[] p, {targs}) {{""")
o.append("        FloatVector " + ", ".join("s00 = FloatVector.zero(S)" if (i,v)==(0,0) else f"s{i}_{v} = s00".replace("s0_0","s00") for i in range(NT) for v in range(NV)) + ";")
o.append("        for (int i = i0, gr = go; i < i1; i++, gr += cogp) {")
o.append("            int q = qt[i];")
for v in range(NV):
    o.append(f"            FloatVector g{v} = FloatVector.fromArray(S, gT, gr + {v} * L);")
for i in range(NT):
    o.append(("            FloatVector b = " if i==0 else "            b = ")+f"FloatVector.broadcast(S, p[q + t{i}]);")
    o.append("            " + " ".join(f"s{i}_{v} = b.fma(g{v}, s{i}_{v});" for v in range(NV)))
o.append("        }")
for i in range(NT):
    if i>0: o.append(f"        if (nt > {i}) {{")
    for v in range(NV):
        o.append(f"            FloatVector.fromArray(S, acc, a + {i} * cs + {v} * L).add(s{i}_{v}).intoArray(acc, a + {i} * cs + {v} * L);")
    if i>0: o.append("        }")
o.append("    }")
print("\n".join(o).replace("s0_0","s00"))
