package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link WindowTagger} by minibatch SGD with momentum ({@link SGD}), measuring the dev loss and
 * accuracy after every epoch: on the softmax cross-entropy of each word's tag for a {@link TaggerLoss#WLL}
 * network, in batches of tokens drawn across sentences; on the sentence-level log-likelihood for an
 * {@link TaggerLoss#SLL} one, in batches of whole sentences (the fewest that reach the batch size), the
 * transitions learned with the same optimizer. An SLL network tags by Viterbi decoding. The learning
 * rate of epoch e (from 0) is {@code learningRate * decay^e}.
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
        SGD sgd = SGD.builder(model.parameters(), settings.learningRate()).momentum(settings.momentum()).build();
        double best = -1;
        List<Epoch> epochs = new ArrayList<>();
        for (int e = 0; e < settings.epochs(); e++) {
            double lr = settings.learningRate() * Math.pow(settings.decay(), e);
            sgd.setLearningRate(lr);
            model.train();
            Steps steps = model.loss() == TaggerLoss.SLL ? Steps.sentences(train.shuffledSentences(rng), settings.batchSize())
                    : Steps.tokens(train.shuffledOrder(rng), settings.batchSize());
            long start = System.nanoTime();
            listener.epochStarted(e + 1, steps.order().length);
            double lossSum = 0;
            for (int step = 0; step < steps.count(); step++) {
                WindowBatches.Batch batch = train.batch(steps.order(), steps.from(step), steps.to(step), rng);
                sgd.zeroGrad();
                double loss;
                try (Tape tape = Tape.record()) {
                    Tensor batchLoss = loss(model, model.forward(batch.ids()), batch, steps.lengths(step));
                    tape.backward(batchLoss);
                    loss = batchLoss.item();
                }
                sgd.step();
                lossSum += loss;
                listener.stepped(batch.size(), loss);
            }
            double seconds = seconds(start);
            Evaluation evaluation = evaluate(model, dev);
            double accuracy = accuracy(devTags, evaluation.predicted());
            Epoch epoch = new Epoch(e + 1, lr, lossSum / steps.count(), evaluation.loss(), accuracy, seconds,
                    steps.order().length / seconds);
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
            WindowBatches.Batch batch = batches.batch(from, to);
            int[] lengths = steps.lengths(step);
            try (Tape scope = Tape.noGrad()) {
                Tensor logits = model.forward(batch.ids());
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
