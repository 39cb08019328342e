package jgrad.layers;

import jgrad.core.DataParallel;
import jgrad.core.ReplicaChoice;

/**
 * Data-parallel training of a layer with no arithmetic by hand: the replicas are the model's own
 * {@link Layer#replica}s, and their number is chosen from what the model computes. Each step's batch is
 * cut into contiguous shares, one per replica, computed on their own threads and tapes and summed into
 * the model's gradients ({@link DataParallel}): the single tape's gradients to float rounding.
 *
 * <pre>{@code
 * try (Replicas<Sequential> parallel = Replicas.of(model)) {
 *     for (DataLoader.Batch batch : batches.epoch(epoch)) {
 *         double loss = parallel.gradients(rows, (replica, from, to) -> lossOf(replica, from, to));
 *         sgd.step();
 *         sgd.zeroGrad();
 *     }
 * }
 * }</pre>
 *
 * <p><b>The count.</b> {@link #of(Layer)} runs the first step on the model alone, on one tape, which
 * counts the multiply-adds of the products and convolutions it records ({@link jgrad.core.Tape#multiplyAdds()});
 * divided by the step's rows that is the model's cost per row, and {@link ReplicaChoice#forBatch} gives
 * the count of every following step from it, the first batch's rows and the model's parameters (one per
 * core when every kernel runs on one thread, if each share is heavy enough to pay for its gradient sum).
 * {@code -Djgrad.replicas} or {@code JGRAD_REPLICAS} set the count from the first step on, and so does
 * {@link #of(Layer, int)}. The replicas are built when the count is known (at the end of the first step
 * for the default choice), so a layer of one's own without {@link Layer#newReplica} fails then, naming
 * its class, and only if more than one replica was chosen.
 *
 * <p><b>Modes.</b> Each step the replicas take the model's training or evaluation mode, layer by layer.
 * Their dropout masks come from their own generators ({@link Replication#seed}), so a model with dropout
 * trains the same for the same count only.
 *
 * @param <M> the model's class; its replicas are of the same class
 */
public final class Replicas<M extends Layer> implements AutoCloseable {

    /** The count for the steps after the first, from the first step's measure (for tests: any rule of choice). */
    @FunctionalInterface
    interface Choice {
        ReplicaChoice choose(long batchRows, long multiplyAddsPerRow, long parameters);
    }

    /** The source of {@link #choice()} before the first step has measured the model. */
    public static final String MEASURING = "measuring (the first step runs on one replica)";

    private final M model;
    /** Chooses the count after the first step; null when it was fixed from the start. */
    private final Choice rule;
    private DataParallel<M> parallel;
    private ReplicaChoice choice;
    private long multiplyAddsPerRow;
    private boolean measured;

    /** Replicas of {@code model}, their count chosen after the first step (or by {@code -Djgrad.replicas}, {@code JGRAD_REPLICAS}). */
    public static <M extends Layer> Replicas<M> of(M model) {
        return new Replicas<>(model, ReplicaChoice.overridden(), ReplicaChoice::forBatch);
    }

    /** {@code count} replicas of {@code model} (the model itself and count - 1 {@link Layer#replica}s), for every step. */
    public static <M extends Layer> Replicas<M> of(M model, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Replicas.of: the count of replicas must be at least 1, got " + count);
        }
        return new Replicas<>(model, new ReplicaChoice(count, "Replicas.of(model, " + count + ")"), null);
    }

    /**
     * @param fixed the count of every step, or null to choose it by {@code rule} after the first step
     */
    Replicas(M model, ReplicaChoice fixed, Choice rule) {
        if (model == null) {
            throw new IllegalArgumentException("Replicas.of: the model is null");
        }
        this.model = model;
        this.rule = fixed == null ? rule : null;
        this.choice = fixed != null ? fixed : new ReplicaChoice(1, MEASURING);
        this.parallel = build(choice.count());
    }

    private DataParallel<M> build(int count) {
        return new DataParallel<>(model, Layer::parameters, count, k -> {
            @SuppressWarnings("unchecked") // Layer.replica checked that the replica is of the model's class
            M copy = (M) model.replica(k);
            return copy;
        });
    }

    /**
     * Computes the gradient of the mean loss over a batch of {@code batchRows} rows and adds it into the
     * model's parameters, as {@link DataParallel#gradients} does (call the optimizer's {@code zeroGrad}
     * after its step); {@code loss} gives the mean loss of rows [from, to) computed with the replica it
     * is given. After the first step, the count of the following ones is chosen (unless it was set).
     *
     * @return the batch's mean loss
     * @throws UnsupportedOperationException at the end of the first step, if more than one replica was
     *     chosen and a layer of the model does not implement {@link Layer#newReplica} (its class named)
     */
    public double gradients(int batchRows, DataParallel.ShareLoss<M> loss) {
        for (int k = 1; k < parallel.replicas(); k++) {
            parallel.replica(k).followModes(model);
        }
        double mean = parallel.gradients(batchRows, loss);
        if (!measured) {
            measured = true;
            multiplyAddsPerRow = parallel.lastStepMultiplyAdds() / batchRows;
            if (rule != null) {
                ReplicaChoice chosen = rule.choose(batchRows, multiplyAddsPerRow, model.parameterCount());
                if (chosen.count() > 1) {
                    DataParallel<M> single = parallel;
                    parallel = build(chosen.count());
                    single.close();
                }
                choice = chosen;
            }
        }
        return mean;
    }

    /** The model: replica 0, whose parameters the optimizer updates. */
    public M model() {
        return model;
    }

    /** The replicas of the next step: the model and {@code count() - 1} copies. */
    public int count() {
        return parallel.replicas();
    }

    /**
     * How {@link #count()} was chosen: by {@code Replicas.of(model, n)}, {@code -Djgrad.replicas},
     * {@code JGRAD_REPLICAS}, or {@code default} (by {@link ReplicaChoice#forBatch} after the first step;
     * before it, 1 from {@value #MEASURING}).
     */
    public ReplicaChoice choice() {
        return choice;
    }

    /**
     * Whether the count is still to be chosen from the first step's measure: true before the first step
     * of a default choice (its {@link #choice()} then says {@value #MEASURING}), false once it ran or when
     * the count was set.
     */
    public boolean measuring() {
        return rule != null && !measured;
    }

    /** The multiply-adds per row that the first step measured (0 before it): see {@link jgrad.core.Tape#multiplyAdds()}. */
    public long multiplyAddsPerRow() {
        return multiplyAddsPerRow;
    }

    /** Stops the replicas' threads. */
    @Override
    public void close() {
        parallel.close();
    }
}
