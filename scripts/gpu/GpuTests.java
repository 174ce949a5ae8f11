import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the GPU test classes (or the classes named as arguments) with the JUnit platform launcher
 * inside the GPU bundle, which has no Maven: one line per test (OK / SKIPPED reason / FAILED
 * message), then the summary; exit 1 if any test failed, 3 if none failed but some skipped (no GPU).
 * Compiled by scripts/gpu-bundle.sh.
 */
public final class GpuTests {
    static final List<String> DEFAULT = List.of(
            "io.colisten.kernels.cuda.CudaProbeTest",
            "io.colisten.kernels.cuda.PtxResourceTest",
            "io.colisten.kernels.cuda.NativeBindingTest",
            "io.colisten.kernels.cuda.CudaContextTest",
            "io.colisten.engine.cuda.CachingAllocatorTest",
            "io.colisten.engine.cuda.CudaBackendOpsTest",
            "io.colisten.engine.CudaStepTest",
            "io.colisten.nn.cuda.CudaNetworkStepTest");

    public static void main(String[] args) {
        List<ClassSelector> selectors = new ArrayList<>();
        for (String c : args.length > 0 ? List.of(args) : DEFAULT) selectors.add(selectClass(c));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener lines = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("SKIPPED " + id.getDisplayName() + " [" + id.getUniqueId() + "]: " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) return;
                String what = id.getUniqueId().replaceAll("\\[engine:junit-jupiter\\]/", "");
                System.out.println(result.getStatus() + " " + what
                        + result.getThrowable().map(t -> ": " + t).orElse(""));
            }
        };
        launcher.execute(request, summary, lines);
        TestExecutionSummary s = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printTo(out);
        s.printFailuresTo(out, 25);
        // 1: a test failed (or none was found); 3: none failed but some were skipped (aborted by an
        // assumption: on the device machine that means no usable GPU, which must not read as a pass).
        if (s.getTotalFailureCount() > 0 || s.getTestsFoundCount() == 0) System.exit(1);
        System.exit(s.getTestsAbortedCount() + s.getContainersAbortedCount() > 0 ? 3 : 0);
    }
}
