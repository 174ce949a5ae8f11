"""Prints one unrolled tap kernel of ConvTapKernels: python3 gen_tap_kernels.py MR NS [add|addfull|late].
MR channels x NS slots; 'add' makes the backward variant (accumulators start from the output),
otherwise they start from the bias. 'addfull' (WinogradTapKernels) is 'add' for slots that are all
full vectors inside the arrays: plain loads and stores, no masks (a masked load at the array's end
takes a second code path whose phi, once profiled, made C2 fail the store intrinsic and box every
accumulator: 50x slower). MR == 1 drops the channel count and stride parameters.
Two methods rather than one with a flag: C2 merging the two starts through phis failed to
eliminate the vector boxes in some runs (gigabytes per second of allocation)."""
import sys
MR, NS = int(sys.argv[1]), int(sys.argv[2])
FULL = len(sys.argv) > 3 and sys.argv[3] == "addfull"
# 'late': the forward with its store masks made after the loop (WinogradTapKernels.taps8x3, the
# inference paths' own copy): ResNet layer1's Winograd product ran 27 or 50 ms per batch depending on
# the JVM with the masks made before it (live across the loop: C2 sometimes kept them in vector
# registers and spilled accumulators), 27 in 8 of 8 JVMs with them after; SmallCNN's training convs
# went the other way (150 -> 120 GF/s), so training keeps ConvTapKernels.taps8x3.
LATE = len(sys.argv) > 3 and sys.argv[3] == "late"
ADD = len(sys.argv) > 3 and sys.argv[3] in ("add", "addfull")
name = f"taps{MR}x{NS}" + ("AddFull" if FULL else "Add" if ADD else "")
one = MR == 1
o = []
params = "float[] out, int ob, " + ("" if one else "int cs, int nc, ") + "int[] so, int[] sn, int[] sq, int i, int q, " \
    + ("" if ADD else "float[] bias, int bo, ") + "float[] src, int[] toff, int ts, int nt, float[] wp, int w"
init = "the existing output (backward adds)" if ADD else "bias[bo + c] (0 without bias)"
if FULL:
    init = "the existing output, every slot a full vector (sn unused)"
o.append(f"""    /**
     * {MR} channel{'' if one else 's'} x {NS} slots, accumulators starting from {init}: for channel c{'' if one else ' < nc'} (at
     * out[ob + c * cs]) and slot s (table index i + s: output offset so, valid lanes sn, 0 = empty;
     * source offset q + sq): out += sum over t in [ts, ts + nt) of wp[w + (t - ts) * {MR} + c] * src[q + sq + toff[t] + lane].
     */
    static void {name}({params.replace("float[] src", chr(10) + " " * (len(name) + 17) + "float[] src")}) {{""")
for s in range(NS):
    o.append(f"        int o{s} = so[i + {s}], q{s} = q + sq[i + {s}];")
    if not FULL and not LATE:
        o.append(f"        VectorMask<Float> m{s} = S.indexInRange(0, sn[i + {s}]);")
o.append("        int c0 = ob;")
for c in range(1, MR):
    o.append(f"        int c{c} = nc > {c} ? ob + {c} * cs : ob;")
decl = ", ".join(f"a{c}{s}" for c in range(MR) for s in range(NS))
o.append(f"        FloatVector {decl};")
for c in range(MR):
    if ADD:
        mask = "" if FULL else f", m{{s}}"
        o.append("        " + " ".join(f"a{c}{s} = FloatVector.fromArray(S, out, c{c} + o{s}{mask.format(s=s)});" for s in range(NS)))
    else:
        rest = "".join(f" a{c}{s} = a{c}0;" for s in range(1, NS))
        cond = "bias == null" if one else f"bias == null || nc <= {c}"
        o.append(f"        a{c}0 = FloatVector.broadcast(S, {cond} ? 0f : bias[bo + {c}]);{rest}")
o.append(f"        for (int t = ts, te = ts + nt, wi = w; t < te; t++, wi += {MR}) {{")
o.append("            int off = toff[t];")
for s in range(NS):
    o.append(f"            FloatVector v{s} = FloatVector.fromArray(S, src, q{s} + off);")
for c in range(MR):
    o.append(("            FloatVector b = " if c == 0 else "            b = ") + f"FloatVector.broadcast(S, wp[wi + {c}]);")
    o.append("            " + " ".join(f"a{c}{s} = v{s}.fma(b, a{c}{s});" for s in range(NS)))
o.append("        }")
if LATE:
    for s in range(NS):
        o.append(f"        VectorMask<Float> m{s} = S.indexInRange(0, sn[i + {s}]);")
for c in range(MR):
    st = " ".join(f"a{c}{s}.intoArray(out, c{c} + o{s}" + ("" if FULL else f", m{s}") + ");" for s in range(NS))
    o.append("        " + st if c == 0 else f"        if (nc > {c}) {{ {st} }}")
o.append("    }")
print("\n".join(o).replace("wp[wi + 0]", "wp[wi]").replace("wi += 1)", "wi++)").replace(" + 0], q", "], q").replace("[i + 0]", "[i]"))
