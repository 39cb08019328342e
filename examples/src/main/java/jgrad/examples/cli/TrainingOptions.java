package jgrad.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import jgrad.examples.report.Backend;
import jgrad.examples.report.CurvePlot;
import jgrad.examples.report.TrainingReport;
import picocli.CommandLine.Option;

/**
 * The options every training command shares, as a picocli mixin, and the start and end that go with
 * them: applying the thread settings and printing the start-up line; writing the report and the plot.
 * Commands that train in batches add {@link ProgressOptions} for the per-epoch progress display.
 *
 * <pre>{@code
 * @Mixin TrainingOptions training;
 * ...
 * Backend backend = training.start(out);
 * TrainingReport report = new TrainingReport("xor", configuration);
 * ... train, report.add(metrics) per epoch ...
 * training.finish(report, backend, out);
 * }</pre>
 * or, when nothing else happens between them, in one call:
 * {@code training.run("xor", configuration, out, report -> train(out, report))}.
 *
 * <p>Why the defaults are one thread for ND4J's ops and every core for BLAS: measured on the 2-core
 * development machine (other builds running, best of five), an MLP training step (batch 128,
 * 784-256-10, cross-entropy, backward) took 1.1 ms with ops 1 / BLAS 2, 2.0 ms with 1 / 1 and 10.8 ms
 * with 2 / 2; an elementwise add and multiply of 64 x 64 took 17 us with one OpenMP thread and 220 us
 * with two. OpenMP's waiting threads also slow BLAS down when they compete for the same two cores.
 */
public final class TrainingOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for ND4J's own ops (elementwise, reductions, convolution). "
                    + "Default: OMP_NUM_THREADS, which the jgrad launcher sets to 1 unless you did.")
    int threads;

    @Option(names = "--blas-threads", paramLabel = "N",
            description = "Threads for BLAS (matrix products). Default: all cores.")
    int blasThreads;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of the run to FILE.")
    Path report;

    @Option(names = "--plot", paramLabel = "FILE", description = "Write a PNG of the loss (and accuracy) per epoch to FILE.")
    Path plot;

    /** Applies the thread settings, prints the start-up line and returns what it describes. */
    public Backend start(PrintStream out) {
        Backend.setThreads(threads, blasThreads > 0 ? blasThreads : defaultBlasThreads());
        Backend backend = Backend.current();
        out.println(backend.summary());
        return backend;
    }

    /**
     * A whole run: {@link #start}, then {@code train} with a fresh report of {@code command} and its
     * {@code configuration}, then {@link #finish}.
     */
    public void run(String command, Map<String, ?> configuration, PrintStream out, Consumer<TrainingReport> train) {
        Backend backend = start(out);
        TrainingReport trainingReport = new TrainingReport(command, configuration);
        train.accept(trainingReport);
        finish(trainingReport, backend, out);
    }

    /** Writes the report and the plot if they were asked for, and says where. */
    public void finish(TrainingReport trainingReport, Backend backend, PrintStream out) {
        if (report != null) {
            trainingReport.write(report, backend);
            out.println("report written to " + report);
        }
        if (plot != null) {
            CurvePlot.write(plot, trainingReport.command(), trainingReport.epochs());
            out.println("plot written to " + plot);
        }
    }

    /**
     * BLAS threads when none were asked for: every core. The launcher's OMP_NUM_THREADS=1 also reaches
     * OpenBLAS, whose matrix products do gain from the second core, so it is raised back here.
     */
    private static int defaultBlasThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
