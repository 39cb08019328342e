package jgrad.examples.cli;

import java.io.PrintWriter;
import jgrad.examples.report.Backend;
import picocli.CommandLine.Option;

/**
 * The thread options of every command that computes (training, evaluation, tagging and benchmarks), as a
 * picocli mixin, and their application: the counts are checked, set, then the start-up line is printed.
 *
 * <p>Each count given must be 1 to {@link #maxThreads()}: {@value #MAX_PER_CORE} times the cores the JVM
 * sees. More OpenMP threads than cores only take turns on them; a few times as many still allows an
 * experiment with oversubscription (or a container that reports fewer cores than it may use), while
 * {@code --threads 1000} would start a thousand native threads and stall the machine.
 */
public final class ThreadOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "OpenMP threads for ND4J's own ops (elementwise, reductions). "
                    + "Default: jgrad's own choice, 1 unless -Djgrad.threads, JGRAD_THREADS or OMP_NUM_THREADS says otherwise.")
    Integer threads;

    @Option(names = "--blas-threads", paramLabel = "N",
            description = "Threads of OpenBLAS (the optimizers' vector updates). "
                    + "Default: jgrad's own choice, 1 unless -Djgrad.blasThreads or JGRAD_BLAS_THREADS says otherwise.")
    Integer blasThreads;

    @Option(names = "--large-threads", paramLabel = "N",
            description = "OpenMP threads for matrix products and convolutions while they run (the other ops keep "
                    + "--threads). Default: jgrad's own choice, the same as --threads unless -Djgrad.largeThreads or "
                    + "JGRAD_LARGE_THREADS says otherwise.")
    Integer largeThreads;

    /** The most threads of each kind, per core the JVM sees (the library's own limit). */
    public static final int MAX_PER_CORE = jgrad.core.ThreadChoice.MAX_THREADS_PER_CORE;

    /**
     * Sets the thread counts, with the command's own default for {@code --large-threads} (0: the same as
     * the ops) when none was given, prints the start-up line and returns what it describes.
     */
    public Backend apply(PrintWriter out, int defaultLargeThreads) {
        Backend backend = configure(defaultLargeThreads);
        out.println(backend.summary());
        return backend;
    }

    /** The largest count each option accepts: {@value #MAX_PER_CORE} times the cores. */
    public static int maxThreads() {
        return MAX_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    /**
     * Throws a {@link BadOptionException} if a count given is out of range; commands call it before
     * their other work, {@link #apply} calls it again.
     */
    public void check() {
        check("--threads", threads);
        check("--blas-threads", blasThreads);
        check("--large-threads", largeThreads);
    }

    private static void check(String option, Integer count) {
        if (count != null) {
            int cores = Runtime.getRuntime().availableProcessors();
            OptionCheck.inRange(option, count, 1, maxThreads(),
                    MAX_PER_CORE + " times the " + cores + " core" + (cores == 1 ? "" : "s") + " Java sees");
        }
    }

    /** Checks and sets the thread counts without printing; returns what they now are. */
    public Backend configure(int defaultLargeThreads) {
        check();
        Backend.setThreads(threads != null ? threads : 0, blasThreads != null ? blasThreads : 0,
                largeThreads != null ? largeThreads : defaultLargeThreads);
        return Backend.current();
    }
}
