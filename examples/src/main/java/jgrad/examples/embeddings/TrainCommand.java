package jgrad.examples.embeddings;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.examples.cli.BadOptionException;
import jgrad.examples.cli.OptionCheck;
import jgrad.examples.cli.OutputCheck;
import jgrad.examples.cli.ProgressOptions;
import jgrad.examples.cli.TrainingOptions;
import jgrad.examples.report.Backend;
import jgrad.examples.report.EpochMetrics;
import jgrad.examples.report.EpochProgress;
import jgrad.examples.report.TrainingReport;
import jgrad.examples.tagger.BrownCorpus;
import jgrad.examples.tagger.CorpusOptions;
import jgrad.examples.tagger.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad embeddings train}: word vectors from Collobert et al.'s ranking language model
 * ({@link RankingModel}, {@link RankingTraining}) on unlabeled text ({@link UnlabeledText}): by default the
 * Brown training split with its tags dropped, the WordNet 3.1 glosses, the State of the Union addresses
 * and Moby-Dick (4.66 million words; the last two raised the tagger's accuracy on unseen words by a
 * point, see the README). After every epoch it prints the
 * training loss and the ranking loss on the first windows of the Brown dev split (against the same
 * corruptions every epoch), writes the vectors ({@link WordVectors}, atomically) and the resume
 * checkpoint {@code FILE.checkpoint.npz}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train word vectors with Collobert et al.'s ranking language model on the Brown training split "
                + "(tags dropped), the WordNet 3.1 glosses, the State of the Union addresses and Moby-Dick (see --text).",
            "Loss: max(0, 1 - f(x) + f(x~)), x~ the window x with its centre word replaced by a word drawn uniformly "
                    + "from the vocabulary."})
public final class TrainCommand implements Callable<Integer> {

    /** The sources of unlabeled text. */
    enum Text { BROWN, WORDNET, SOTU, MOBY_DICK }

    /** Brown dev windows measured after every epoch: enough for a steady figure, few enough to take seconds. */
    static final int DEV_WINDOWS = 20_000;
    /** The seed of the dev windows' corruptions, fixed so that epochs compare. */
    static final long DEV_SEED = 12_345;
    static final int MAX_WIDTH = 10_000;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Mixin
    ProgressOptions progress;

    @Option(names = "--text", defaultValue = "brown,wordnet,sotu,moby_dick", split = ",", paramLabel = "SOURCE",
            description = "Unlabeled text, comma-separated: brown (the Brown training split, tags dropped), wordnet (the "
                    + "WordNet 3.1 glosses), sotu (the State of the Union addresses 1790-2021), moby_dick (Melville's novel); "
                    + "sotu and moby_dick are cached under $JGRAD_DATA or ~/.cache/jgrad (default: ${DEFAULT-VALUE}).")
    List<Text> text;

    @Option(names = "--wordnet-dir", paramLabel = "DIR",
            description = "The WordNet cache directory (default: $JGRAD_DATA/wordnet or ~/.cache/jgrad/wordnet); fetched there if missing.")
    Path wordNetDir;

    @Option(names = "--vocabulary", defaultValue = "100000",
            description = "Words with a vector: the most frequent of the text, besides padding and the unknown word "
                    + "(default: ${DEFAULT-VALUE}, every one of the default text's 87,571 words).")
    int vocabularySize;

    @Option(names = "--dim", defaultValue = "50", description = "Word vector width (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window", defaultValue = "11", description = "Words in a window, odd (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--hidden", defaultValue = "100", description = "Hidden hardtanh units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the text (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "1.0",
            description = "SGD learning rate of the first epoch, on the batch's mean loss (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--word-lr", defaultValue = "1.0",
            description = "SGD learning rate of the word table in the first epoch (a row gets the gradient of only the "
                    + "windows it is in, where the layers get every window's; 32 diverged, 4 was no better in one epoch) "
                    + "(default: ${DEFAULT-VALUE}).")
    double wordLearningRate;

