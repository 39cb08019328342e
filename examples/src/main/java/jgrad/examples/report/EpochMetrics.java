package jgrad.examples.report;

/**
 * What one epoch of training measured.
 *
 * @param epoch    1-based epoch number
 * @param loss     the mean training loss over the epoch (or the loss at its end, for full-batch runs)
 * @param accuracy the fraction of correct predictions in [0, 1], or {@code NaN} when the task has none
 * @param samples  the training samples seen since the previous record: one epoch's worth when every
 *                 epoch is recorded, more when a command records only every N epochs
 * @param seconds  the wall-clock time those samples took
 */
public record EpochMetrics(int epoch, double loss, double accuracy, long samples, double seconds) {

    /** Metrics of a task without an accuracy (regression). */
    public static EpochMetrics withoutAccuracy(int epoch, double loss, long samples, double seconds) {
        return new EpochMetrics(epoch, loss, Double.NaN, samples, seconds);
    }

    /** Whether an accuracy was measured. */
    public boolean hasAccuracy() {
        return !Double.isNaN(accuracy);
    }

    /** Training throughput; 0 when no time was measured. */
    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : 0;
    }
}
