package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link WindowTagger} by minibatch SGD with momentum ({@link SGD}) on the softmax cross-entropy of the tags,
 * measuring the dev loss and accuracy after every epoch. The learning rate of epoch e (from 0) is
 * {@code learningRate * decay^e}.
 */
public final class TaggerTraining {

    /**
     * How to train.
     *
     * @param epochs passes over the training tokens
     * @param batchSize tokens per step
     * @param learningRate the first epoch's learning rate
     * @param decay the factor applied to the learning rate after each epoch, in (0, 1]
     * @param momentum SGD momentum in [0, 1)
     * @param rareDropout the probability of replacing a word seen once by the unknown word (see
     *     {@link WindowBatches#rareDropout})
     * @param seed the seed of the shuffling and of the dropout
     */
    public record Settings(int epochs, int batchSize, double learningRate, double decay, double momentum,
            double rareDropout, long seed) {

        public Settings {
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs " + epochs + " and batch size " + batchSize + " must be at least 1");
            }
            if (!(learningRate > 0) || !(decay > 0 && decay <= 1) || !(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("learning rate " + learningRate + " must be positive, decay " + decay
                        + " in (0, 1] and momentum " + momentum + " in [0, 1)");
            }
        }
    }

    /**
     * What one epoch gave: the mean training loss, the dev loss and accuracy after it, and the time and
     * speed of its training steps.
     */
    public record Epoch(int epoch, double learningRate, double loss, double devLoss, double devAccuracy, double seconds,
            double wordsPerSecond) {}

    /** The predicted tag id of every token, and the mean cross-entropy of the gold tags. */
    public record Evaluation(int[] predicted, double loss) {}

    /**
     * Hears of a run's progress: {@link #epochStarted}, then {@link #stepped} after every step, then
     * {@link #epoch} after the epoch's dev evaluation.
     */
    public interface Listener {

        /** Epoch {@code epoch} (from 1) starts on {@code tokens} training tokens. */
        default void epochStarted(int epoch, long tokens) {}

        /** A step trained on {@code tokens} tokens with mean loss {@code loss}. */
        default void stepped(int tokens, double loss) {}

        /** An epoch ended; {@code best} when its dev accuracy is the best so far. */
        void epoch(Epoch epoch, boolean best);
    }

    /**
     * Computes the mean loss of the training tokens {@code order[from]} ... {@code order[to - 1]} and
     * leaves its gradient in the model's parameters: on this machine (the default, drawing the rare-word
     * dropout from {@code rng}), or on Spark ({@link TaggerSparkSteps}).
     */
    public interface StepGradients {
        double compute(WindowBatches train, int[] order, int from, int to, Random rng);
    }

    /** The batch size used to predict: large, since evaluation keeps no graph. */
    static final int PREDICT_BATCH = 4096;

    private final WindowTagger model;
    private final Settings settings;
    private StepGradients gradients = this::localGradients;

    public TaggerTraining(WindowTagger model, Settings settings) {
        this.model = model;
        this.settings = settings;
    }

    /** Computes the following steps' gradients with {@code steps}; the optimizer and the evaluation stay here. */
    public TaggerTraining computeGradientsWith(StepGradients steps) {
        this.gradients = steps;
        return this;
    }

    /** Trains on {@code train}, evaluating on {@code dev} after each epoch; returns the epochs in order. */
    public List<Epoch> run(WindowBatches train, WindowBatches dev, Listener listener) {
        Random rng = new Random(settings.seed());
        train.rareDropout(settings.rareDropout());
        int[] devTags = dev.tags();
        SGD sgd = SGD.builder(model.parameters(), settings.learningRate()).momentum(settings.momentum()).build();
        double best = -1;
        List<Epoch> epochs = new ArrayList<>();
        for (int e = 0; e < settings.epochs(); e++) {
            double lr = settings.learningRate() * Math.pow(settings.decay(), e);
            sgd.setLearningRate(lr);
            model.train();
            int[] order = train.shuffledOrder(rng);
            long start = System.nanoTime();
            listener.epochStarted(e + 1, order.length);
            double lossSum = 0;
            int steps = 0;
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                int to = Math.min(order.length, from + settings.batchSize());
                sgd.zeroGrad();
                double loss = gradients.compute(train, order, from, to, rng);
                sgd.step();
                lossSum += loss;
                steps++;
                listener.stepped(to - from, loss);
            }
            double seconds = seconds(start);
            Evaluation evaluation = evaluate(model, dev);
            double accuracy = accuracy(devTags, evaluation.predicted());
            Epoch epoch = new Epoch(e + 1, lr, lossSum / steps, evaluation.loss(), accuracy, seconds, order.length / seconds);
            epochs.add(epoch);
            boolean improved = accuracy > best;
            best = Math.max(best, accuracy);
            listener.epoch(epoch, improved);
        }
        return List.copyOf(epochs);
    }

    /** A batch's gradient on this machine, on one tape. */
    private double localGradients(WindowBatches train, int[] order, int from, int to, Random rng) {
        WindowBatches.Batch batch = train.batch(order, from, to, rng);
        try (Tape tape = Tape.record()) {
            Tensor batchLoss = Ops.crossEntropy(model.forward(batch.ids()), batch.labels());
            tape.backward(batchLoss);
            return batchLoss.item();
        }
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }

    /** The predicted tag id of every token of {@code batches}, in order, computed without a graph. */
    public static int[] predict(WindowTagger model, WindowBatches batches) {
        return run(model, batches, false).predicted();
    }

    /** The predictions for tagged {@code batches} and the mean loss of their gold tags, computed without a graph. */
    public static Evaluation evaluate(WindowTagger model, WindowBatches batches) {
        return run(model, batches, true);
    }

    /** Predicts every token; with {@code withLoss}, also sums the cross-entropy of the gold tags (untagged text has none). */
    private static Evaluation run(WindowTagger model, WindowBatches batches, boolean withLoss) {
        model.eval();
        int[] predicted = new int[batches.tokens()];
        double lossSum = 0;
        for (int from = 0; from < batches.tokens(); from += PREDICT_BATCH) {
            int to = Math.min(batches.tokens(), from + PREDICT_BATCH);
            WindowBatches.Batch batch = batches.batch(from, to);
            try (Tape scope = Tape.noGrad()) {
                Tensor logits = model.forward(batch.ids());
                INDArray best = Nd4j.argMax(logits.value(), 1);
                System.arraycopy(best.toIntVector(), 0, predicted, from, to - from);
                if (withLoss) {
                    lossSum += Ops.crossEntropy(logits, batch.labels()).item() * (to - from);
                }
            }
        }
        return new Evaluation(predicted, withLoss && predicted.length > 0 ? lossSum / predicted.length : Double.NaN);
    }

    /** The fraction of equal entries. */
    public static double accuracy(int[] gold, int[] predicted) {
        if (gold.length != predicted.length || gold.length == 0) {
            throw new IllegalArgumentException("accuracy: " + gold.length + " gold tags and " + predicted.length
                    + " predictions; expected the same non-zero number");
        }
        int right = 0;
        for (int i = 0; i < gold.length; i++) {
            right += gold[i] == predicted[i] ? 1 : 0;
        }
        return (double) right / gold.length;
    }
}
