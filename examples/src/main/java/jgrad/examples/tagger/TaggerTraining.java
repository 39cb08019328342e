package jgrad.examples.tagger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.examples.report.EpochsDone;
import jgrad.examples.report.PartialEpoch;
import jgrad.optim.Checkpoint;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link WindowTagger} by minibatch SGD with momentum ({@link SGD}), measuring the dev loss and
 * accuracy after every epoch: on the softmax cross-entropy of each word's tag for a {@link TaggerLoss#WLL}
 * network, in batches of tokens drawn across sentences; on the sentence-level log-likelihood for an
 * {@link TaggerLoss#SLL} one, in batches of whole sentences (the fewest that reach the batch size), the
 * transitions learned with the same optimizer. An SLL network tags by Viterbi decoding. The learning
 * rate of epoch e (from 0) is {@code learningRate * decay^e}. With {@link #checkpointEvery} it writes a checkpoint that
 * {@link #resume} continues from, in the middle of an epoch if need be, as the uninterrupted run.
 */
public final class TaggerTraining {

    /**
     * How to train.
     *
     * @param epochs passes over the training tokens
     * @param batchSize tokens per step (for SLL, the fewest whole sentences that reach it)
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

    static final String BEST_KEY = "best_dev_accuracy";
    static final String ORDER_KEY = "epoch_order";
    static final String GENERATOR_KEY = "generator";

    private final WindowTagger model;
    private final Settings settings;
    private final SGD sgd;
    /** Draws each epoch's order and the rare-word dropout, in one sequence over the run. */
    private Random rng;
    private StepGradients gradients = (batches, order, from, to, random) -> stepGradients(batches, order, from, to, null, random);
    private final EpochsDone epochsDone = new EpochsDone("tagger train");
    private final INDArray bestAccuracy = Nd4j.scalar(DataType.DOUBLE, -1.0);
    /** The steps done of the current epoch, for a checkpoint written in its middle. */
    private final PartialEpoch partial = PartialEpoch.meanPerStep("tagger train");
    private INDArray resumedOrder;
    private Path checkpointFile;

    public TaggerTraining(WindowTagger model, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.sgd = SGD.builder(model.parameters(), settings.learningRate()).momentum(settings.momentum()).build();
        this.rng = new Random(settings.seed());
    }

    /** Computes the following steps' gradients with {@code steps}; the optimizer and the evaluation stay here. */
    public TaggerTraining computeGradientsWith(StepGradients steps) {
        if (model.loss() == TaggerLoss.SLL) {
            throw new IllegalArgumentException("tagger train: the gradients of an SLL network's steps (batches of whole"
                    + " sentences) are computed on this machine only; train WLL to compute them elsewhere");
        }
        this.gradients = steps;
        return this;
    }

    /**
     * Trains on {@code train}, evaluating on {@code dev} after each epoch; returns the epochs trained, in
     * order (after a {@link #resume}, those after the checkpoint).
     */
    public List<Epoch> run(WindowBatches train, WindowBatches dev, Listener listener) {
        train.rareDropout(settings.rareDropout());
        int[] devTags = dev.tags();
        List<Epoch> epochs = new ArrayList<>();
        for (int e = epochsDone(); e < settings.epochs(); e++) {
            double lr = settings.learningRate() * Math.pow(settings.decay(), e);
            sgd.setLearningRate(lr);
            model.train();
            // A run resumed in the middle of an epoch continues its order with the step after the checkpoint.
            int[] resumed = partial.stepsDone() > 0 ? resumedOrder.toIntVector() : null;
            Steps steps = model.loss() == TaggerLoss.SLL
                    ? Steps.sentences(resumed != null ? train.sentenceOrder(resumed) : train.shuffledSentences(rng), settings.batchSize())
                    : Steps.tokens(resumed != null ? resumed : train.shuffledOrder(rng), settings.batchSize());
            int[] order = steps.order();
            int perEpoch = steps.count();
            long step = (long) e * perEpoch + partial.stepsDone();
            long start = System.nanoTime();
            listener.epochStarted(e + 1, order.length);
            for (int k = partial.stepsDone(); k < steps.count(); k++) {
                int from = steps.from(k);
                int to = steps.to(k);
                sgd.zeroGrad();
                int[] lengths = steps.lengths(k);
                double loss = lengths == null ? gradients.compute(train, order, from, to, rng)
                        : stepGradients(train, order, from, to, lengths, rng);
                sgd.step();
                listener.stepped(to - from, loss);
                // The epoch's loss is the mean of its steps' losses (each step counts once); the tokens
                // done tell a resumed run whether the checkpoint's steps were cut with its --batch-size.
                partial.stepped(loss, to - from, ++step, perEpoch, file -> save(file, order));
            }
            double seconds = seconds(start);
            Evaluation evaluation = evaluate(model, dev);
            double accuracy = accuracy(devTags, evaluation.predicted());
            Epoch epoch = new Epoch(e + 1, lr, partial.meanLoss(), evaluation.loss(), accuracy, seconds, order.length / seconds);
            partial.reset();
            epochs.add(epoch);
            boolean improved = accuracy > bestAccuracy();
            if (improved) {
                bestAccuracy.assign(accuracy);
            }
            epochsDone.set(e + 1);
            listener.epoch(epoch, improved);
            if (checkpointFile != null) {
                saveOrThrow(checkpointFile, order);
            }
        }
        return List.copyOf(epochs);
    }

    /** The epochs done: 0 for a fresh run, else as trained or restored. */
    public int epochsDone() {
        return epochsDone.value();
    }

    /** The best dev accuracy of the epochs done, -1 before any. */
    public double bestAccuracy() {
        return bestAccuracy.getDouble(0);
    }

    /** The steps of epoch {@link #epochsDone()} + 1 done before the checkpoint this run resumed from (0 at an epoch's start). */
    public int stepsIntoEpoch() {
        return partial.stepsDone();
    }

    /**
     * Writes a resume checkpoint to {@code file} after every {@code n} steps of the run and after every
     * epoch: the parameters, the momentum, the epochs done, the best dev accuracy, the generator of the
     * shuffling and the dropout, and in the middle of an epoch its order, steps done and their losses.
     */
    public TaggerTraining checkpointEvery(int n, Path file) {
        partial.checkpointEvery(n, file);
        this.checkpointFile = file;
        return this;
    }

    /**
     * Restores a checkpoint written by {@link #checkpointEvery} for the same network and training split;
     * {@link #run} then continues with the step after it and trains what the uninterrupted run trains.
     */
    public void resume(Path file, WindowBatches train) throws IOException {
        resumedOrder = Nd4j.zeros(DataType.INT32, train.tokens());
        INDArray generator = Nd4j.zeros(DataType.INT8, bytes(rng).length);
        try {
            Checkpoint.load(file, model.namedParameters(), sgd, extras(resumedOrder, generator));
            // The steps of the checkpoint's epoch as run() will cut them: SLL batches whole sentences, so
            // fewer steps than tokens / batch size, and steps of unequal tokens.
            if (model.loss() == TaggerLoss.SLL && partial.stepsDone() > 0) {
                Steps steps = Steps.sentences(train.sentenceOrder(resumedOrder.toIntVector()), settings.batchSize());
                partial.requireWithin(steps.count(), steps::from, settings.batchSize(), file);
            } else {
                partial.requireWithin((train.tokens() + settings.batchSize() - 1) / settings.batchSize(), settings.batchSize(), file);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("tagger train: cannot resume from " + file + " with these sizes, corpus and --batch-size: "
                    + e.getMessage(), e);
        }
        epochsDone.requireAtMost(settings.epochs(), file);
        byte[] state = new byte[(int) generator.length()];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) generator.getInt(i);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state))) {
            rng = (Random) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException(file + ": its generator state is not a java.util.Random: " + e.getMessage(), e);
        }
    }

    private void save(Path file, int[] order) throws IOException {
        try (INDArray orderArray = Nd4j.createFromArray(order); INDArray generator = Nd4j.createFromArray(bytes(rng))) {
            Checkpoint.save(file, model.namedParameters(), sgd, extras(orderArray, generator));
        }
    }

    private void saveOrThrow(Path file, int[] order) {
        try {
            save(file, order);
        } catch (IOException e) {
            throw new UncheckedIOException("tagger train: could not write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private Map<String, INDArray> extras(INDArray order, INDArray generator) {
        Map<String, INDArray> extras = new HashMap<>(partial.arrays());
        extras.putAll(epochsDone.arrays());
        extras.put(BEST_KEY, bestAccuracy);
        extras.put(ORDER_KEY, order);
        extras.put(GENERATOR_KEY, generator);
        return extras;
    }

    /** java.util.Random's serialized form: its state, which it offers no other way to read. */
    private static byte[] bytes(Random rng) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rng);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A batch's gradient on this machine, on one tape: of its tokens (WLL, {@code lengths} null) or of
     * whole sentences of the given lengths (SLL).
     */
    private double stepGradients(WindowBatches train, int[] order, int from, int to, int[] lengths, Random rng) {
        // The tape closes before the batch: the ops read the ids and labels into Java during the step.
        try (WindowBatches.Batch batch = train.batch(order, from, to, rng); Tape tape = Tape.record()) {
            Tensor batchLoss = loss(model, model.forward(batch), batch, lengths);
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

    /**
     * Predicts every token, a batch of whole sentences at a time; with {@code withLoss}, also sums the loss
     * of the gold tags (untagged text has none).
     */
    private static Evaluation run(WindowTagger model, WindowBatches batches, boolean withLoss) {
        model.eval();
        int[] predicted = new int[batches.tokens()];
        double lossSum = 0;
        Steps steps = Steps.sentences(batches.sentencesInOrder(), PREDICT_BATCH);
        for (int step = 0; step < steps.count(); step++) {
            int from = steps.from(step);
            int to = steps.to(step);
            int[] lengths = steps.lengths(step);
            try (WindowBatches.Batch batch = batches.batch(from, to); Tape scope = Tape.noGrad()) {
                Tensor logits = model.forward(batch);
                int[] best = model.loss() == TaggerLoss.SLL ? model.chain().decode(logits.value(), lengths)
                        : Nd4j.argMax(logits.value(), 1).toIntVector();
                System.arraycopy(best, 0, predicted, from, to - from);
                if (withLoss) {
                    lossSum += loss(model, logits, batch, lengths).item() * (to - from);
                }
            }
        }
        return new Evaluation(predicted, withLoss && predicted.length > 0 ? lossSum / predicted.length : Double.NaN);
    }

    /**
     * The mean loss per word of a batch: the cross-entropy of each word's tag (WLL) or the sentences'
     * negative log-likelihood under the tag chain (SLL), the batch holding whole sentences of the given lengths.
     */
    private static Tensor loss(WindowTagger model, Tensor logits, WindowBatches.Batch batch, int[] lengths) {
        return model.loss() == TaggerLoss.SLL ? model.chain().loss(logits, batch.labels().toIntVector(), lengths)
                : Ops.crossEntropy(logits, batch.labels());
    }

    /**
     * An epoch's steps: the rows of {@code order} cut at {@code cuts} (step k takes rows cuts[k] to
     * cuts[k + 1]), and for whole sentences, the sentence lengths, step k taking sentences
     * sentenceCuts[k] to sentenceCuts[k + 1].
     */
    private record Steps(int[] order, int[] cuts, int[] lengths, int[] sentenceCuts) {

        /** Batches of {@code batchSize} tokens (the last one smaller). */
        static Steps tokens(int[] order, int batchSize) {
            int count = (order.length + batchSize - 1) / batchSize;
            int[] cuts = new int[count + 1];
            for (int k = 0; k <= count; k++) {
                cuts[k] = Math.min(order.length, k * batchSize);
            }
            return new Steps(order, cuts, null, null);
        }

        /** Batches of whole sentences, each the fewest that reach {@code batchSize} tokens (the last may hold fewer). */
        static Steps sentences(WindowBatches.SentenceOrder sentences, int batchSize) {
            int[] lengths = sentences.lengths();
            List<Integer> cuts = new ArrayList<>(List.of(0));
            List<Integer> sentenceCuts = new ArrayList<>(List.of(0));
            int tokens = 0;
            int inBatch = 0;
            for (int s = 0; s < lengths.length; s++) {
                tokens += lengths[s];
                inBatch += lengths[s];
                if (inBatch >= batchSize || s == lengths.length - 1) {
                    cuts.add(tokens);
                    sentenceCuts.add(s + 1);
                    inBatch = 0;
                }
            }
            return new Steps(sentences.tokens(), cuts.stream().mapToInt(Integer::intValue).toArray(), lengths,
                    sentenceCuts.stream().mapToInt(Integer::intValue).toArray());
        }

        int count() {
            return cuts.length - 1;
        }

        int from(int step) {
            return cuts[step];
        }

        int to(int step) {
            return cuts[step + 1];
        }

        /** The sentence lengths of step {@code step}, or null for batches of single tokens. */
        int[] lengths(int step) {
            return lengths == null ? null : Arrays.copyOfRange(lengths, sentenceCuts[step], sentenceCuts[step + 1]);
        }
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
