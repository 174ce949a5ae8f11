package io.colisten.kernels.cuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * The parameter block of a kernel launch from Java values in the kernel's order: a {@code Long} is
 * a device address (or a 64-bit integer), {@code Integer} an int, {@code Float} a float. A null
 * device pointer is passed as address 0.
 */
final class KernelArgs {
    private KernelArgs() {}

    static Pointer of(Object... args) {
        NativePointerObject[] p = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Long l) p[i] = Pointer.to(new long[] {l});
            else if (a instanceof Integer n) p[i] = Pointer.to(new int[] {n});
            else if (a instanceof Float f) p[i] = Pointer.to(new float[] {f});
            else throw new IllegalArgumentException("kernel argument " + i + ": unsupported " + a);
        }
        return Pointer.to(p);
    }
}
