package jgrad.examples.bench;

/**
 * What one benchmark run measured: the loss of each step (computed before that step's update) and the
 * wall-clock time of the training loop, excluding building the model.
 */
public record TrainingRun(String engine, double[] losses, long elapsedNanos) {

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }

    /** Training steps per second. */
    public double stepsPerSecond() {
        return losses.length / elapsedSeconds();
    }

    @Override
    public String toString() {
        return String.format("%s: %d steps in %.3f s (%.1f steps/s), loss %.4f -> %.4f", engine, losses.length,
                elapsedSeconds(), stepsPerSecond(), losses.length == 0 ? Double.NaN : losses[0],
                losses.length == 0 ? Double.NaN : losses[losses.length - 1]);
    }
}
