package jgrad.examples.basics;

import jgrad.examples.cli.BadOptionException;
import jgrad.examples.cli.OptionCheck;
import jgrad.examples.report.EpochMetrics;

/**
 * What {@code line} and {@code xor} share around their own model and update: the check of their common
 * options, and which epochs they print and report (the first, every {@code printEvery}-th and the
 * last), each with the samples and the time since the one reported before.
 */
final class FullBatchRun {

    private final int epochs;
    private final int printEvery;
    private final long samplesPerEpoch;
    private int lastReported;
    private long lastReportNanos = System.nanoTime();

    /**
     * @param samplesPerEpoch the samples in the full batch, seen once per epoch
     * @throws BadOptionException if {@code epochs} or {@code printEvery} is below 1 or the learning rate
     *                            is not positive and finite
     */
    FullBatchRun(int epochs, int printEvery, double learningRate, long samplesPerEpoch) {
        checkOptions(epochs, printEvery, learningRate);
        this.epochs = epochs;
        this.printEvery = printEvery;
        this.samplesPerEpoch = samplesPerEpoch;
    }

    /** Checks the options both commands have, before anything runs. */
    static void checkOptions(int epochs, int printEvery, double learningRate) {
        OptionCheck.atLeast("--epochs", epochs, 1);
        OptionCheck.atLeast("--print-every", printEvery, 1);
        OptionCheck.positive("--lr", learningRate);
    }

    /** Whether {@code epoch} is printed and reported. */
    boolean reports(int epoch) {
        return epoch == 1 || epoch % printEvery == 0 || epoch == epochs;
    }

    /**
     * The figures of a reported epoch; its samples and seconds cover every epoch since the previous
     * reported one (for the first, since this run was made).
     */
    EpochMetrics metrics(int epoch, double loss, double accuracy) {
        long now = System.nanoTime();
        int stepsSince = epoch - lastReported;
        lastReported = epoch;
        double seconds = (now - lastReportNanos) / 1e9;
        lastReportNanos = now;
        return new EpochMetrics(epoch, loss, accuracy, samplesPerEpoch * stepsSince, seconds);
    }
}
