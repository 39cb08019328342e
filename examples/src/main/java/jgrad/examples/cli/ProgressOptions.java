package jgrad.examples.cli;

import java.io.PrintStream;
import jgrad.examples.report.EpochProgress;
import picocli.CommandLine.Option;

/**
 * {@code --progress}, as a picocli mixin, for commands that train in batches and show each epoch's
 * progress (a full-batch example like {@code xor} has nothing to show within an epoch).
 *
 * <pre>{@code
 * @Mixin ProgressOptions progress;
 * ...
 * try (EpochProgress bar = progress.open("epoch " + e + "/" + epochs, trainSize, System.out)) {
 *     ... bar.step(batchSize, loss); ...
 * }
 * }</pre>
 */
public final class ProgressOptions {

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "AUTO",
            description = "How to show progress within an epoch: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
                    + "AUTO draws a bar on a terminal and prints a plain line every 10 s elsewhere, as on CI).")
    EpochProgress.Mode mode;

    /** The chosen mode (AUTO until resolved by {@link EpochProgress#open}). */
    public EpochProgress.Mode mode() {
        return mode;
    }

    /** Starts showing an epoch of {@code samples} samples in the chosen mode; plain lines go to {@code out}. */
    public EpochProgress open(String task, long samples, PrintStream out) {
        return EpochProgress.open(task, samples, out, mode);
    }
}
