package jgrad.examples.basics;

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
     * @param command         the command's name, for the message
     * @param samplesPerEpoch the samples in the full batch, seen once per epoch
     * @throws IllegalArgumentException if {@code epochs} or {@code printEvery} is below 1 or the
     *                                  learning rate is not positive
     */
    FullBatchRun(String command, int epochs, int printEvery, double learningRate, long samplesPerEpoch) {
        if (epochs < 1 || printEvery < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException(command + ": --epochs and --print-every must be at least 1 and --lr positive, got "
                    + epochs + ", " + printEvery + " and " + learningRate);
        }
        this.epochs = epochs;
        this.printEvery = printEvery;
        this.samplesPerEpoch = samplesPerEpoch;
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
