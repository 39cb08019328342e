package jgrad.examples.embeddings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ObjDoubleConsumer;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.data.Permutation;
import jgrad.examples.report.EpochsDone;
import jgrad.examples.tagger.Vocabulary;
import jgrad.optim.Checkpoint;
import jgrad.optim.Npz;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link RankingModel} as Collobert et al. (2011) did: plain SGD over (window, word) pairs, each
 * window x of real text paired with x~, the same window with its centre word replaced by a word drawn
 * uniformly from the dictionary (every id but padding and unknown; Collobert's choice, rather than by
 * frequency as word2vec's negative sampling), minimizing {@link RankingModel#rankingLoss}. Windows whose
 * centre word is the unknown word are left out: they would teach only the unknown row. Nothing here prints.
 *
 * <p>The learning rate of epoch e (from 0) is {@code learningRate * decay^e}. Epoch e shuffles the windows
 * and draws its corrupting words from {@code new Random(seed + e)}, so a run resumed from a checkpoint
 * (parameters and epochs done) computes what an uninterrupted run does.
 */
public final class RankingTraining {

    /** Windows per batch when only measuring. */
    static final int EVALUATION_BATCH = 4096;

    /**
     * How to train.
     *
     * @param learningRate the first epoch's learning rate of the hidden and output layers
     * @param wordLearningRate the first epoch's learning rate of the word table
     * @param decay the factor applied to both learning rates after each epoch, in (0, 1]
     */
    public record Settings(int epochs, int batchSize, double learningRate, double wordLearningRate, double decay, long seed) {

        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || Double.isInfinite(learningRate) || !(wordLearningRate > 0)
                    || Double.isInfinite(wordLearningRate) || !(decay > 0 && decay <= 1)) {
                throw new IllegalArgumentException("RankingTraining: epochs " + epochs + " and batch size " + batchSize
                        + " must be at least 1, learning rates " + learningRate + " and " + wordLearningRate
                        + " positive and decay " + decay + " in (0, 1]");
            }
        }
    }

    /** One epoch: its learning rate, mean training ranking loss, windows trained on and seconds. */
    public record Epoch(int epoch, double learningRate, double loss, long windows, double seconds) {

        public double windowsPerSecond() {
            return seconds > 0 ? windows / seconds : 0;
        }
    }

    /**
     * The windows of a text: word ids with sentence bounds, and the positions whose centre word is known.
     * Window positions beyond a sentence edge are {@link Vocabulary#PADDING}, as in the tagger.
     */
    public static final class Windows {
        private final int window;
        private final int[] ids;
        private final int[] sentenceStart;
        private final int[] sentenceEnd;
        private final int[] centres;

        /** The windows of {@code sentences} (normalized words) under {@code vocabulary}. */
        public Windows(List<List<String>> sentences, Vocabulary vocabulary, int window) {
            int tokens = sentences.stream().mapToInt(List::size).sum();
            this.window = window;
            this.ids = new int[tokens];
            this.sentenceStart = new int[tokens];
            this.sentenceEnd = new int[tokens];
            int position = 0;
            int known = 0;
            for (List<String> sentence : sentences) {
                int start = position;
                for (String word : sentence) {
                    ids[position] = vocabulary.id(word);
                    known += ids[position] == Vocabulary.UNKNOWN ? 0 : 1;
                    sentenceStart[position] = start;
                    sentenceEnd[position++] = start + sentence.size();
                }
            }
            this.centres = new int[known];
            for (int p = 0, k = 0; p < tokens; p++) {
                if (ids[p] != Vocabulary.UNKNOWN) {
                    centres[k++] = p;
                }
            }
        }

        /** The number of windows (tokens with a known centre word). */
        public int size() {
            return centres.length;
        }

        /** The number of tokens, unknown ones included. */
        public int tokens() {
            return ids.length;
        }

        /** The ids [n, window] of windows order[from, to), row-major. */
        int[] ids(int[] order, int from, int to) {
            int half = window / 2;
            int[] out = new int[(to - from) * window];
            for (int i = from; i < to; i++) {
                int centre = centres[order == null ? i : order[i]];
                for (int j = 0; j < window; j++) {
                    int p = centre - half + j;
                    out[(i - from) * window + j] = p >= sentenceStart[centre] && p < sentenceEnd[centre] ? ids[p] : Vocabulary.PADDING;
                }
            }
            return out;
        }
    }

    /** Mean ranking loss of windows against fixed corruptions, and how often the real window scored higher. */
    public record Evaluation(double loss, double rankedAbove) {}

    private final RankingModel model;
    private final Settings settings;
    /** The hidden and output layers' optimizer. */
    private final SGD sgd;
    /** The word table's own optimizer, for its own learning rate. */
    private final SGD wordSgd;
    private final Map<String, Parameter> named;
    private final EpochsDone epochsDone = new EpochsDone("embeddings train");

    public RankingTraining(RankingModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.named = model.namedParameters();
        Parameter table = model.words().weight();
        this.sgd = SGD.builder(model.parameters().stream().filter(p -> p != table).toList(), settings.learningRate()).build();
        this.wordSgd = SGD.builder(List.of(table), settings.wordLearningRate()).build();
    }

    /** The epochs trained so far (restored by {@link #resume}). */
    public int epochsDone() {
        return epochsDone.value();
    }

    /** Trains the next epoch on {@code windows}; {@code stepped} hears each step's windows and mean loss. */
    public Epoch trainEpoch(Windows windows, ObjDoubleConsumer<Integer> stepped) {
        int e = epochsDone();
        Random rng = new Random(settings.seed() + e);
        double factor = Math.pow(settings.decay(), e);
        double lr = settings.learningRate() * factor;
        sgd.setLearningRate(lr);
        wordSgd.setLearningRate(settings.wordLearningRate() * factor);
        model.train();
        int[] order = Permutation.shuffled(windows.size(), rng);
        long start = System.nanoTime();
        double lossSum = 0;
        long seen = 0;
        for (int from = 0; from < order.length; from += settings.batchSize()) {
            int to = Math.min(order.length, from + settings.batchSize());
            int[] real = windows.ids(order, from, to);
            sgd.zeroGrad();
            wordSgd.zeroGrad();
            double loss;
            try (Tape tape = Tape.record()) {
                Tensor batchLoss = loss(real, corrupt(real, windows.window, rng));
                tape.backward(batchLoss);
                loss = batchLoss.item();
            }
            sgd.step();
            wordSgd.step();
            lossSum += loss * (to - from);
            seen += to - from;
            stepped.accept(to - from, loss);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        epochsDone.set(e + 1);
        return new Epoch(e + 1, lr, seen == 0 ? Double.NaN : lossSum / seen, seen, seconds);
    }

    /** The ranking loss of real windows {@code real} and their corruptions, both [n * window] row-major. */
    private Tensor loss(int[] real, int[] corrupted) {
        return RankingModel.rankingLoss(scores(real), scores(corrupted));
    }

    /** The model's scores [n] of windows {@code ids}, [n * window] row-major. */
    private Tensor scores(int[] ids) {
        int window = model.sizes().window();
        return model.forward(Nd4j.createFromArray(ids).reshape(ids.length / window, window));
    }

    /** A copy of the windows with each centre word replaced by one drawn uniformly from ids 2 ... vocabulary - 1. */
    int[] corrupt(int[] real, int window, Random rng) {
        int[] corrupted = real.clone();
        int words = model.sizes().vocabulary() - 2;
        for (int c = window / 2; c < corrupted.length; c += window) {
            corrupted[c] = 2 + rng.nextInt(words);
        }
        return corrupted;
    }

    /**
     * The mean ranking loss of at most {@code limit} windows (the first ones) against corruptions drawn from
     * {@code new Random(seed)}, the same every epoch, computed without a graph.
     */
    public Evaluation evaluate(Windows windows, int limit, long seed) {
        model.eval();
        Random rng = new Random(seed);
        int n = Math.min(limit, windows.size());
        double lossSum = 0;
        long above = 0;
        for (int from = 0; from < n; from += EVALUATION_BATCH) {
            int to = Math.min(n, from + EVALUATION_BATCH);
            int[] real = windows.ids(null, from, to);
            int[] corrupted = corrupt(real, windows.window, rng);
            try (Tape scope = Tape.noGrad()) {
                int rows = to - from;
                Tensor realScores = scores(real);
                Tensor corruptedScores = scores(corrupted);
                lossSum += RankingModel.rankingLoss(realScores, corruptedScores).item() * rows;
                above += realScores.value().gt(corruptedScores.value()).castTo(DataType.INT64)
                        .sumNumber().longValue();
            }
        }
        return n == 0 ? new Evaluation(Double.NaN, Double.NaN) : new Evaluation(lossSum / n, (double) above / n);
    }

    /** Writes the parameters, both optimizers' state (the word table's under {@value #WORD_SGD}) and the epochs done, atomically. */
    public void save(Path file) throws IOException {
        Checkpoint.save(file, named, sgd, extras(wordSgd.state(named)));
    }

    static final String WORD_SGD = "word_sgd/";

    /** The epoch counter and the word table optimizer's state, under the names the checkpoint gives them. */
    private Map<String, INDArray> extras(Map<String, INDArray> wordState) {
        Map<String, INDArray> extras = new LinkedHashMap<>();
        extras.putAll(epochsDone.arrays());
        wordState.forEach((name, array) -> extras.put(WORD_SGD + name, array));
        return extras;
    }

    /**
     * Starts this (fresh) run from an earlier one with another vocabulary, as each stage of Collobert et
     * al.'s curriculum starts from the last (a dictionary grown from the 5,000 most frequent words): every
     * string of {@code vocabulary} that {@code vectors} holds starts from its vector, the others stay as
     * drawn, and with the earlier run's {@code checkpoint} (null for none) the hidden and output layers start
     * from its. The epochs, learning rates and optimizer state start afresh. Returns the rows copied.
     *
     * @throws IOException if the checkpoint cannot be read or its sizes are not those of {@code vectors}
     *     with this model's window, width and hidden units
     */
    public int startFrom(WordVectors vectors, Vocabulary vocabulary, Path checkpoint) throws IOException {
        Parameter table = model.words().weight();
        if (checkpoint != null) {
            // Only the layers are read: the optimizer state and counters are this run's own, whatever
            // version wrote them.
            // Checkpoint.load wants exactly the file's arrays: these are a subset, the word table of another size.
            // Bounded by the earlier run's word table or this run's largest array, whichever is larger.
            long tableBytes = (long) vectors.words().size() * vectors.dim() * table.dataType().width();
            Map<String, INDArray> saved = Npz.read(checkpoint, Math.max(tableBytes, largestArrayBytes()));
            try {
                for (Map.Entry<String, Parameter> e : named.entrySet()) {
                    long[] shape = e.getValue() == table ? new long[] {vectors.words().size(), vectors.dim()} : e.getValue().value().shape();
                    INDArray array = saved.get(e.getKey());
                    if (array == null || !Arrays.equals(array.shape(), shape)) {
                        throw new IOException("cannot start from " + checkpoint + ": its '" + e.getKey() + "' is "
                                + (array == null ? "missing" : Arrays.toString(array.shape())) + "; expected "
                                + Arrays.toString(shape) + " (a checkpoint of the vectors beside it, with this window, width and hidden units)");
                    }
                }
                named.forEach((name, p) -> {
                    if (p != table) {
                        p.value().assign(saved.get(name));
                    }
                });
            } finally {
                saved.values().forEach(INDArray::close);
            }
        }
        return vectors.copyInto(table, vocabulary.strings());
    }

    /**
     * The bytes of the largest array this run holds (optimizer state mirrors the parameters): the bound on
     * what a checkpoint read allocates, so that a wrong file is refused from its headers first.
     */
    private long largestArrayBytes() {
        return named.values().stream().mapToLong(p -> p.value().length() * p.value().dataType().width()).max().orElse(0);
    }

    /**
     * Restores a checkpoint written by {@link #save} for a model of the same sizes, also one written before
     * the counter was {@link EpochsDone}'s float64 scalar (an int64 [1] array under the same key).
     */
    public void resume(Path file) throws IOException {
        Map<String, INDArray> read = new LinkedHashMap<>(Npz.read(file, largestArrayBytes()));
        try {
            INDArray stored = read.get(EpochsDone.KEY);
            if (stored != null && stored.dataType() == DataType.INT64 && Arrays.equals(stored.shape(), new long[] {1})) {
                read.put(EpochsDone.KEY, Nd4j.scalar(DataType.DOUBLE, (double) stored.getLong(0)));
                stored.close();
            }
            Map<String, INDArray> wordState = wordSgd.state(named);
            Checkpoint.load(file, read, named, sgd, extras(wordState));
            wordSgd.loadState(wordState, named);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot resume from " + file + " with these sizes: " + e.getMessage(), e);
        } finally {
            read.values().forEach(INDArray::close); // copied in place: the model and optimizers hold none of them
        }
        epochsDone.requireAtMost(settings.epochs(), file);
    }
}
