package io.colisten.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The committed PTX holds every kernel the backend launches, for sm_90, and nothing unexpected. */
class PtxResourceTest {
    private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry (\\w+)\\(", Pattern.MULTILINE);

    @Test
    void everyKernelIsAnEntryOfTheCommittedPtx() {
        Set<String> entries = new HashSet<>();
        for (String m : PtxKernels.MODULES) {
            byte[] ptx = PtxKernels.resource(m);
            assertEquals(0, ptx[ptx.length - 1], m + ".ptx must be NUL-terminated for cuModuleLoadData");
            String text = new String(ptx, 0, ptx.length - 1, StandardCharsets.US_ASCII);
            assertTrue(text.contains(".target sm_90"), m + ".ptx: built for sm_90 (compute_90)");
            Matcher e = ENTRY.matcher(text);
            while (e.find()) assertTrue(entries.add(e.group(1)), "kernel " + e.group(1) + " defined twice");
        }
        for (String k : PtxKernels.KERNELS) assertTrue(entries.contains(k), "kernel " + k + " missing from the PTX");
        assertEquals(new HashSet<>(PtxKernels.KERNELS), entries, "PTX entries not listed in PtxKernels.KERNELS");
    }

    @Test
    void launchArgumentsAreCheckedAgainstThePtxSignature() {
        assertEquals("LLII", PtxKernels.signatures().get("ew_add_row_bias"));
        assertEquals("LLLLLFFFFFFFF", PtxKernels.signatures().get("adam_step"));
        assertEquals(new HashSet<>(PtxKernels.KERNELS), PtxKernels.signatures().keySet());
        PtxKernels.checkArgs("ew_add_row_bias", new Object[] {1L, 2L, 3, 4});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PtxKernels.checkArgs("ew_add_row_bias", new Object[] {1L, 2L, 3L, 4}));
        assertTrue(e.getMessage().contains("argument 2 must be an int, got Long 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PtxKernels.checkArgs("ew_scale", new Object[] {1L, 2L, 3L}));
        assertTrue(e.getMessage().contains("takes 4 arguments"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PtxKernels.checkArgs("ew_scale", new Object[] {1L, 2L, 0.5, 3L}));
        assertTrue(e.getMessage().contains("argument 2 must be a float, got Double"), e.getMessage());
    }
}
