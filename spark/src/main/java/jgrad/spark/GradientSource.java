package jgrad.spark;

/**
 * Where a step's gradient comes from: {@link DistributedGradients} (over an RDD of a Spark context you
 * hold) or {@link SparkRun} (which holds its own context). {@link SyncTrainer} takes either.
 */
public interface GradientSource {

    /**
     * Computes the mean gradient of the loss over {@code batch} (global example indices) and stores it
     * in the driver's parameters; returns the step's loss and time split.
     */
    StepReport compute(long[] batch);
}
