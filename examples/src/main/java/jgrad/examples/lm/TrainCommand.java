package jgrad.examples.lm;

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
import jgrad.examples.cli.ProgressOptions;
import jgrad.examples.cli.SparkOptions;
import jgrad.examples.cli.StepCheckpointOptions;
import jgrad.examples.tagger.ModelDirectory;
import jgrad.examples.cli.TrainingOptions;
import jgrad.examples.report.Backend;
import jgrad.examples.report.EpochMetrics;
import jgrad.examples.report.EpochProgress;
import jgrad.examples.report.TrainingReport;
import jgrad.examples.spark.SparkSteps;
import jgrad.examples.tagger.CorpusOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad lm train}: builds the paper's split and vocabulary ({@link LmCorpus}), trains a
 * {@link NeuralLanguageModel}, prints the validation perplexity after every epoch, keeps the epoch best on
 * validation in the output directory ({@link LmModelFiles}) and stops early when validation has not
 * improved for {@code --patience} epochs. After every epoch (and with {@code --checkpoint-every N} after
 * every N steps) it also writes the resume checkpoint.
 *
 * <p>Why Adam by default: a word seen four times gets four gradients an epoch, and with plain SGD at a
 * learning rate that keeps the frequent words' rows stable the rare rows barely move in the few epochs
 * the time budget allows; Adam scales each element's step by its own gradient history.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the neural probabilistic language model on the Brown training part; keep the epoch best on validation.",
            "The split: the 500 files in name order as one stream, the first 800,000 tokens train, the next 200,000 validate, "
                    + "the rest test; words seen 3 times or fewer in training are the unknown word."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    CorpusOptions corpus;

    @Mixin
    TrainingOptions training;

    @Mixin
    ProgressOptions progress;

    @Mixin
    StepCheckpointOptions checkpointEvery;

    @Mixin
    SparkOptions spark;

    @Option(names = {"-n", "--order"}, defaultValue = "5", description = "n: the model sees the n - 1 previous words (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = {"-m", "--embedding"}, defaultValue = "60", description = "Word vector width m (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--hidden", defaultValue = "100", description = "Hidden tanh units h (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--direct", description = "Direct connections from the word vectors to the output (the paper's 'direct'; its output layer does 3.4x the multiply-adds).")
    boolean direct;

    @Option(names = "--dropout", defaultValue = "0.1",
            description = "Dropout of the word vectors and hidden units in training (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--optimizer", defaultValue = "ADAM", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LmTraining.Method method;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.002", description = "Learning rate of the first epoch (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lr-decay", defaultValue = "0.6", description = "Factor applied to the learning rate after each epoch (default: ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--weight-decay", defaultValue = "0",
            description = "L2 decay of the weights and word vectors, not the biases (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--momentum", defaultValue = "0.9", description = "Momentum of --optimizer sgd (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--epochs", defaultValue = "10", description = "At most this many passes over the training part (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "1",
            description = "Stop after this many epochs without a better validation perplexity (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch-size", defaultValue = "512", description = "Words per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    SplitOptions split;

    @Option(names = {"-o", "--output"}, defaultValue = "lm-model", paramLabel = "DIR",
            description = "Where to keep the best model and the resume checkpoint (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--resume", description = "Continue from DIR/checkpoint.npz with the step after it (the next epoch, "
            + "unless --checkpoint-every wrote it in the middle of one); use the same options.")
    boolean resume;

    /** The widest layer or vector the size options accept: far beyond the paper's, and still allocatable. */
    static final int MAX_WIDTH = 10_000;

    /** Checks every option against its range before anything is read; throws a {@link BadOptionException}. */
    void checkOptions() {
        OptionCheck.inRange("--order", order, 2, 10, "");
        OptionCheck.inRange("--embedding", embedding, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--hidden", hidden, 1, MAX_WIDTH, "");
        OptionCheck.inRange("--dropout", dropout, 0, 1, false);
        OptionCheck.positive("--lr", learningRate);
        OptionCheck.aboveAtMost("--lr-decay", decay, 0, 1);
        OptionCheck.nonNegative("--weight-decay", weightDecay);
        OptionCheck.inRange("--momentum", momentum, 0, 1, false);
        OptionCheck.atLeast("--epochs", epochs, 1);
        OptionCheck.atLeast("--patience", patience, 1);
        OptionCheck.atLeast("--batch-size", batchSize, 1);
        split.check();
        training.checkOptions();
        spark.check();
        checkpointEvery.check();
    }

    /** Where the command prints: standard output, or what a test sets. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        training.checkOutputs();
        ModelDirectory.checkWritable("--output", output, LmModelFiles.CONTENTS);
        NeuralLanguageModel.Sizes sizes = new NeuralLanguageModel.Sizes(order, embedding, hidden, direct, dropout);
        LmTraining.Settings settings = new LmTraining.Settings(method, epochs, batchSize, learningRate, decay, weightDecay,
                momentum, seed);
        PrintWriter lines = new PrintWriter(out, true); // the start-up and closing lines
        Backend backend = training.start(lines);
        LmCorpus data = split.of(corpus.read());
        LmCorpus.Examples train = data.examples(LmCorpus.Split.TRAIN, order);
        LmCorpus.Examples valid = data.examples(LmCorpus.Split.VALID, order);
        out.printf(Locale.ROOT, "corpus: %,d tokens; train %,d, valid %,d, test %,d; vocabulary %,d words with the unknown word "
                + "(%,d training tokens unknown)%n", data.tokens(), train.size(), valid.size(),
                data.to(LmCorpus.Split.TEST) - data.from(LmCorpus.Split.TEST), data.predicted(), data.unknowns(LmCorpus.Split.TRAIN));
        NeuralLanguageModel model = new NeuralLanguageModel(sizes, data.vocabulary().size(), data.predicted(), seed);
        LmTraining trainer = new LmTraining(model, settings, train);
        Path checkpoint = LmModelFiles.checkpoint(output);
        if (resume) {
            if (!Files.exists(checkpoint)) {
                throw new IOException("lm train: no checkpoint at " + checkpoint + " to resume from; run without --resume or pass its -o");
            }
            trainer.resume(checkpoint);
            out.printf(Locale.ROOT, "resumed from %s after epoch %d%s (best validation perplexity %.2f)%n", checkpoint,
                    trainer.epochsDone(), trainer.stepsIntoEpoch() == 0 ? "" : String.format(Locale.ROOT,
                            " and step %d of epoch %d", trainer.stepsIntoEpoch(), trainer.epochsDone() + 1),
                    trainer.bestPerplexity());
        }
        if (checkpointEvery.every() > 0) {
            trainer.checkpointEvery(checkpointEvery.every(), checkpoint);
        }
        out.printf(Locale.ROOT, "model: %s, %,d parameters; %s, batches of %d%n", model, model.parameterCount(),
                method.name().toLowerCase(Locale.ROOT), batchSize);
        Map<String, Object> configuration = configuration(model, settings);
        TrainingReport report;
        if (!spark.enabled()) {
            report = report(model, configuration);
            train(trainer, data, train, valid, report, null);
        } else {
            try (LmSparkSteps steps = new LmSparkSteps(spark, train, model, data.vocabulary().size(), seed, out)) {
                configuration.put("spark", steps.steps.master());
                configuration.put("partitions", steps.steps.partitions());
                report = report(model, configuration);
                trainer.computeGradientsWith(steps);
                train(trainer, data, train, valid, report, steps.steps);
            }
        }
        training.finish(report, backend, lines);
        return 0;
    }

    /**
     * Trains epoch after epoch until --epochs or --patience stops it, saving the best model and the
     * checkpoint; with {@code spark} (null: without), prints the time split of each epoch's steps.
     */
    private void train(LmTraining trainer, LmCorpus data, LmCorpus.Examples train, LmCorpus.Examples valid, TrainingReport report,
            SparkSteps<?> spark) throws IOException {
        NeuralLanguageModel model = trainer.model();
        LmTraining.Settings settings = trainer.settings();
        Path checkpoint = LmModelFiles.checkpoint(output);
        long start = System.nanoTime();
        while (trainer.epochsDone() < epochs && (trainer.epochsDone() == 0 || trainer.epochsWithoutImprovement() < patience)) {
            int epoch = trainer.epochsDone() + 1;
            LmTraining.EpochResult result;
            try (EpochProgress bar = progress.open("epoch " + epoch + "/" + epochs + " (words)", train.size(), out)) {
                result = trainer.trainEpoch(bar::step);
            }
            long validStart = System.nanoTime();
            double perplexity = LmTraining.perplexity(LmTraining.logProbabilities(model, valid));
            double validSeconds = (System.nanoTime() - validStart) / 1e9;
            boolean best = trainer.recordValidation(perplexity);
            if (best) {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("epoch", epoch);
                info.put("validPerplexity", perplexity);
                info.put("settings", settings);
                LmModelFiles.save(output, data.vocabulary(), model, info);
            }
            trainer.save(checkpoint);
            // The evaluation loss is the validation cross-entropy, log perplexity; there is no accuracy.
            report.add(new EpochMetrics(epoch, result.trainLoss(), Math.log(perplexity), Double.NaN, result.words(),
                    result.seconds()));
            out.printf(Locale.ROOT, "epoch %d/%d  lr %.5f  train loss %.4f (perplexity %.1f)  valid perplexity %.2f  "
                    + "%.0f words/s  (%.1f s, valid %.1f s at %.0f words/s; %.1f min in all)%s%n",
                    epoch, epochs, result.learningRate(), result.trainLoss(), Math.exp(result.trainLoss()), perplexity,
                    result.wordsPerSecond(), result.seconds(), validSeconds, valid.size() / validSeconds,
                    (System.nanoTime() - start) / 60e9, best ? "  best so far: saved" : "");
            if (spark != null) {
                out.println(spark.epochTimes());
            }
            out.flush();
        }
        if (trainer.epochsWithoutImprovement() >= patience) {
            out.printf(Locale.ROOT, "stopped early: no better validation perplexity for %d epoch(s)%n", patience);
        }
        out.printf(Locale.ROOT, "best validation perplexity %.2f; model in %s%n", trainer.bestPerplexity(), output);
    }

    /** An empty report of this run, titled with the network and the optimizer; with --spark, {@code configuration} names its master and partitions. */
    private TrainingReport report(NeuralLanguageModel model, Map<String, Object> configuration) {
        return new TrainingReport("lm train", model.toString().lines().findFirst().orElse("lm")
                + ", " + method.name().toLowerCase(Locale.ROOT) + " lr " + learningRate, "valid", configuration);
    }

    private Map<String, Object> configuration(NeuralLanguageModel model, LmTraining.Settings settings) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("network", model.toString());
        configuration.put("parameters", model.parameterCount());
        configuration.put("optimizer", settings.method().name().toLowerCase(Locale.ROOT));
        configuration.put("epochs", settings.epochs());
        configuration.put("patience", patience);
        configuration.put("batchSize", settings.batchSize());
        configuration.put("learningRate", settings.learningRate());
        configuration.put("learningRateDecay", settings.decay());
        configuration.put("weightDecay", settings.weightDecay());
        configuration.put("seed", settings.seed());
        configuration.put("resumed", resume);
        configuration.put("reportedLoss", "mean training cross-entropy of the epoch, nats per word");
        return configuration;
    }
}
