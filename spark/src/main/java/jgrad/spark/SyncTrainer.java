package jgrad.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.optim.Checkpoint;
import jgrad.optim.GradientClipping;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synchronous data-parallel training: each step, Spark's tasks compute the gradient of the global batch
 * ({@link DistributedGradients} or {@link SparkRun}) and the one optimizer, on the driver, takes the step that the
 * single-machine trainer would take, with the learning rate from its schedule and the gradients clipped
 * by global norm if asked. Optimizer state (momentum, Adam's moments and step counts) exists once, on the
 * driver, so any jgrad optimizer works unchanged.
 *
 * <p>Why not parameter averaging (each worker steps its own optimizer on its shard, and the parameters
 * are averaged every few steps, as DL4J's Spark training did by default): it equals single-machine
 * training only for plain SGD, averaging after every step, with equal shards; with momentum it differs
 * unless the momentum buffers are averaged too, and with Adam it differs even then, because Adam's step is
 * not linear in the gradient (the mean of the workers' {@code m / sqrt(v)} is not the {@code m / sqrt(v)}
 * of the mean gradient). One reduction of gradient sums per step costs the same traffic as averaging every
 * step, and gives the single machine's result.
 *
 * <p>Checkpoints: with {@link #checkpointEvery}, the driver saves the parameters, the optimizer's state
 * and the number of steps done every N steps (atomically, see {@link Checkpoint}); {@link #resume}
 * restores them, and the following steps give what an uninterrupted run gives.
 */
public final class SyncTrainer {

    /** Where the number of steps done is kept in a checkpoint. */
    static final String STEPS_KEY = "spark/steps_done";

    private final GradientSource gradients;
    private final Optimizer optimizer;
    private final Map<String, Parameter> named;
    private LearningRateSchedule schedule;
    private double maxGradNorm;
    private int checkpointEvery;
    private Path checkpointFile;
    /** Steps done, as a float64 scalar so that it travels in the checkpoint. */
    private final INDArray stepsDone = Nd4j.scalar(DataType.DOUBLE, 0.0);

    /**
     * @param named the driver's parameters by name, as given to {@code gradients}
     * @param optimizer built over (some of) those parameters
     */
    public SyncTrainer(GradientSource gradients, Map<String, Parameter> named, Optimizer optimizer) {
        IdentityHashMap<Parameter, String> known = new IdentityHashMap<>();
        named.forEach((n, p) -> known.put(p, n));
        for (Parameter p : optimizer.parameters()) {
            if (!known.containsKey(p)) {
                throw new IllegalArgumentException("SyncTrainer: the optimizer updates a parameter that is not "
                        + "among the model's " + named.keySet());
            }
        }
        this.gradients = gradients;
        this.named = named;
        this.optimizer = optimizer;
    }

    /** Sets the learning rate before every step from {@code schedule}, by step number from 0. */
    public SyncTrainer schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /** Clips the gradients to a global L2 norm of at most {@code maxNorm} before each step. */
    public SyncTrainer clipByGlobalNorm(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("SyncTrainer: maxNorm must be finite and > 0, got " + maxNorm);
        }
        this.maxGradNorm = maxNorm;
        return this;
    }

    /** Saves a checkpoint to {@code file} after every {@code n} steps. */
    public SyncTrainer checkpointEvery(int n, Path file) {
        if (n < 1 || file == null) {
            throw new IllegalArgumentException("SyncTrainer: checkpointEvery needs n >= 1 and a file, got " + n
                    + " and " + file);
        }
        this.checkpointEvery = n;
        this.checkpointFile = file;
        return this;
    }

    /** The number of steps done (restored ones included). */
    public long stepsDone() {
        return (long) stepsDone.getDouble(0);
    }

    /**
     * One step over the global batch {@code batch} (example indices, see {@link DistributedGradients}):
     * gradients on the cluster, then schedule, clipping and the optimizer's update on the driver.
     *
     * @throws IllegalStateException if the loss is not finite (nothing is updated then)
     */
    public StepReport step(long[] batch) throws IOException {
        long step = stepsDone();
        if (schedule != null) {
            optimizer.setLearningRate(schedule.learningRate(step));
        }
        StepReport report;
        try {
            report = gradients.compute(batch);
            if (!Double.isFinite(report.loss())) {
                throw new IllegalStateException("SyncTrainer: the loss became " + report.loss() + " at step " + step
                        + " (learning rate " + optimizer.learningRate() + ")");
            }
            if (maxGradNorm > 0) {
                GradientClipping.clipByGlobalNorm(optimizer.parameters(), maxGradNorm);
            }
            optimizer.step();
        } finally {
            optimizer.zeroGrad();
        }
        stepsDone.assign(step + 1);
        if (checkpointEvery > 0 && (step + 1) % checkpointEvery == 0) {
            save(checkpointFile);
        }
        return report;
    }

    /** Saves the parameters, the optimizer's state and the steps done, replacing {@code file} atomically. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Checkpoint.save(file, named, optimizer, Map.of(STEPS_KEY, stepsDone));
    }

    /** Restores what {@link #save} wrote; training continues with step {@link #stepsDone()}. */
    public void resume(Path file) throws IOException {
        Checkpoint.load(file, named, optimizer, Map.of(STEPS_KEY, stepsDone));
    }
}
