package jgrad.spark;

/**
 * One distributed step, as the driver saw it.
 *
 * @param loss the mean loss over the global batch
 * @param examples the global batch size
 * @param jobNanos the Spark job's wall time, from broadcasting the parameters to holding every task's sums
 * @param slowestTaskNanos the compute time of the slowest task (a step waits for it)
 * @param driverNanos the driver's reduction of the sums into the gradients
 */
public record StepReport(double loss, int examples, long jobNanos, long slowestTaskNanos, long driverNanos) {

    /** Time the step spent computing: the slowest task. */
    public double computeMillis() {
        return slowestTaskNanos / 1e6;
    }

    /**
     * Time Spark added on top of the computing: serializing and broadcasting the parameters, scheduling
     * and launching the tasks, sending back and deserializing their sums.
     */
    public double sparkOverheadMillis() {
        return Math.max(0, jobNanos - slowestTaskNanos) / 1e6;
    }

    /** Time the driver spent reducing the sums into gradients. */
    public double driverMillis() {
        return driverNanos / 1e6;
    }
}
