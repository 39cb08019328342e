package jgrad.examples.report;

/**
 * What one epoch of training measured. The evaluation figures are on the split its
 * {@link TrainingReport} names ({@link TrainingReport#evaluatedOn()}: test, dev, or train itself).
 *
 * @param epoch     1-based epoch number
 * @param trainLoss the mean training loss over the epoch (or the loss at its end, for full-batch runs)
 * @param evalLoss  the mean loss on the evaluation split after the epoch, or {@code NaN} when not measured
 * @param accuracy  the fraction of correct predictions on the evaluation split in [0, 1], or {@code NaN}
 *                  when the task has none
 * @param samples   the training samples seen since the previous record: one epoch's worth when every
 *                  epoch is recorded, more when a command records only every N epochs
 * @param seconds   the wall-clock time those samples took
 */
public record EpochMetrics(int epoch, double trainLoss, double evalLoss, double accuracy, long samples, double seconds) {

    /** Metrics without an evaluation loss: the training loss and an accuracy (NaN for none). */
    public EpochMetrics(int epoch, double trainLoss, double accuracy, long samples, double seconds) {
        this(epoch, trainLoss, Double.NaN, accuracy, samples, seconds);
    }

    /** Metrics of a task without an accuracy (regression). */
    public static EpochMetrics withoutAccuracy(int epoch, double trainLoss, long samples, double seconds) {
        return new EpochMetrics(epoch, trainLoss, Double.NaN, Double.NaN, samples, seconds);
    }

    /** Whether an accuracy was measured. */
    public boolean hasAccuracy() {
        return !Double.isNaN(accuracy);
    }

    /** Whether a loss on the evaluation split was measured. */
    public boolean hasEvalLoss() {
        return !Double.isNaN(evalLoss);
    }

    /** Training throughput; 0 when no time was measured. */
    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : 0;
    }
}
