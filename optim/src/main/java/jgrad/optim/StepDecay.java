package jgrad.optim;

/**
 * Step decay: the learning rate is multiplied by {@code gamma} every {@code period} epochs (or steps),
 * {@code lr(t) = initial * gamma^floor(t / period)}, as PyTorch's {@code StepLR}.
 */
public final class StepDecay implements LearningRateSchedule {

    private final double initial;
    private final long period;
    private final double gamma;

    /**
     * @param initial the learning rate for t in [0, period)
     * @param period how many epochs (or steps) each rate lasts, &gt; 0
     * @param gamma the factor applied at each decay, in (0, 1]
     */
    public StepDecay(double initial, long period, double gamma) {
        Optimizer.requireNonNegative("StepDecay", "initial learning rate", initial);
        if (period <= 0) {
            throw new IllegalArgumentException("StepDecay: period must be > 0, got " + period);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("StepDecay: gamma must be in (0, 1], got " + gamma);
        }
        this.initial = initial;
        this.period = period;
        this.gamma = gamma;
    }

    @Override
    public double learningRate(long t) {
        LearningRateSchedule.requireStep(t);
        return initial * Math.pow(gamma, t / period);
    }
}
