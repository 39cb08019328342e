package jgrad.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import jgrad.examples.report.Backend;
import picocli.CommandLine.Option;

/**
 * The thread options of every command that computes (training and benchmarks), as a picocli mixin, and
 * their application: the thread counts are set, then the start-up line is printed.
 */
public final class ThreadOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "OpenMP threads for ND4J's own ops (elementwise, reductions). "
                    + "Default: jgrad's own choice, 1 unless -Djgrad.threads, JGRAD_THREADS or OMP_NUM_THREADS says otherwise.")
    int threads;

    @Option(names = "--blas-threads", paramLabel = "N",
            description = "Threads of OpenBLAS (the optimizers' vector updates). "
                    + "Default: jgrad's own choice, 1 unless -Djgrad.blasThreads or JGRAD_BLAS_THREADS says otherwise.")
    int blasThreads;

    @Option(names = "--large-threads", paramLabel = "N",
            description = "OpenMP threads for matrix products and convolutions while they run (the other ops keep "
                    + "--threads). Default: jgrad's own choice, the same as --threads unless -Djgrad.largeThreads or "
                    + "JGRAD_LARGE_THREADS says otherwise.")
    int largeThreads;

    /**
     * Sets the thread counts, with the command's own default for {@code --large-threads} (0: the same as
     * the ops) when none was given, prints the start-up line and returns what it describes.
     */
    public Backend apply(PrintStream out, int defaultLargeThreads) {
        Backend backend = configure(defaultLargeThreads);
        out.println(backend.summary());
        return backend;
    }

    /** As {@link #apply(PrintStream, int)}, for commands that print through picocli's writer. */
    public Backend apply(PrintWriter out, int defaultLargeThreads) {
        Backend backend = configure(defaultLargeThreads);
        out.println(backend.summary());
        return backend;
    }

    private Backend configure(int defaultLargeThreads) {
        Backend.setThreads(threads, blasThreads, largeThreads > 0 ? largeThreads : defaultLargeThreads);
        return Backend.current();
    }
}
