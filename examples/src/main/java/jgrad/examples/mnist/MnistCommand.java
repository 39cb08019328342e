package jgrad.examples.mnist;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.examples.cli.BadOptionException;
import jgrad.examples.cli.OptionCheck;
import jgrad.examples.cli.OutputCheck;
import jgrad.layers.Replicas;
import jgrad.examples.cli.ProgressOptions;
import jgrad.examples.cli.SparkOptions;
import jgrad.examples.cli.StepCheckpointOptions;
import jgrad.examples.cli.ThreadOptions;
import jgrad.examples.cli.TrainingOptions;
import jgrad.data.Mnist;
import jgrad.examples.report.Backend;
import jgrad.examples.report.EpochMetrics;
import jgrad.examples.report.EpochProgress;
import jgrad.examples.report.TrainingReport;
import jgrad.examples.spark.SparkSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad mnist}: trains an MLP (default) or a LeNet-style CNN on MNIST and reports the test
 * accuracy. See {@link MnistModel} for the networks and {@link MnistTrainer} for the recipe.
 *
 * <p>Prints a start-up line, a progress display per epoch, one line of test metrics per epoch and at
 * the end {@code test accuracy: 0.9xyz} on its own line. The checkpoint is written after every epoch, and
 * with {@code --checkpoint-every N} after every N steps.
 * Without {@code --spark}, each step's gradient comes from replicas in this JVM, as a user program gets
 * them ({@link Replicas}): {@code --replicas N} (or {@code -Djgrad.replicas}, {@code JGRAD_REPLICAS}), said
 * in a line after the start-up line, or by default as many as {@link jgrad.core.ReplicaChoice#forBatch}
 * gives for the multiply-adds that the first step measured, said after the first epoch's line.
 * With {@code --spark MASTER} the gradients come from Spark ({@link MnistSparkSteps}): it also prints the
 * partitions and, after each epoch line, the time split of the epoch's steps.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a network on the MNIST digits and print its test accuracy.",
            "The default is an MLP 784-512-256-10 with ReLU; --model cnn trains a LeNet-style CNN "
                    + "(conv 5x5 1->20, max-pool 2, ReLU; conv 5x5 20->50, max-pool 2, ReLU; dense 800->500, ReLU; dense 500->10).",
            "Softmax cross-entropy; SGD with momentum and L2 decay of the weights (not the biases); the learning "
                    + "rate warms up linearly over the first 200 steps (a tenth of the run's steps if fewer), then follows "
                    + "a cosine from --lr down to 0 at the last step of the last epoch.",
            "After each epoch: the test loss and accuracy, and a checkpoint (parameters, momentum, epochs done); with "
                    + "--checkpoint-every N also after every N steps. --resume continues from it with the next step, exactly as "
                    + "an uninterrupted run with the same options would.",
            "The JSON report and the PNG of the training and test loss and the test accuracy per epoch are written only "
                    + "when --report and --plot are given."
        })
