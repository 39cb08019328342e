package jgrad.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import jgrad.examples.report.Backend;
import jgrad.examples.report.CurvePlot;
import jgrad.examples.report.TrainingReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every training command shares, as a picocli mixin, and the start and end that go with
 * them: applying the thread settings and printing the start-up line; writing the report and the plot.
 * Commands that train in batches add {@link ProgressOptions} for the per-epoch progress display. They
 * print through one {@link PrintWriter}: picocli's, or one over the command's {@code PrintStream}
 * ({@code new PrintWriter(out, true)}).
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
 * {@code training.run(new TrainingReport("xor", configuration), out, report -> train(out, report))}.
 *
 * <p>The thread options default to the library's own choice ({@link jgrad.core.ThreadChoice}: one
 * thread for everything unless a property or variable says otherwise): on the 2-core development machine
 * an elementwise add and multiply of 64 x 64 took 17 us with one OpenMP thread and 220 us with two, and
 * OpenMP's waiting threads slow everything down when another process holds the other core. Matrix
 * products and convolutions can have their own count ({@code --large-threads}, see
 * {@link jgrad.core.Threads}).
 */
public final class TrainingOptions {

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report of the run to FILE.")
    Path report;

    @Option(names = "--plot", paramLabel = "FILE", description = "Write a PNG of the loss (and accuracy) per epoch to FILE.")
    Path plot;

    /** Throws a {@link BadOptionException} if a thread count is out of range. */
    public void checkOptions() {
        threads.check();
    }

    /**
     * Checks that the {@code --report} and {@code --plot} files, if asked for, can be written, before the
     * run that ends by writing them.
     *
     * @throws IOException naming the option and the file, what failed and why
     */
    public void checkOutputs() throws IOException {
        if (report != null) {
            OutputCheck.writable("--report", report);
        }
        if (plot != null) {
            OutputCheck.writable("--plot", plot);
        }
    }

    /** Applies the thread settings, prints the start-up line and returns what it describes. */
    public Backend start(PrintWriter out) {
        return start(out, 0);
    }

    /**
     * Like {@link #start(PrintWriter)}, with the command's own default for {@code --large-threads} (0: the
     * same as the ops), used when the user gave none.
     */
    public Backend start(PrintWriter out, int defaultLargeThreads) {
        return threads.apply(out, defaultLargeThreads);
    }

    /** A whole run: checks the options and outputs, {@link #start}, then {@code train} filling the fresh {@code report}, then {@link #finish}. */
    public void run(TrainingReport report, PrintWriter out, Consumer<TrainingReport> train) {
        checkOptions();
        try {
            checkOutputs();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        Backend backend = start(out);
        train.accept(report);
        finish(report, backend, out);
    }

    /** Writes the report and the plot if they were asked for, and says where. */
    public void finish(TrainingReport trainingReport, Backend backend, PrintWriter out) {
        if (report != null) {
            trainingReport.write(report, backend);
            out.println("report written to " + report);
        }
        if (plot != null) {
            CurvePlot.write(plot, trainingReport);
            out.println("plot written to " + plot);
        }
        out.flush();
    }
}