    @Option(names = "--lr-decay", defaultValue = "0.9",
            description = "Factor applied to the learning rate after each epoch (default: ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--batch-size", defaultValue = "64", description = "(window, word) pairs per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights, the order and the corrupting words (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, defaultValue = "embeddings.txt", paramLabel = "FILE",
            description = "The word vectors file, written after every epoch; the resume checkpoint is FILE.checkpoint.npz (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--start-from", paramLabel = "FILE",
            description = "Start from an earlier run's vectors file (the words of --vocabulary found there) and, when "
                    + "FILE.checkpoint.npz is beside it, its hidden and output layers: a curriculum stage with a larger "
                    + "vocabulary starts from the last. Epochs and learning rates start afresh.")
    Path startFrom;

    @Option(names = "--resume", description = "Continue from FILE.checkpoint.npz with the next epoch; use the same options.")
    boolean resume;

    /** Where the command prints: standard output, or what a test sets. */
    PrintStream out = System.out;

    /** Checks every option against its range before anything is read; throws a {@link BadOptionException}. */
    void checkOptions() {
        if (text.isEmpty() || text.stream().distinct().count() != text.size()) {
            throw OptionCheck.bad("--text", text, "distinct sources among brown, wordnet, sotu, moby_dick");
        }
        OptionCheck.inRange("--vocabulary", vocabularySize, 1, 10_000_000, "words");
        OptionCheck.inRange("--dim", dim, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--window", window, 1, 99, "");
        if (window % 2 == 0) {
            throw OptionCheck.bad("--window", window, "an odd number, so that a window has a centre word");
        }
        OptionCheck.inRange("--hidden", hidden, 1, MAX_WIDTH, "");
        OptionCheck.atLeast("--epochs", epochs, 1);
        OptionCheck.positive("--lr", learningRate);
        OptionCheck.positive("--word-lr", wordLearningRate);
        OptionCheck.aboveAtMost("--lr-decay", decay, 0, 1);
        OptionCheck.atLeast("--batch-size", batchSize, 1);
        training.checkOptions();
        if (startFrom != null && resume) {
            throw OptionCheck.bad("--start-from", startFrom, "expected no --resume with it (--resume continues this run's own checkpoint)");
        }
    }

    /** The resume checkpoint beside the vectors file. */
    static Path checkpoint(Path output) {
        return output.toAbsolutePath().resolveSibling(output.getFileName() + ".checkpoint.npz");
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        training.checkOutputs();
        OutputCheck.writable("--output", output);
        Path checkpoint = checkpoint(output);
        if (resume && !Files.exists(checkpoint)) {
            throw new IOException("embeddings train: no checkpoint at " + checkpoint + " to resume from; run without --resume or pass its -o");
        }
        PrintWriter lines = new PrintWriter(out, true); // the start-up and closing lines
        Backend backend = training.start(lines);
        BrownCorpus brown = corpus.read();
        List<UnlabeledText.Source> sources = new ArrayList<>();
        for (Text source : text) {
            sources.add(switch (source) {
                case BROWN -> UnlabeledText.brownTraining(brown);
                case WORDNET -> UnlabeledText.wordNet(wordNetDir);
                case SOTU -> UnlabeledText.stateOfTheUnion(null);
                case MOBY_DICK -> UnlabeledText.mobyDick(null);
            });
        }
        UnlabeledText unlabeled = new UnlabeledText(sources);
        for (UnlabeledText.Source source : sources) {
            out.printf(Locale.ROOT, "text %s: %,d sentences, %,d words%n", source.name(), source.sentences().size(), source.tokens());
        }
        Vocabulary vocabulary = unlabeled.vocabulary(vocabularySize);
        RankingTraining.Windows windows = new RankingTraining.Windows(unlabeled.sentences(), vocabulary, window);
        RankingTraining.Windows dev = new RankingTraining.Windows(UnlabeledText.brownDev(brown).sentences(), vocabulary, window);
        out.printf(Locale.ROOT, "vocabulary %,d words with padding and the unknown word; %,d windows with a known centre word "
                + "of %,d words; dev: first %,d of %,d Brown dev windows%n", vocabulary.size(), windows.size(), windows.tokens(),
                Math.min(DEV_WINDOWS, dev.size()), dev.size());
        RankingModel model = new RankingModel(new RankingModel.Sizes(vocabulary.size(), dim, window, hidden), seed);
        RankingTraining.Settings settings = new RankingTraining.Settings(epochs, batchSize, learningRate, wordLearningRate, decay,
                seed);
        RankingTraining trainer = new RankingTraining(model, settings);
        if (startFrom != null) {
            startFrom(trainer, vocabulary);
        }
        if (resume) {
            trainer.resume(checkpoint);
            out.printf(Locale.ROOT, "resumed from %s after epoch %d%n", checkpoint, trainer.epochsDone());
        }
        out.printf(Locale.ROOT, "model: %s, %,d parameters; sgd, batches of %d%n", model, model.parameterCount(), batchSize);
        TrainingReport report = new TrainingReport("embeddings train", model + ", sgd lr " + TrainingReport.setting(learningRate)
                + ", words " + TrainingReport.setting(wordLearningRate) + " x " + TrainingReport.setting(decay) + "/epoch", "dev", configuration(model, vocabulary, sources));
        long start = System.nanoTime();
        while (trainer.epochsDone() < epochs) {
            int epoch = trainer.epochsDone() + 1;
            RankingTraining.Epoch result;
            try (EpochProgress bar = progress.open("epoch " + epoch + "/" + epochs + " (windows)", windows.size(), out)) {
                result = trainer.trainEpoch(windows, bar::step);
            }
            RankingTraining.Evaluation evaluation = trainer.evaluate(dev, DEV_WINDOWS, DEV_SEED);
            WordVectors.of(vocabulary, model.words().weight().value()).write(output);
            trainer.save(checkpoint);
            // The "accuracy" of the report is how often a dev window scores above its corruption.
            report.add(new EpochMetrics(epoch, result.loss(), evaluation.loss(), evaluation.rankedAbove(), result.windows(),
                    result.seconds()));
            out.printf(Locale.ROOT, "epoch %d/%d: lr %.4f, ranking loss %.4f, dev ranking loss %.4f (real window above its "
                    + "corruption %.2f%%), %.1f s (%.0f windows/s; %.1f min in all); vectors in %s%n", epoch, epochs,
                    result.learningRate(), result.loss(), evaluation.loss(), 100 * evaluation.rankedAbove(), result.seconds(),
                    result.windowsPerSecond(), (System.nanoTime() - start) / 60e9, output);
            out.flush();
        }
        training.finish(report, backend, lines);
        return 0;
    }

    /** Starts the trainer's model from the --start-from vectors and, when it is there, their checkpoint. */
    private void startFrom(RankingTraining trainer, Vocabulary vocabulary) throws IOException {
        WordVectors earlier = WordVectors.read(startFrom);
        if (earlier.dim() != dim) {
            throw new IllegalArgumentException("embeddings train: --start-from " + startFrom + " holds vectors of " + earlier.dim()
                    + " components but --dim is " + dim + "; expected the same width");
        }
        Path layers = checkpoint(startFrom);
        boolean withLayers = Files.exists(layers);
        int copied = trainer.startFrom(earlier, vocabulary, withLayers ? layers : null);
        out.printf(Locale.ROOT, "started from %s: %,d of the %,d rows from its vectors, the others random; %s%n", startFrom,
                copied, vocabulary.size(), withLayers ? "hidden and output layers from " + layers : "no checkpoint beside it, layers random");
    }

    private Map<String, Object> configuration(RankingModel model, Vocabulary vocabulary, List<UnlabeledText.Source> sources) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("network", model.toString());
        configuration.put("parameters", model.parameterCount());
        Map<String, Long> words = new LinkedHashMap<>();
        sources.forEach(s -> words.put(s.name(), s.tokens()));
        configuration.put("textWords", words);
        configuration.put("vocabulary", vocabulary.size());
        configuration.put("sizes", model.sizes());
        configuration.put("epochs", epochs);
        configuration.put("batchSize", batchSize);
        configuration.put("learningRate", learningRate);
        configuration.put("wordLearningRate", wordLearningRate);
        configuration.put("learningRateDecay", decay);
        configuration.put("seed", seed);
        configuration.put("resumed", resume);
        configuration.put("startedFrom", startFrom == null ? null : startFrom.toString());
        configuration.put("samples", "windows of the text with a known centre word, each paired with one corrupting word");
        configuration.put("reportedAccuracy", "fraction of Brown dev windows scored above their corruption");
        return configuration;
    }
}
