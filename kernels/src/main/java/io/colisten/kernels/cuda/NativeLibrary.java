package io.colisten.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * A shared library called through java.lang.foreign downcall handles, opened on first use (never at
 * class load). When it cannot be opened, every request for a function throws
 * {@link CudaUnavailableException} naming the library and what it is for.
 */
final class NativeLibrary {
    private final String role;
    private final String[] names;
    private SymbolLookup lookup;
    private String opened;
    private String failure;

    /** {@code role}: what it is (cuBLAS); {@code names}: file names tried in order (libcublas.so.13). */
    NativeLibrary(String role, String... names) {
        this.role = role;
        this.names = names;
    }

    /** The file name that opened, or null before / when none did. */
    synchronized String opened() {
        return opened;
    }

    private synchronized SymbolLookup lookup() {
        if (lookup != null) return lookup;
        if (failure == null) {
            for (String n : names) {
                try {
                    lookup = SymbolLookup.libraryLookup(n, Arena.global());
                    opened = n;
                    return lookup;
                } catch (IllegalArgumentException e) {
                    // try the next name
                }
            }
            failure = role + " is not available: " + String.join(" / ", names)
                    + " not found by the dynamic linker (install it or add its folder to LD_LIBRARY_PATH)";
        }
        throw new CudaUnavailableException(failure);
    }

    /** Opens the library now; throws {@link CudaUnavailableException} naming it when it cannot. */
    void require() {
        lookup();
    }

    /** A downcall handle for the first of {@code symbols} the library exports. */
    MethodHandle function(FunctionDescriptor descriptor, String... symbols) {
        SymbolLookup l = lookup();
        for (String s : symbols) {
            var address = l.find(s);
            if (address.isPresent()) return Linker.nativeLinker().downcallHandle(address.get(), descriptor);
        }
        throw new CudaUnavailableException(role + ": " + opened + " exports none of " + String.join(", ", symbols));
    }
}
