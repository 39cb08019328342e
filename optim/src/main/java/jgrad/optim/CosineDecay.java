package jgrad.optim;

/**
 * Cosine decay with optional linear warmup. Over the first {@code warmup} steps the rate climbs linearly
 * to {@code peak}; then it follows half a cosine down to {@code floor} at step {@code total}, and stays
 * there:
 *
 * <pre>
 *   t &lt; warmup:           lr(t) = peak * (t + 1) / warmup
 *   warmup &lt;= t &lt; total:  lr(t) = floor + (peak - floor) * (1 + cos(pi * (t - warmup) / (total - warmup))) / 2
 *   t &gt;= total:           lr(t) = floor
 * </pre>
 *
 * Without warmup this is PyTorch's {@code CosineAnnealingLR} for its first half period.
 */
public final class CosineDecay implements LearningRateSchedule {

    private final double peak;
    private final double floor;
    private final long warmup;
    private final long total;

    /** Cosine decay from {@code peak} to {@code floor} over {@code total} steps, without warmup. */
    public CosineDecay(double peak, double floor, long total) {
        this(peak, floor, 0, total);
    }

    /**
     * @param peak the rate reached at the end of warmup (at step {@code warmup})
     * @param floor the final rate, in [0, peak]
     * @param warmup the number of warmup steps, in [0, total)
     * @param total the step at which the rate reaches {@code floor}
     */
    public CosineDecay(double peak, double floor, long warmup, long total) {
        Optimizer.requireNonNegative("CosineDecay", "peak learning rate", peak);
        if (!(floor >= 0 && floor <= peak)) {
            throw new IllegalArgumentException("CosineDecay: floor must be in [0, peak = " + peak + "], got " + floor);
        }
        if (warmup < 0 || warmup >= total) {
            throw new IllegalArgumentException("CosineDecay: need 0 <= warmup < total, got warmup " + warmup
                    + ", total " + total);
        }
        this.peak = peak;
        this.floor = floor;
        this.warmup = warmup;
        this.total = total;
    }

    @Override
    public double learningRate(long t) {
        LearningRateSchedule.requireStep(t);
        if (t < warmup) {
            return peak * (t + 1) / warmup;
        }
        if (t >= total) {
            return floor;
        }
        double progress = (double) (t - warmup) / (total - warmup);
        return floor + (peak - floor) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
}
