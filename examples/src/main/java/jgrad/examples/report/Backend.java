package jgrad.examples.report;

import java.util.Map;
import jgrad.core.ThreadChoice;
import jgrad.core.Threads;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ND4J runs on in this process, and its thread settings.
 *
 * <p>The figures come from {@code Nd4j.getExecutioner().getEnvironmentInformation()} (keys
 * {@code backend}, {@code blas.vendor}, {@code omp.threads}, {@code blas.threads}), from the native
 * build's own description (it names {@code HAVE_ONEDNN} when built with oneDNN) and from the file
 * JavaCPP loaded {@code libnd4jcpu} from, which tells the {@code linux-x86_64-onednn} build from the
 * plain {@code linux-x86_64} one when both jars are on the class path.
 *
 * @param backend      ND4J's back end, e.g. {@code CPU}
 * @param blasVendor   e.g. {@code OPENBLAS}
 * @param oneDnn       whether the loaded native build includes oneDNN
 * @param nativeBuild  the classifier of the native jar that was loaded, e.g. {@code linux-x86_64-onednn}
 * @param ompThreads   OpenMP threads for ND4J's own ops (elementwise, reductions, conv)
 * @param blasThreads  threads of OpenBLAS
 * @param cores        processors that ND4J sees
 * @param javaVersion  the running Java version
 */
public record Backend(String backend, String blasVendor, boolean oneDnn, String nativeBuild,
                      int ompThreads, int blasThreads, int cores, String javaVersion) {

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);

    /** Reads the current state; starts ND4J and jgrad's thread choice if nothing has yet. */
    public static Backend current() {
        Threads.current();
        Map<Object, Object> info = Nd4j.getExecutioner().getEnvironmentInformation();
        String buildInfo = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        String nativeBuild = loadedNativeBuild();
        return new Backend(
                String.valueOf(info.getOrDefault("backend", "unknown")),
                String.valueOf(info.getOrDefault("blas.vendor", "unknown")),
                buildInfo.contains("HAVE_ONEDNN") || nativeBuild.endsWith("onednn"),
                nativeBuild,
                intValue(info.get("omp.threads")),
                intValue(info.get("blas.threads")),
                intValue(info.get("cores")),
                System.getProperty("java.version"));
    }

    /**
     * Sets the OpenMP threads of ND4J's own ops, the OpenBLAS threads and the OpenMP threads that matrix
     * products and convolutions get while they run, through {@link Threads#configure(int, int, int)}.
     * Each may be 0 to keep what jgrad chose at start-up ({@link Threads#current()}).
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public static void setThreads(int ompThreads, int blasThreads, int largeThreads) {
        if (ompThreads < 0 || blasThreads < 0 || largeThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (leave as is) or positive, got ops "
                    + ompThreads + ", BLAS " + blasThreads + " and large kernels " + largeThreads);
        }
        if (ompThreads == 0 && blasThreads == 0 && largeThreads == 0) {
            Threads.current(); // jgrad's own choice stays, with where it came from
            return;
        }
        ThreadChoice now = Threads.current();
        int ops = ompThreads > 0 ? ompThreads : now.ops();
        // Without a count of their own, large kernels take a new ops count, or keep theirs (adaptive or not).
        int large = largeThreads > 0 ? largeThreads : ompThreads > 0 ? ops : now.large();
        Threads.configure(ops, large, blasThreads > 0 ? blasThreads : now.blas());
        if (largeThreads == 0 && ompThreads == 0 && now.adaptive()) {
            Threads.configureAdaptive(ops, large);
        }
        LOG.debug("threads set: ops {}, BLAS {}, large {}; now {}", ompThreads, blasThreads, largeThreads, current());
    }

    /** {@link #setThreads(int, int, int)} without changing the large kernels' count. */
    public static void setThreads(int ompThreads, int blasThreads) {
        setThreads(ompThreads, blasThreads, 0);
    }

    /** The versions and this back end, as the {@code environment} block of every JSON report. */
    public java.util.Map<String, Object> environment() {
        java.util.Map<String, Object> environment = new java.util.LinkedHashMap<>();
        environment.put("java", Versions.java());
        environment.put("nd4j", Versions.nd4j());
        environment.put("jgrad", Versions.jgrad());
        environment.put("backend", backend);
        environment.put("nativeBuild", nativeBuild);
        environment.put("oneDnn", oneDnn);
        environment.put("blasVendor", blasVendor);
        environment.put("ompThreads", ompThreads);
        environment.put("largeKernelThreads", Math.max(Threads.large(), ompThreads));
        environment.put("blasThreads", blasThreads);
        environment.put("productThreads", Threads.products().threads());
        environment.put("cores", cores);
        return environment;
    }

    /** The start-up line of a training command. */
    public String summary() {
        return "ND4J " + Versions.nd4j() + " " + backend + " (" + nativeBuild + ", oneDNN " + (oneDnn ? "on" : "off")
                + "), BLAS " + blasVendor + ", threads: ops " + ompThreads
                + (Threads.large() > ompThreads ? ", matmul/conv " + Threads.large() : "")
                + ", BLAS " + blasThreads
                + " of " + cores + " cores (" + Threads.current().source() + "), matrix products shared by "
                + Threads.products() + ", Java " + javaVersion;
    }

    /** The classifier of the native jar {@code libnd4jcpu} came from, or "unknown". */
    private static String loadedNativeBuild() {
        String path = Loader.getLoadedLibraries().get("nd4jcpu");
        if (path == null) {
            return "unknown";
        }
        // e.g. .../nd4j-native-1.0.0-M2.1-linux-x86_64-onednn.jar/org/nd4j/.../bindings/linux-x86_64-onednn/libnd4jcpu.so
        String[] parts = path.replace('\\', '/').split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "unknown";
    }

    private static int intValue(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? -1 : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
