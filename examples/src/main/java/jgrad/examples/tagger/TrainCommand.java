package jgrad.examples.tagger;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.examples.cli.BadOptionException;
import jgrad.examples.cli.OptionCheck;
import jgrad.examples.cli.ProgressOptions;
import jgrad.examples.cli.SparkOptions;
import jgrad.examples.cli.StepCheckpointOptions;
import jgrad.examples.cli.TrainingOptions;
import jgrad.examples.embeddings.WordVectors;
import jgrad.examples.report.Backend;
import jgrad.examples.report.EpochMetrics;
import jgrad.examples.report.EpochProgress;
import jgrad.examples.report.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jgrad tagger train}: fits the vocabularies on the training split, trains a {@link WindowTagger},
 * prints the dev accuracy after every epoch, and saves the epoch with the best dev accuracy as a
 * {@link TaggerCheckpoint} in the output directory. {@code --report} and {@code --plot} write the
 * per-epoch training loss, dev loss and dev accuracy as JSON and as a PNG, as {@code mnist} does.
 * {@code --checkpoint-every N} writes a resume checkpoint beside the output directory, which
 * {@code --resume} continues from; {@code --spark MASTER} computes the steps' gradients on Spark
 * ({@link TaggerSparkSteps}).
 *
 * <p>The defaults are the settings measured on the full corpus: 10 epochs of batches of 512, learning
 * rate 0.1 times 0.75 per epoch, momentum 0.9, suffixes of 1 to 4 characters (the longer ones carry most
 * of what is known about an unseen word: -tion, -ness, -ally), character features of 50 filters over
 * windows of 3 characters of 10-wide vectors (CharWNN; better than none on the dev split, most on unseen
 * words), and the sentence-level log-likelihood ({@link TaggerLoss#SLL}, on batches of whole sentences),
 * which tagged the test split better than {@code --loss wll}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the window tagger on the Brown training split; keep the epoch best on dev.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    ProgressOptions progress;

    @Mixin
    TrainingOptions training;

    @Mixin
    SparkOptions spark;

    @Mixin
    StepCheckpointOptions checkpointEvery;

    @Option(names = "--resume",
            description = "Continue from the checkpoint that --checkpoint-every wrote (DIR-checkpoint.npz, beside -o DIR) "
                    + "with the step after it; use the same options and corpus.")
    boolean resume;

    @Option(names = "--tags", defaultValue = "UNIVERSAL", paramLabel = "SET",
            description = "Tag set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TagScheme scheme;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the training split (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--window", defaultValue = "5", description = "Words in a window, odd (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--suffixes", defaultValue = "1,2,3,4", split = ",", paramLabel = "N",
            description = "Suffix lengths, one feature each (default: ${DEFAULT-VALUE}).")
    List<Integer> suffixes;

    @Option(names = "--word-dim", defaultValue = "50", description = "Word vector width (default: ${DEFAULT-VALUE}).")
    int wordDim;

    @Option(names = "--cap-dim", defaultValue = "5", description = "Capitalization vector width (default: ${DEFAULT-VALUE}).")
    int capDim;

    @Option(names = "--suffix-dim", defaultValue = "20", description = "Suffix vector width (default: ${DEFAULT-VALUE}).")
    int suffixDim;

    @Option(names = "--hidden", defaultValue = "300", description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--char-dim", defaultValue = "10",
            description = "Character vector width of the character features (default: ${DEFAULT-VALUE}).")
    int charDim;

    /** 50 filters measured better than none on the dev split (universal tags 97.66% against 97.50%; see the README). */
    @Option(names = "--char-filters", paramLabel = "N",
            description = "Filters of the character convolution over each window word as written (CharWNN), the width of its "
                    + "character features; 0 turns them off (default: " + DEFAULT_CHAR_FILTERS + ", which measured better than none; "
                    + "0 with --spark, whose tasks carry window ids only).")
    Integer charFilters;

    static final int DEFAULT_CHAR_FILTERS = 50;

    /** The character filters chosen, or the default: 50, or 0 with --spark. */
    int charFilters() {
        return charFilters != null ? charFilters : spark.enabled() ? 0 : DEFAULT_CHAR_FILTERS;
    }

    @Option(names = "--char-window", defaultValue = "3",
            description = "Characters each filter reads, odd (default: ${DEFAULT-VALUE}).")
    int charWindow;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.1",
            description = "Learning rate of the first epoch (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lr-decay", defaultValue = "0.75",
            description = "Factor applied to the learning rate after each epoch (default: ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--rare-dropout", defaultValue = "0.5",
            description = "Probability of replacing a word seen once in training by the unknown word (default: ${DEFAULT-VALUE}).")
    double rareDropout;

    /** The form of the embedding tables' gradients; picocli refuses any other value (exit 2). */
    enum GradientForm { SPARSE, DENSE }

    @Option(names = "--embedding-grad", defaultValue = "sparse", paramLabel = "FORM",
            description = "Gradients of the embedding tables: sparse (the rows a batch used; SGD catches idle rows up exactly) "
                    + "or dense (the whole tables every step; same numbers, slower) (default: ${DEFAULT-VALUE}).")
    GradientForm embeddingGrad;

    /** SLL measured better than WLL on the test split (universal tags 97.61% against 97.55%; see the README). */
    @Option(names = "--loss", paramLabel = "LOSS",
            description = "sll: sentence-level likelihood with learned tag transitions, tagged by Viterbi; wll: a softmax "
                    + "over each word's tags, each word tagged alone (default: sll, which measured better; wll with --spark, "
                    + "whose tasks compute word-level steps only).")
    TaggerLoss loss;

    /** The loss chosen, or the default: SLL, or WLL with --spark. */
    TaggerLoss loss() {
        return loss != null ? loss : spark.enabled() ? TaggerLoss.WLL : TaggerLoss.SLL;
    }

    @Option(names = "--batch-size", defaultValue = "512", description = "Tokens per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--embeddings", paramLabel = "FILE",
            description = "Start the word table from these word vectors ('word v1 v2 ...' lines, as 'embeddings train' writes them); "
                    + "words not there start random. Their width must be --word-dim.")
    Path embeddings;

    @Option(names = "--embeddings-words", paramLabel = "N",
            description = "With --embeddings: of the first N words of the vectors file in normalized form (lowercase, digits "
                    + "made 0; the N most frequent in a file ordered by frequency, as 'embeddings train' writes it), those "
                    + "training never saw join the word vocabulary after the training words, starting from their vectors; "
                    + "0 adds none (default: every normalized word of the file).")
    Integer embeddingsWords;

    @Option(names = {"-o", "--output"}, defaultValue = "tagger-model", paramLabel = "DIR",
            description = "Where to save the best model (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        ModelDirectory.checkWritable("--output", output, ModelDirectory.TAGGER);
        training.checkOutputs();
        WordVectors pretrained = embeddings == null ? null : WordVectors.read(embeddings);
        if (pretrained != null && pretrained.dim() != wordDim) {
            throw new IllegalArgumentException("train: --embeddings " + embeddings + " holds vectors of " + pretrained.dim()
                    + " components but --word-dim is " + wordDim + "; expected the same width (pass --word-dim " + pretrained.dim() + ")");
        }
        Backend backend = training.start(out, 0);
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(wordDim, capDim, suffixDim, hidden,
                charFilters() == 0 ? WindowTagger.Characters.NONE : new WindowTagger.Characters(charDim, charFilters(), charWindow));
        TaggerTraining.Settings settings = new TaggerTraining.Settings(epochs, batchSize, learningRate, decay, momentum, rareDropout, seed);
        WindowFeaturizer.Options options = new WindowFeaturizer.Options(window, 1, suffixes);

        BrownCorpus brown = corpus.read();
        var trainDocuments = brown.documents(CorpusSplit.TRAIN);
        var devDocuments = brown.documents(CorpusSplit.DEV);
        if (trainDocuments.isEmpty() || devDocuments.isEmpty()) {
            throw new IllegalArgumentException("train: the corpus has " + brown.documents().size()
                    + " files; expected at least 3: in name order the first is test, the second dev, the third and later train");
        }
        WindowFeaturizer featurizer = withPretrainedWords(WindowFeaturizer.fit(trainDocuments, TagSet.of(scheme), options), pretrained);
        boolean characters = sizes.characters().on();
        WindowBatches train = new WindowBatches(featurizer.extract(trainDocuments), characters);
        OptionCheck.inRange("--batch-size", batchSize, 1, train.tokens(), "the tokens of the training split");
        WindowBatches dev = new WindowBatches(featurizer.extract(devDocuments), characters);
        out.printf(Locale.ROOT, "%s tags (%d); train %d tokens, dev %d; vocabulary %d words (%d from training%s), suffixes %s, characters %d%n",
                scheme.name().toLowerCase(Locale.ROOT), featurizer.tags().size(), train.tokens(), dev.tokens(),
                featurizer.words().size(), featurizer.trainingWords(), featurizer.words().known().size() == featurizer.trainingWords()
                        ? "" : ", " + (featurizer.words().known().size() - featurizer.trainingWords()) + " more from --embeddings",
                featurizer.suffixes().stream().map(Vocabulary::size).toList(), featurizer.characters().size());
        WindowTagger model = new WindowTagger(featurizer, sizes, seed, loss()).sparseGrad(embeddingGrad == GradientForm.SPARSE);
        if (pretrained != null) {
            out.println(pretrained.startTable(model.wordTable(), featurizer.words(), embeddings));
        }
        out.println(model + "\n" + model.parameterCount() + " parameters");
        TrainingReport report = new TrainingReport("tagger train", title(featurizer), "dev",
                configuration(settings, sizes, featurizer, model));

        long start = System.nanoTime();
        double[] best = {-1};
        TaggerTraining.Listener listener = new TaggerTraining.Listener() {
            private EpochProgress bar;

            @Override
            public void epochStarted(int epoch, long tokens) {
                out.flush();
                bar = progress.open("epoch " + epoch + "/" + epochs + " (words)", tokens, System.out);
            }

            @Override
            public void stepped(int tokens, double loss) {
                bar.step(tokens, loss);
            }

            @Override
            public void epoch(TaggerTraining.Epoch epoch, boolean improved) {
                bar.close();
                report.add(new EpochMetrics(epoch.epoch(), epoch.loss(), epoch.devLoss(), epoch.devAccuracy(), train.tokens(),
                        epoch.seconds()));
                out.printf(Locale.ROOT, "epoch %d: lr %.4f, loss %.4f, dev loss %.4f, dev accuracy %.2f%%, %.1f s (%.0f words/s)%s%n",
                        epoch.epoch(), epoch.learningRate(), epoch.loss(), epoch.devLoss(), 100 * epoch.devAccuracy(),
                        epoch.seconds(), epoch.wordsPerSecond(), improved ? ", best so far: saved" : "");
                out.flush();
                if (improved) {
                    best[0] = epoch.devAccuracy();
                    save(featurizer, sizes, model, settings, epoch);
                }
            }
        };
        TaggerTraining trainer = new TaggerTraining(model, settings);
        Path checkpoint = output.resolveSibling(output.getFileName() + "-checkpoint.npz");
        if (checkpointEvery.every() > 0) {
            trainer.checkpointEvery(checkpointEvery.every(), checkpoint);
        }
        if (resume) {
            if (!Files.exists(checkpoint)) {
                throw new IOException("train: no checkpoint at " + checkpoint + " to resume from; it is written with "
                        + "--checkpoint-every N beside -o " + output);
            }
            trainer.resume(checkpoint, train);
            best[0] = trainer.bestAccuracy();
            out.printf(Locale.ROOT, "resumed from %s after epoch %d%s (best dev accuracy %.2f%%)%n", checkpoint,
                    trainer.epochsDone(), trainer.stepsIntoEpoch() == 0 ? "" : " and step " + trainer.stepsIntoEpoch()
                            + " of epoch " + (trainer.epochsDone() + 1), 100 * trainer.bestAccuracy());
        }
        if (!spark.enabled()) {
            trainer.run(train, dev, listener);
        } else {
            try (TaggerSparkSteps steps = new TaggerSparkSteps(spark, train, featurizer, sizes, settings, model, out)) {
                // As mnist and lm report a Spark run: its master and the partitions it cut (Spark's default if not given).
                report.configure("spark", steps.steps.master()).configure("partitions", steps.steps.partitions());
                trainer.computeGradientsWith(steps).run(train, dev, steps.printingTimes(listener, out));
            }
        }
        out.println(report.speedSummary("words"));
        out.printf(Locale.ROOT, "trained in %.1f s; best dev accuracy %.2f%%; model in %s%n",
                (System.nanoTime() - start) / 1e9, 100 * best[0], output);
        training.finish(report, backend, out);
        out.flush();
        return 0;
    }

    /**
     * The featurizer with the words of the pretrained vectors that training never saw (of their words in
     * normalized form, the first {@code --embeddings-words}, else all) added to its vocabulary; as it is
     * without vectors. A word not in normalized form ("The", "1990") is left out before the count: no
     * token's lookup asks for it, so its row would never be read.
     */
    WindowFeaturizer withPretrainedWords(WindowFeaturizer fitted, WordVectors pretrained) {
        if (pretrained == null) {
            return fitted;
        }
        List<String> words = pretrained.words().stream().filter(WindowFeaturizer::isNormalized).toList();
        return fitted.withWords(embeddingsWords == null ? words : words.subList(0, Math.min(embeddingsWords, words.size())));
    }

    /** E.g. "Brown POS tagger, universal tags (12): window 5, hidden 300, 10 epochs, batch 512, lr 0.1 x 0.75/epoch, momentum 0.9, wll". */
    String title(WindowFeaturizer featurizer) {
        return "Brown POS tagger, " + scheme.name().toLowerCase(Locale.ROOT) + " tags (" + featurizer.tags().size()
                + "): window " + window + ", hidden " + hidden + ", " + epochs + " epochs, batch " + batchSize + ", lr "
                + TrainingReport.setting(learningRate) + " x " + TrainingReport.setting(decay) + "/epoch, momentum "
                + TrainingReport.setting(momentum) + ", " + loss().jsonName();
    }

    /** The settings, for the report; its samples are words (tokens). */
    private Map<String, Object> configuration(TaggerTraining.Settings settings, WindowTagger.Sizes sizes,
            WindowFeaturizer featurizer, WindowTagger model) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("tags", scheme.name().toLowerCase(Locale.ROOT));
        configuration.put("tagCount", featurizer.tags().size());
        configuration.put("loss", loss().jsonName());
        configuration.put("network", model.toString());
        configuration.put("parameters", model.parameterCount());
        configuration.put("window", window);
        configuration.put("suffixes", suffixes);
        configuration.put("sizes", sizes);
        configuration.put("settings", settings);
        configuration.put("vocabulary", featurizer.words().size());
        configuration.put("trainingWords", featurizer.trainingWords());
        configuration.put("samples", "words (tokens) of the training split; dev figures after each epoch");
        return configuration;
    }

    /** The widest vector or layer the size options accept: far beyond what tagging needs, and still allocatable. */
    static final int MAX_WIDTH = 10_000;
    /** The widest window: beyond it a window holds little but sentence padding. */
    static final int MAX_WINDOW = 99;

    /** Checks every option against its range before anything is read; throws a {@link BadOptionException}. */
    void checkOptions() {
        OptionCheck.atLeast("--epochs", epochs, 1);
        OptionCheck.inRange("--window", window, 1, MAX_WINDOW, "");
        if (window % 2 == 0) {
            throw OptionCheck.bad("--window", window, "expected an odd number, so that a word has a middle");
        }
        if (suffixes.stream().distinct().count() != suffixes.size()) {
            throw OptionCheck.bad("--suffixes", suffixes, "expected distinct lengths");
        }
        suffixes.forEach(n -> OptionCheck.inRange("--suffixes", n, 1, MAX_WINDOW, "characters"));
        OptionCheck.inRange("--word-dim", wordDim, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--cap-dim", capDim, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--suffix-dim", suffixDim, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--hidden", hidden, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--char-dim", charDim, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--char-filters", charFilters(), 0, MAX_WIDTH, "");
        OptionCheck.inRange("--char-window", charWindow, 1, MAX_WINDOW, "characters");
        if (charWindow % 2 == 0) {
            throw OptionCheck.bad("--char-window", charWindow, "expected an odd number, so that a window has a middle character");
        }
        if (spark.enabled() && charFilters() > 0) {
            throw OptionCheck.bad("--char-filters", charFilters, "with --spark, whose tasks carry window ids only; pass --char-filters 0");
        }
        OptionCheck.positive("--lr", learningRate);
        OptionCheck.aboveAtMost("--lr-decay", decay, 0, 1);
        OptionCheck.inRange("--momentum", momentum, 0, 1, false);
        OptionCheck.inRange("--rare-dropout", rareDropout, 0, 1, true);
        OptionCheck.atLeast("--batch-size", batchSize, 1);
        if (embeddingsWords != null) {
            if (embeddings == null) {
                throw OptionCheck.bad("--embeddings-words", embeddingsWords, "expected it only with --embeddings FILE, whose words it adds");
            }
            OptionCheck.atLeast("--embeddings-words", embeddingsWords, 0);
        }
        training.checkOptions();
        spark.check();
        if (spark.enabled() && loss == TaggerLoss.SLL) {
            throw OptionCheck.bad("--loss", "sll", "with --spark, whose tasks compute word-level steps only; pass --loss wll");
        }
        checkpointEvery.check();
    }

    private void save(WindowFeaturizer featurizer, WindowTagger.Sizes sizes, WindowTagger model,
            TaggerTraining.Settings settings, TaggerTraining.Epoch epoch) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("epoch", epoch.epoch());
        info.put("devAccuracy", epoch.devAccuracy());
        info.put("settings", settings);
        try {
            TaggerCheckpoint.save(output, featurizer, sizes, model, info);
        } catch (IOException e) {
            throw new UncheckedIOException("train: could not save the model in " + output + ": " + e.getMessage(), e);
        }
    }
}
