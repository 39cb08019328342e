package jgrad.examples.lm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.data.Permutation;
import jgrad.examples.report.EpochsDone;
import jgrad.examples.report.PartialEpoch;
import jgrad.optim.Adam;
import jgrad.optim.Checkpoint;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains a {@link NeuralLanguageModel} one epoch at a time on the softmax cross-entropy of the next word,
 * measures perplexity, and saves and restores checkpoints. Nothing here prints; {@link TrainCommand} does.
 *
 * <p>The recipe: mini-batches in an order drawn from the seed and the epoch number; Adam (or SGD with
 * momentum) with L2 decay {@code g = grad + wd * w} of the weights and word vectors (not the biases);
 * the learning rate of epoch e (from 0) is {@code learningRate * decay^e}. Early stopping is the
 * caller's: {@link #epochsWithoutImprovement()} counts the epochs since the best validation perplexity.
 *
 * <p>Everything that decides the next epoch is either derived from the settings or saved in the
 * checkpoint (parameters, optimizer state, epochs done, best validation perplexity and the epochs since
 * it, and in a checkpoint written in the middle of an epoch ({@link #checkpointEvery}) the steps done of
 * the epoch and their losses), so a resumed run computes what an uninterrupted one does (dropout masks aside: they come from
 * the layers' native generators, which a checkpoint does not hold).
 */
public final class LmTraining {

    /** The optimizers one may train with. */
    public enum Method { ADAM, SGD }

    static final String BEST_KEY = "best_valid_perplexity";
    static final String STALE_KEY = "epochs_without_improvement";
    /** Examples per batch when only measuring: no graph is kept, so large batches are cheap. */
    static final int EVALUATION_BATCH = 1024;

    /**
     * How to train.
     *
     * @param decay the factor applied to the learning rate after each epoch, in (0, 1]
     * @param weightDecay L2 factor of the weights and word vectors
     * @param momentum SGD's momentum (unused by Adam)
     */
    public record Settings(Method method, int epochs, int batchSize, double learningRate, double decay,
            double weightDecay, double momentum, long seed) {

        public Settings {
            if (method == null || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("lm train: --epochs " + epochs + " and --batch-size " + batchSize
                        + " must be at least 1 and --optimizer given");
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate) || !(decay > 0 && decay <= 1)
                    || !(weightDecay >= 0) || !(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("lm train: --lr " + learningRate + " must be positive, --lr-decay "
                        + decay + " in (0, 1], --weight-decay " + weightDecay + " non-negative and --momentum "
                        + momentum + " in [0, 1)");
            }
        }
    }

    /** One epoch of training: its learning rate, mean training loss (nats per word), words and seconds. */
    public record EpochResult(int epoch, double learningRate, double trainLoss, long words, double seconds) {
        public double wordsPerSecond() {
            return seconds > 0 ? words / seconds : 0;
        }
    }

    /** Hears of each training step. */
    public interface StepListener {
        void stepped(int words, double loss);
    }

    /**
     * Computes the mean loss of the training examples {@code order[from]} ... {@code order[to - 1]} and
     * leaves its gradient in the model's parameters: on this machine (the default), or on Spark
     * ({@link LmSparkSteps}).
     */
    public interface StepGradients {
        double compute(int[] order, int from, int to);
    }

    private final NeuralLanguageModel model;
    private final Settings settings;
    private StepGradients gradients = this::localGradients;
    private final LmCorpus.Examples train;
    private final Map<String, Parameter> named;
    private final Optimizer optimizer;
    private final EpochsDone epochsDone = new EpochsDone("lm train");
    /**
     * Double.MAX_VALUE stands for "none yet": a checkpoint holds finite values only, and one written in
     * the middle of the first epoch ({@link #checkpointEvery}) comes before any validation.
     */
    private final INDArray bestPerplexity = Nd4j.scalar(DataType.DOUBLE, Double.MAX_VALUE);
    private final INDArray stale = Nd4j.scalar(DataType.DOUBLE, 0.0);
    /** The steps done of the current epoch, for a checkpoint written in its middle. */
    private final PartialEpoch partial = new PartialEpoch("lm train");

    public LmTraining(NeuralLanguageModel model, Settings settings, LmCorpus.Examples train) {
        if (train.width() != model.sizes().context()) {
            throw new IllegalArgumentException("lm train: examples of " + train.width() + "-word contexts for a model of order "
                    + model.sizes().order());
        }
        this.model = model;
        this.settings = settings;
        this.train = train;
        this.named = model.namedParameters();
        var decayed = Optimizer.select(named, name -> !name.endsWith("bias"));
        this.optimizer = switch (settings.method()) {
            case ADAM -> Adam.builder(named.values(), settings.learningRate())
                    .weightDecay(settings.weightDecay(), decayed).build();
            case SGD -> SGD.builder(named.values(), settings.learningRate()).momentum(settings.momentum())
                    .weightDecay(settings.weightDecay(), decayed).build();
        };
    }

    /** Computes the following steps' gradients with {@code steps}; the optimizer and the checkpoints stay here. */
    public LmTraining computeGradientsWith(StepGradients steps) {
        this.gradients = steps;
        return this;
    }

    public NeuralLanguageModel model() {
        return model;
    }

    public Settings settings() {
        return settings;
    }

    /** The number of epochs finished: 0 for a fresh model, else as restored or trained. */
    public int epochsDone() {
        return epochsDone.value();
    }

    /** The best validation perplexity recorded with {@link #recordValidation}, infinite before any. */
    public double bestPerplexity() {
        double best = bestPerplexity.getDouble(0);
        return best == Double.MAX_VALUE ? Double.POSITIVE_INFINITY : best;
    }

    /** Epochs since the best validation perplexity. */
    public int epochsWithoutImprovement() {
        return (int) stale.getDouble(0);
    }

    /**
     * Trains epoch {@link #epochsDone()} + 1 over all training examples.
     *
     * @param listener hears of each step, or null
     * @throws IllegalStateException if all epochs are done, or the loss stops being finite
     */
    public EpochResult trainEpoch(StepListener listener) {
        int epoch = epochsDone() + 1;
        if (epoch > settings.epochs()) {
            throw new IllegalStateException("lm train: all " + settings.epochs() + " epochs are done");
        }
        double lr = settings.learningRate() * Math.pow(settings.decay(), epoch - 1);
        optimizer.setLearningRate(lr);
        model.train();
        int[] order = order(epoch);
        int perEpoch = stepsPerEpoch();
        long step = (long) (epoch - 1) * perEpoch + partial.stepsDone();
        long words = 0;
        long start = System.nanoTime();
        // A run resumed from a checkpoint written in this epoch starts with the step after it.
        for (int from = partial.stepsDone() * settings.batchSize(); from < order.length; from += settings.batchSize()) {
            int to = Math.min(order.length, from + settings.batchSize());
            double loss = gradients.compute(order, from, to);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("lm train: the training loss became " + loss + " in epoch " + epoch
                        + " at learning rate " + lr + "; try a smaller --lr");
            }
            optimizer.step();
            optimizer.zeroGrad();
            words += to - from;
            if (listener != null) {
                listener.stepped(to - from, loss);
            }
            partial.stepped(loss, to - from, ++step, perEpoch, this::save);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double trainLoss = partial.meanLoss();
        partial.reset();
        epochsDone.set(epoch);
        return new EpochResult(epoch, lr, trainLoss, words, seconds);
    }

    /** The steps of an epoch: the training examples over the batch size, rounded up. */
    int stepsPerEpoch() {
        return Math.toIntExact((train.size() + (long) settings.batchSize() - 1) / settings.batchSize());
    }

    /**
     * Also saves the checkpoint to {@code file} after every {@code n} steps of the run (the last step of
     * an epoch excepted: the caller saves it with the epoch done), so that {@link #resume} can continue
     * in the middle of an epoch.
     */
    public void checkpointEvery(int n, Path file) {
        partial.checkpointEvery(n, file);
    }

    /** The steps of epoch {@link #epochsDone()} + 1 done before the checkpoint this run resumed from (0 at an epoch's start). */
    public int stepsIntoEpoch() {
        return partial.stepsDone();
    }

    /** The order of the training examples in epoch {@code epoch} (from 1), drawn from the seed and the epoch. */
    int[] order(int epoch) {
        return Permutation.shuffled(train.size(), new Random(settings.seed() * 1_000_003L + epoch));
    }

    /** A batch's gradient on this machine, on one tape. */
    private double localGradients(int[] order, int from, int to) {
        try (Batch batch = batch(train, order, from, to); Tape tape = Tape.record()) {
            Tensor cost = Ops.crossEntropy(model.forward(batch.contexts()), batch.classes());
            tape.backward(cost);
            return cost.item();
        }
    }

    /** Records a validation perplexity; true when it is the best so far (the caller then keeps the model). */
    public boolean recordValidation(double perplexity) {
        boolean improved = perplexity < bestPerplexity();
        if (improved) {
            bestPerplexity.assign(perplexity);
            stale.assign(0);
        } else {
            stale.assign(epochsWithoutImprovement() + 1);
        }
        return improved;
    }

    /** The natural log-probability the model gives each example, in batches, recording nothing. */
    public static double[] logProbabilities(NeuralLanguageModel model, LmCorpus.Examples examples) {
        model.eval();
        double[] out = new double[examples.size()];
        int[] all = new int[examples.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int from = 0; from < all.length; from += EVALUATION_BATCH) {
            int to = Math.min(all.length, from + EVALUATION_BATCH);
            Batch batch = batch(examples, all, from, to);
            try (Tape scope = Tape.noGrad()) {
                INDArray logits = model.forward(batch.contexts()).value();
                // log p = (y_t - m) - log sum_j exp(y_j - m), with m the row's largest logit: only the
                // targets' log-probabilities are needed, so no [batch, words] log-softmax is written, and
                // once the targets' y_t - m are read, exp overwrites the shifted logits instead of copying them.
                try (INDArray max = logits.max(1);
                        INDArray shifted = logits.subColumnVector(max.reshape(to - from, 1))) {
                    for (int i = from; i < to; i++) {
                        out[i] = shifted.getDouble(i - from, examples.targets()[i] - 1);
                    }
                    try (INDArray sums = Transforms.exp(shifted, false).sum(1)) {
                        for (int i = from; i < to; i++) {
                            out[i] -= Math.log(sums.getDouble(i - from));
                        }
                    }
                }
            }
            batch.close();
        }
        return out;
    }

    /** The log-probability of a whole sequence: the sum of its tokens' (natural) log-probabilities. */
    public static double logProbability(double[] logProbabilities) {
        double sum = 0;
        for (double lp : logProbabilities) {
            sum += lp;
        }
        return sum;
    }

    /** exp of the mean negative log-probability. */
    public static double perplexity(double[] logProbabilities) {
        if (logProbabilities.length == 0) {
            throw new IllegalArgumentException("perplexity: no tokens");
        }
        return Math.exp(-logProbability(logProbabilities) / logProbabilities.length);
    }

    /** Saves parameters, optimizer state and the early-stopping counters, replacing {@code file} atomically. */
    public void save(Path file) throws IOException {
        Checkpoint.save(file, named, optimizer, extras());
    }

    /**
     * Restores a checkpoint written by {@link #save} for the same model and optimizer; training then
     * continues with epoch {@link #epochsDone()} + 1.
     */
    public void resume(Path file) throws IOException {
        try {
            Checkpoint.load(file, named, optimizer, extras());
        } catch (IllegalArgumentException e) {
            throw new IOException("lm train: cannot resume from " + file + " with these sizes and --optimizer "
                    + settings.method().name().toLowerCase() + ": " + e.getMessage(), e);
        }
        try {
            partial.requireWithin(stepsPerEpoch(), settings.batchSize(), file);
        } catch (IllegalArgumentException e) {
            throw new IOException("lm train: cannot resume from " + file + " with --batch-size " + settings.batchSize() + ": "
                    + e.getMessage(), e);
        }
        epochsDone.requireAtMost(settings.epochs(), file);
    }

    private Map<String, INDArray> extras() {
        Map<String, INDArray> extras = new java.util.HashMap<>(partial.arrays());
        extras.putAll(epochsDone.arrays());
        extras.putAll(Map.of(BEST_KEY, bestPerplexity, STALE_KEY, stale));
        return extras;
    }

    /** Contexts [b, n - 1] (int32) and the target classes, id - 1, [b] (int64) of examples order[from, to). */
    record Batch(INDArray contexts, INDArray classes) implements AutoCloseable {
        @Override
        public void close() {
            contexts.close();
            classes.close();
        }
    }

    static Batch batch(LmCorpus.Examples examples, int[] order, int from, int to) {
        int width = examples.width();
        int n = to - from;
        int[] contexts = new int[n * width];
        long[] classes = new long[n];
        for (int i = 0; i < n; i++) {
            int example = order[from + i];
            System.arraycopy(examples.contexts(), example * width, contexts, i * width, width);
            classes[i] = examples.targets()[example] - 1;
        }
        return new Batch(Nd4j.createFromArray(contexts).reshape(n, width), Nd4j.createFromArray(classes));
    }
}
