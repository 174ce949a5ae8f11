"""Prints the unrolled body of ConvTapKernels.taps{MR}x{NS}: python3 gen_tap_kernels.py 8 3 (the 1 x 6 kernel is
the same output for 1 6 with the channel-count parameters removed by hand). Kept so the unrolling is not typed by hand."""
import sys
MR, NS = int(sys.argv[1]), int(sys.argv[2])
name = f"taps{MR}x{NS}"
o = []
o.append(f"""    /**
     * {MR} channels x {NS} slots: for channel c < nc (at out[ob + c * cs]) and slot s (slot table
     * index i + s: output offset so, valid lanes sn, 0 = empty; source offset q + sq):
     * acc = init + sum over t in [ts, ts + nt) of wp[w + (t - ts) * {MR} + c] * src[q + sq + toff[t] + lane].
     * init: the existing output when {{@code add}} (backward adds), else bias[bo + c] (0 without bias).
     * Channels past {{@code nc}} are computed but not stored. Everything stays in this method: a
     * FloatVector passed to a method that is not inlined is boxed and loses its intrinsics.
     */
    static void {name}(float[] out, int ob, int cs, int nc, int[] so, int[] sn, int[] sq, int i, int q, boolean add,
                        float[] bias, int bo, float[] src, int[] toff, int ts, int nt, float[] wp, int w) {{""")
for s in range(NS):
    o.append(f"        int o{s} = so[i + {s}], q{s} = q + sq[i + {s}];")
    o.append(f"        VectorMask<Float> m{s} = S.indexInRange(0, sn[i + {s}]);")
for c in range(1, MR):
    o.append(f"        int c{c} = nc > {c} ? ob + {c} * cs : ob;")
o.append("        int c0 = ob;")
decl = ", ".join(f"a{c}{s}" for c in range(MR) for s in range(NS))
o.append(f"        FloatVector {decl};")
o.append("        if (add) {")
for c in range(MR):
    o.append("            " + " ".join(f"a{c}{s} = FloatVector.fromArray(S, out, c{c} + o{s}, m{s});" for s in range(NS)))
o.append("        } else {")
for c in range(MR):
    rest = "".join(f" a{c}{s} = a{c}0;" for s in range(1, NS))
    o.append(f"            a{c}0 = FloatVector.broadcast(S, bias == null || nc <= {c} ? 0f : bias[bo + {c}]);{rest}")
o.append("        }")
o.append(f"        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi += {MR}) {{")
o.append("            int off = toff[t];")
for s in range(NS):
    o.append(f"            FloatVector v{s} = FloatVector.fromArray(S, src, q{s} + off);")
for c in range(MR):
    o.append(f"            FloatVector w{c} = FloatVector.broadcast(S, wp[wi + {c}]);" if c == 0 else f"            w0 = FloatVector.broadcast(S, wp[wi + {c}]);")
    o.append("            " + " ".join(f"a{c}{s} = v{s}.fma(w0, a{c}{s});" for s in range(NS)))
o.append("        }")
for c in range(MR):
    st = " ".join(f"a{c}{s}.intoArray(out, c{c} + o{s}, m{s});" for s in range(NS))
    if c == 0:
        o.append("        " + st)
    else:
        o.append(f"        if (nc > {c}) {{ {st} }}")
o.append("    }")
print("\n".join(o))