public final class MnistCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "MLP",
            description = "${COMPLETION-CANDIDATES} (default: mlp).")
    MnistModel model;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Passes over the 60,000 training images (default: " + MLP_EPOCHS + " for mlp, "
                    + CNN_EPOCHS + " for cnn). The cosine schedule spans all of them.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE", defaultValue = "0.1",
            description = "Peak learning rate of the cosine schedule (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "1e-4",
            description = "L2 decay of the weights, not the biases (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where MNIST is cached (fetched there if missing). Default: $JGRAD_DATA/mnist or ~/.cache/jgrad/mnist.")
    Path dataDir;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Checkpoint written after every epoch (default: ~/.cache/jgrad/checkpoints/mnist-<model>.npz).")
    Path checkpoint;

    @Option(names = "--resume",
            description = "Continue from the checkpoint with the step after the last one it holds. The checkpoint records "
                    + "the options that shape the run (--model, --epochs, --batch-size, --lr, --momentum, --weight-decay, "
                    + "--seed); a checkpoint written with others is refused, naming the difference.")
    boolean resume;

    @Mixin
    StepCheckpointOptions checkpointEvery;

    @Mixin
    SparkOptions spark;

    @Option(names = "--replicas", paramLabel = "N",
            description = "Replicas of the model that compute each step's gradient in this JVM, each on its own thread and "
                    + "a share of the batch; their gradients are summed, so the training is the same to float rounding. "
                    + "Default: chosen after the first step (run on one) from the multiply-adds it measured: one per core "
                    + "when every kernel runs on one thread, each replica gets at least "
                    + jgrad.core.ReplicaChoice.MIN_ROWS_PER_REPLICA + " images and its share computes at least "
                    + jgrad.core.ReplicaChoice.MIN_MULTIPLY_ADDS_PER_PARAMETER + " multiply-adds per parameter (the CNN: 2 "
                    + "at batch 64 on 2 cores; the MLP: 1 at batch 128, 2 at 512), else 1 (or -Djgrad.replicas, JGRAD_REPLICAS). "
                    + "Not with --spark.")
    Integer replicas;

    @Mixin
    TrainingOptions training;

    @Mixin
    ProgressOptions progress;

    static final int MLP_EPOCHS = 10;
    static final int CNN_EPOCHS = 3;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        MnistTrainer.Settings settings = settings();
        spark.check();
        checkpointEvery.check();
        if (replicas != null && spark.enabled()) {
            throw OptionCheck.bad("--replicas", replicas, "not with --spark, whose tasks are the replicas");
        }
        if (replicas != null) {
            int cores = Runtime.getRuntime().availableProcessors();
            OptionCheck.inRange("--replicas", replicas, 1, ThreadOptions.maxThreads(),
                    ThreadOptions.MAX_PER_CORE + " times the " + cores + " core" + (cores == 1 ? "" : "s") + " Java sees");
        }
        Path checkpointFile = checkpointFile();
        training.checkOutputs();
        OutputCheck.writable("--checkpoint", checkpointFile);
        requireCheckpointToResume(checkpointFile);
        // jgrad's own thread choice for both models: on 2 cores the CNN's convolutions gain 1.4x from the
        // second core when it is idle, but lost 1.8-4x (2,268 against 1,244 samples/s) when another
        // process held it; --large-threads 2 is for a machine known to be idle.
        PrintWriter lines = new PrintWriter(out, true); // the start-up and closing lines
        Backend backend = training.start(lines);
        Mnist trainSet = Mnist.load(dataDir, Mnist.Split.TRAIN, Mnist.Scaling.UNIT);
        Mnist testSet = Mnist.load(dataDir, Mnist.Split.TEST, Mnist.Scaling.UNIT);
        OptionCheck.inRange("--batch-size", batchSize, 1, trainSet.size(), "the number of training images");
        MnistTrainer trainer = new MnistTrainer(settings, trainSet.images(), trainSet.labels(), testSet.images(),
                testSet.labels());
        TrainingReport report;
        MnistTrainer.Evaluation result;
        if (!spark.enabled()) {
            if (replicas != null) {
                trainer.useReplicas(replicas);
            }
            if (!trainer.measuringReplicas()) {
                out.println(replicasLine(trainer, replicas != null ? "--replicas" : trainer.replicaChoice().source()));
            }
            report = report(trainer, null);
            try {
                result = run(trainer, checkpointFile, out, report, null);
            } finally {
                trainer.close();
            }
        } else {
            try (MnistSparkSteps steps = new MnistSparkSteps(spark, trainer.trainSize(),
                    MnistSparkSteps.trainingImages(dataDir), settings, trainer.model().namedParameters())) {
                out.println(steps.steps.describe());
                trainer.computeGradientsWith(steps);
                report = report(trainer, steps.steps);
                result = run(trainer, checkpointFile, out, report, steps.steps);
            }
        }
        if (!report.epochs().isEmpty()) {
            out.println(report.speedSummary("samples"));
        }
        out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.accuracy());
        training.finish(report, backend, lines);
        return 0;
    }

    /**
     * The options as settings, with the model's default epochs when none were given.
     *
     * @throws BadOptionException if an option is out of its range (any seed is a seed)
     */
    MnistTrainer.Settings settings() {
        int n = epochs != null ? epochs : model == MnistModel.CNN ? CNN_EPOCHS : MLP_EPOCHS;
        OptionCheck.atLeast("--epochs", n, 1);
        OptionCheck.atLeast("--batch-size", batchSize, 1);
        OptionCheck.positive("--lr", learningRate);
        OptionCheck.inRange("--momentum", momentum, 0, 1, false);
        OptionCheck.nonNegative("--weight-decay", weightDecay);
        training.checkOptions();
        return new MnistTrainer.Settings(model, n, batchSize, learningRate, momentum, weightDecay, seed);
    }

    /** --checkpoint, or the default for the model. */
    Path checkpointFile() {
        if (checkpoint != null) {
            return checkpoint;
        }
        return Path.of(System.getProperty("user.home"), ".cache", "jgrad", "checkpoints",
                "mnist-" + model.name().toLowerCase(Locale.ROOT) + ".npz");
    }

    /**
     * Resumes if asked, trains the remaining epochs (printing and reporting each, saving the checkpoint
     * after each) and returns the final test evaluation.
     */
    MnistTrainer.Evaluation run(MnistTrainer trainer, Path checkpointFile, PrintStream out, TrainingReport report)
            throws IOException {
        return run(trainer, checkpointFile, out, report, null);
    }

    /** {@link #run(MnistTrainer, Path, PrintStream, TrainingReport)}, printing the time split of {@code spark}'s steps (if not null) after each epoch. */
    MnistTrainer.Evaluation run(MnistTrainer trainer, Path checkpointFile, PrintStream out, TrainingReport report,
            SparkSteps<?> spark) throws IOException {
        int total = trainer.settings().epochs();
        requireCheckpointToResume(checkpointFile);
        if (checkpointEvery.every() > 0) {
            trainer.checkpointEvery(checkpointEvery.every(), checkpointFile);
        }
        if (resume) {
            trainer.resume(checkpointFile);
            out.printf(Locale.ROOT, "resumed from %s after epoch %d of %d%s%n", checkpointFile, trainer.epochsDone(), total,
                    trainer.stepsIntoEpoch() == 0 ? "" : String.format(Locale.ROOT, " and step %d of epoch %d",
                            trainer.stepsIntoEpoch(), trainer.epochsDone() + 1));
        }
        out.printf(Locale.ROOT, "model: %s, %,d parameters; %d epochs of %,d images in batches of %d%n",
                trainer.settings().model().name().toLowerCase(Locale.ROOT), trainer.model().parameterCount(), total,
                trainer.trainSize(), trainer.settings().batchSize());
        MnistTrainer.Evaluation evaluation = null;
        boolean measuring = spark == null && trainer.measuringReplicas();
        while (trainer.epochsDone() < total) {
            int epoch = trainer.epochsDone() + 1;
            MnistTrainer.EpochResult epochResult;
            try (EpochProgress bar = progress.open("epoch " + epoch + "/" + total, trainer.trainSize(), out)) {
                epochResult = trainer.trainEpoch(bar);
            }
            long evaluationStart = System.nanoTime();
            evaluation = trainer.evaluate();
            double evaluationSeconds = (System.nanoTime() - evaluationStart) / 1e9;
            trainer.save(checkpointFile);
            report.add(new EpochMetrics(epoch, epochResult.trainLoss(), evaluation.loss(), evaluation.accuracy(),
                    epochResult.samples(), epochResult.seconds()));
            out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  test loss %.4f  test accuracy %.4f  "
                    + "%.0f samples/s  (%.1f s, test %.1f s)%n",
                    epoch, total, epochResult.trainLoss(), evaluation.loss(), evaluation.accuracy(),
                    epochResult.samplesPerSecond(), epochResult.seconds(), evaluationSeconds);
            if (spark != null) {
                out.println(spark.epochTimes());
            } else if (measuring) {
                measuring = false;
                out.println(replicasLine(trainer, String.format(Locale.ROOT, "%s, from the first step: %,d multiply-adds per image",
                        trainer.replicaChoice().source(), trainer.multiplyAddsPerImage())));
                report.configure("replicas", trainer.replicas());
            }
        }
        if (evaluation == null) {
            evaluation = trainer.evaluate(); // resumed after the last epoch: nothing left to train
        }
        out.println("checkpoint: " + checkpointFile);
        return evaluation;
    }

    /** E.g. "replicas: 2 (default), each step's 128 images shared among them". */
    private static String replicasLine(MnistTrainer trainer, String source) {
        return "replicas: " + trainer.replicas() + " (" + source + "), each step's " + trainer.settings().batchSize()
                + " images shared among them";
    }

    /** An empty report of this run, evaluated on the test set, titled with the model and its settings. */
    TrainingReport report(MnistTrainer trainer) {
        return report(trainer, null);
    }

    /** The report of a run whose gradients come from {@code spark} (null: from this machine). */
    TrainingReport report(MnistTrainer trainer, SparkSteps<?> spark) {
        Map<String, Object> configuration = configuration(trainer);
        configuration.put("replicas", trainer.replicas());
        if (spark != null) {
            configuration.put("spark", spark.master());
            configuration.put("partitions", spark.partitions());
        }
        return new TrainingReport("mnist", title(trainer.settings()), "test", configuration);
    }

    /** E.g. "MNIST, MLP 784-512-256-10: 10 epochs, batch 128, SGD lr 0.1 cosine, momentum 0.9, L2 1e-4, seed 1". */
    static String title(MnistTrainer.Settings s) {
        return "MNIST, " + s.model().title() + ": " + s.epochs() + " epochs, batch " + s.batchSize()
                + ", SGD lr " + TrainingReport.setting(s.learningRate()) + " cosine, momentum "
                + TrainingReport.setting(s.momentum()) + ", L2 " + TrainingReport.setting(s.weightDecay()) + ", seed " + s.seed();
    }

    private void requireCheckpointToResume(Path checkpointFile) throws IOException {
        if (resume && !Files.exists(checkpointFile)) {
            throw new IOException("no checkpoint at " + checkpointFile + " to resume from; run without --resume, "
                    + "or pass the file with --checkpoint");
        }
    }

    /** The settings, for the report. */
    Map<String, Object> configuration(MnistTrainer trainer) {
        MnistTrainer.Settings s = trainer.settings();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("model", s.model().name().toLowerCase(Locale.ROOT));
        configuration.put("network", trainer.model().toString());
        configuration.put("parameters", trainer.model().parameterCount());
        configuration.put("epochs", s.epochs());
        configuration.put("batchSize", s.batchSize());
        configuration.put("learningRate", s.learningRate());
        configuration.put("schedule", "linear warmup over " + trainer.warmupSteps() + " steps, then cosine to 0 at the last step");
        configuration.put("optimizer", "SGD");
        configuration.put("momentum", s.momentum());
        configuration.put("weightDecay", s.weightDecay());
        configuration.put("weightDecayApplies", "weights, not biases");
        configuration.put("loss", "softmax cross-entropy");
        configuration.put("seed", s.seed());
        configuration.put("trainImages", trainer.trainSize());
        configuration.put("resumed", resume);
        configuration.put("reportedLoss", "trainLoss: mean training loss of the epoch; testLoss and testAccuracy: on the test set after it");
        return configuration;
    }
}
