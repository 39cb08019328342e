package jgrad.optim;

/**
 * A learning rate as a function of the epoch or step number (counted from 0), which
 * {@link #apply(Optimizer, long)} sets on an optimizer. A schedule holds no state: resuming training at
 * step t only needs t.
 */
public interface LearningRateSchedule {

    /** The learning rate for epoch or step {@code t} (t &gt;= 0). */
    double learningRate(long t);

    /** Sets the optimizer's learning rate for epoch or step {@code t}; call it before that step. */
    default void apply(Optimizer optimizer, long t) {
        optimizer.setLearningRate(learningRate(t));
    }

    static void requireStep(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("learning rate schedule: step must be >= 0, got " + t);
        }
    }
}
