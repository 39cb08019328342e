package jgrad.examples.tagger;

import java.util.List;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link WindowTagger} by minibatch SGD with momentum on the softmax cross-entropy of the tags,
 * measuring dev accuracy after every epoch. The learning rate of epoch e (from 0) is
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

    /** What one epoch gave: mean training loss, dev accuracy, and the time and speed of its training steps. */
    public record Epoch(int epoch, double learningRate, double loss, double devAccuracy, double seconds,
            double wordsPerSecond) {}

    /** Hears of a run's progress: {@link #steps} every few steps, {@link #epoch} after each epoch's dev evaluation. */
    public interface Listener {

        /** {@code done} of {@code total} tokens of the epoch trained, at the given mean loss and speed. */
        void steps(int epoch, long done, long total, double loss, double wordsPerSecond);

        /** An epoch ended; {@code best} when its dev accuracy is the best so far. */
        void epoch(Epoch epoch, boolean best);
    }

    /** The batch size used to predict: large, since evaluation keeps no graph. */
    static final int PREDICT_BATCH = 4096;

    private final WindowTagger model;
    private final Settings settings;

    public TaggerTraining(WindowTagger model, Settings settings) {
        this.model = model;
        this.settings = settings;
    }

    /** Trains on {@code train}, evaluating on {@code dev} after each epoch; returns the epochs in order. */
    public List<Epoch> run(WindowBatches train, WindowBatches dev, Listener listener) {
        Random rng = new Random(settings.seed());
        train.rareDropout(settings.rareDropout());
        int[] devTags = dev.tags();
        TemporarySgd sgd = new TemporarySgd(model.parameters(), settings.momentum());
        double best = -1;
        java.util.ArrayList<Epoch> epochs = new java.util.ArrayList<>();
        int reportEvery = Math.max(1, 100_000 / settings.batchSize());
        for (int e = 0; e < settings.epochs(); e++) {
            double lr = settings.learningRate() * Math.pow(settings.decay(), e);
            model.train();
            int[] order = train.shuffledOrder(rng);
            long start = System.nanoTime();
            double lossSum = 0;
            int steps = 0;
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                int to = Math.min(order.length, from + settings.batchSize());
                WindowBatches.Batch batch = train.batch(order, from, to, rng);
                model.zeroGrad();
                try (Tape tape = Tape.record()) {
                    Tensor loss = Ops.crossEntropy(model.forward(batch.ids()), batch.labels());
                    tape.backward(loss);
                    lossSum += loss.item();
                }
                sgd.step(lr);
                steps++;
                if (steps % reportEvery == 0) {
                    listener.steps(e + 1, to, order.length, lossSum / steps, to / seconds(start));
                }
            }
            double seconds = seconds(start);
            double accuracy = accuracy(devTags, predict(model, dev));
            Epoch epoch = new Epoch(e + 1, lr, lossSum / steps, accuracy, seconds, order.length / seconds);
            epochs.add(epoch);
            boolean improved = accuracy > best;
            best = Math.max(best, accuracy);
            listener.epoch(epoch, improved);
        }
        return List.copyOf(epochs);
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }

    /** The predicted tag id of every token of {@code batches}, in order, computed without a graph. */
    public static int[] predict(WindowTagger model, WindowBatches batches) {
        model.eval();
        int[] predicted = new int[batches.tokens()];
        for (int from = 0; from < batches.tokens(); from += PREDICT_BATCH) {
            int to = Math.min(batches.tokens(), from + PREDICT_BATCH);
            WindowBatches.Batch batch = batches.batch(from, to);
            try (Tape scope = Tape.noGrad()) {
                INDArray best = Nd4j.argMax(model.forward(batch.ids()).value(), 1);
                System.arraycopy(best.toIntVector(), 0, predicted, from, to - from);
            }
        }
        return predicted;
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

    /**
     * TEMPORARY, until jgrad.optim lands on main: SGD with classic momentum in PyTorch's form,
     * v = mu v + g, w -= lr v (v starts at zero), updated in place so that no step allocates a table.
     * A parameter without gradient since the last zeroGrad is skipped. Replace by jgrad.optim.SGD.
     */
    private static final class TemporarySgd {

        private final List<Parameter> parameters;
        private final double momentum;
        private final INDArray[] velocity;

        TemporarySgd(List<Parameter> parameters, double momentum) {
            this.parameters = parameters;
            this.momentum = momentum;
            this.velocity = new INDArray[parameters.size()];
            try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                for (int i = 0; i < velocity.length; i++) {
                    velocity[i] = momentum > 0 ? Nd4j.zeros(parameters.get(i).dataType(), parameters.get(i).shape()) : null;
                }
            }
        }

        void step(double lr) {
            for (int i = 0; i < velocity.length; i++) {
                Parameter p = parameters.get(i);
                if (!p.hasGrad()) {
                    continue;
                }
                INDArray g = p.grad();
                INDArray step = g;
                if (velocity[i] != null) {
                    velocity[i].muli(momentum).addi(g);
                    step = velocity[i];
                }
                Nd4j.getBlasWrapper().level1().axpy(step.length(), -lr, step, p.value());
            }
        }
    }
}
