package jgrad.examples.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How far a trainer is into its current epoch: the steps done, and the sum of their losses (each batch's
 * mean times its examples) and examples, for the epoch's mean training loss. Kept as float64 scalars, so
 * that a checkpoint written in the middle of an epoch ({@code --checkpoint-every}) carries them
 * ({@link #arrays}) and a resumed run skips the steps done and prints the epoch line an uninterrupted run
 * prints; and when to write such a checkpoint ({@link #checkpointEvery}, {@link #stepped}). The examples
 * done also tell whether the checkpoint's steps were cut with this run's batch size ({@link #requireWithin}).
 */
public final class PartialEpoch {

    /** Writes a trainer's whole checkpoint (parameters, optimizer state, these scalars and its own) to a file. */
    @FunctionalInterface
    public interface Writer {
        void save(Path file) throws IOException;
    }

    static final String STEPS_KEY = "epoch_steps_done";
    static final String LOSS_KEY = "epoch_loss_sum";
    static final String EXAMPLES_KEY = "epoch_examples";

    private final INDArray steps = Nd4j.scalar(DataType.DOUBLE, 0.0);
    private final INDArray lossSum = Nd4j.scalar(DataType.DOUBLE, 0.0);
    private final INDArray examples = Nd4j.scalar(DataType.DOUBLE, 0.0);
    /** The trainer, for messages ("mnist", "lm train"). */
    private final String owner;
    /** Whether the epoch's mean loss weighs each step once instead of each example once. */
    private final boolean meanPerStep;
    private int checkpointEvery;
    private Path checkpointFile;

    /** @param owner the trainer, for messages ("mnist", "lm train"); the epoch's mean loss weighs each example once */
    public PartialEpoch(String owner) {
        this(owner, false);
    }

    private PartialEpoch(String owner, boolean meanPerStep) {
        this.owner = owner;
        this.meanPerStep = meanPerStep;
    }

    /** Like {@link #PartialEpoch(String)}, but the epoch's mean loss is the mean of its steps' losses, each step counting once. */
    public static PartialEpoch meanPerStep(String owner) {
        return new PartialEpoch(owner, true);
    }

    /**
     * From now on {@link #stepped} writes the checkpoint to {@code file} after every {@code n} steps of
     * the run, except the last step of an epoch: the trainer's caller saves that one with the epoch done.
     */
    public void checkpointEvery(int n, Path file) {
        if (n < 1 || file == null) {
            throw new IllegalArgumentException(owner + ": checkpointEvery needs n >= 1 and a file, got " + n + " and " + file);
        }
        this.checkpointEvery = n;
        this.checkpointFile = file;
    }

    /**
     * Records a step over {@code n} examples with mean loss {@code loss}, step {@code step} of the run
     * (from 1), and writes the checkpoint with {@code writer} if one is due.
     *
     * @throws UncheckedIOException naming the file if the checkpoint cannot be written
     */
    public void stepped(double loss, long n, long step, int stepsPerEpoch, Writer writer) {
        add(loss, n);
        if (checkpointEvery > 0 && step % checkpointEvery == 0 && stepsDone() < stepsPerEpoch) {
            try {
                writer.save(checkpointFile);
            } catch (IOException e) {
                throw new UncheckedIOException(owner + ": could not write the checkpoint " + checkpointFile + " after step "
                        + step + ": " + e.getMessage(), e);
            }
        }
    }

    /** The steps of the current epoch done so far (0 between epochs). */
    public int stepsDone() {
        return (int) steps.getDouble(0);
    }

    /** The mean loss of the steps done, per example (or per step, for {@link #meanPerStep}). */
    public double meanLoss() {
        return lossSum.getDouble(0) / Math.max(1, meanPerStep ? steps.getDouble(0) : examples.getDouble(0));
    }

    private void add(double loss, long n) {
        steps.assign(steps.getDouble(0) + 1);
        lossSum.assign(lossSum.getDouble(0) + (meanPerStep ? loss : loss * n));
        examples.assign(examples.getDouble(0) + n);
    }

    /** Starts the next epoch. */
    public void reset() {
        steps.assign(0);
        lossSum.assign(0);
        examples.assign(0);
    }

    /** The scalars by checkpoint key, for {@code Checkpoint.save} and {@code load} to write and restore in place. */
    public Map<String, INDArray> arrays() {
        return Map.of(STEPS_KEY, steps, LOSS_KEY, lossSum, EXAMPLES_KEY, examples);
    }

    /**
     * Throws unless the restored steps are a whole number below {@code stepsPerEpoch} and their examples
     * are those of as many full batches of {@code batchSize}: a checkpoint written in the middle of an
     * epoch holds only full batches, so other examples mean it was cut with another --batch-size, and
     * resuming would skip the wrong examples.
     *
     * @param source the checkpoint, for the message
     */
    public void requireWithin(int stepsPerEpoch, int batchSize, Object source) {
        requireWithin(stepsPerEpoch, k -> (long) k * batchSize, batchSize, source);
    }

    /**
     * Like {@link #requireWithin(int, int, Object)} for batches of unequal sizes: the examples of the
     * first {@code k} steps, cut with this run's {@code batchSize}, are {@code examplesAfter(k)}.
     */
    public void requireWithin(int stepsPerEpoch, IntToLongFunction examplesAfter, int batchSize, Object source) {
        double done = steps.getDouble(0);
        if (done != Math.rint(done) || done < 0 || done >= stepsPerEpoch) {
            throw new IllegalArgumentException("checkpoint " + source + ": its " + STEPS_KEY + " is " + done
                    + "; expected a whole number from 0 to " + (stepsPerEpoch - 1) + " (the run's steps per epoch, less one)");
        }
        double seen = examples.getDouble(0);
        long expected = examplesAfter.applyAsLong((int) done);
        if (seen != expected) {
            throw new IllegalArgumentException("checkpoint " + source + ": its " + STEPS_KEY + " " + (int) done + " covered " + seen
                    + " examples (" + EXAMPLES_KEY + "), but " + (int) done + " steps of this run's --batch-size " + batchSize
                    + " cover " + expected + "; it was written with another --batch-size: pass that one to resume it");
        }
    }
}
