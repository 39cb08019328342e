package jgrad.examples.mnist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.ReplicaChoice;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.examples.report.EpochProgress;
import jgrad.examples.report.EpochsDone;
import jgrad.examples.report.PartialEpoch;
import jgrad.layers.Replicas;
import jgrad.layers.Sequential;
import jgrad.optim.Checkpoint;
import jgrad.optim.CosineDecay;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Npz;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains an {@link MnistModel} on images [n, 784] with labels [n], one epoch at a time, evaluates it and
 * saves and restores checkpoints. Nothing here prints; {@link MnistCommand} does.
 *
 * <p>The recipe: softmax cross-entropy on the logits; SGD with classic momentum and L2 decay of the
 * weights (not the biases), {@code g = grad + wd * w; v = mu * v + g; w -= lr * v}; the learning rate
 * set before every step from a cosine decay from its peak to 0 over the whole run, after a linear warmup
 * of {@link #warmupSteps} steps. Batches are reshuffled every epoch from the seed and the epoch number.
 *
 * <p>Everything that decides the next epoch is either derived from the settings (the batch order, the
 * learning rate of step t) or saved in the checkpoint (the parameters, the momentum buffers, the
 * number of epochs done and, in a checkpoint written in the middle of an epoch ({@link #checkpointEvery}),
 * the steps done of the epoch and their losses), so a run resumed from a checkpoint computes exactly
 * what an uninterrupted run computes from the step after it on.
 */
public final class MnistTrainer implements AutoCloseable {

    /** Where the number of finished epochs is kept in the checkpoint, beside the model's dotted names. */
    static final String EPOCH_KEY = EpochsDone.KEY;
    /**
     * Where the options that shape the run are kept in the checkpoint, as the UTF-8 bytes of a JSON object
     * keyed by option name ({@code {"--model":"mlp","--epochs":10,...}}), so that a resumed run can refuse a
     * checkpoint written with other options instead of continuing it on another schedule.
     */
    static final String SETTINGS_KEY = "run_settings";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Warmup ends after this many steps (fewer on very short runs): momentum 0.9 at lr 0.1 is a big first step. */
    static final long WARMUP_STEPS = 200;
    /** Test images per evaluation batch. */
    static final int EVALUATION_BATCH = 1000;

    /**
     * The settings of a run.
     *
     * @param weightDecay L2 factor of the weights; biases are not decayed
     */
    public record Settings(MnistModel model, int epochs, int batchSize, double learningRate, double momentum,
                           double weightDecay, long seed) {
        public Settings {
            if (model == null) {
                throw new IllegalArgumentException("mnist: no model given");
            }
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("mnist: --epochs and --batch-size must be at least 1, got "
                        + epochs + " and " + batchSize);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("mnist: --lr must be positive and finite, got " + learningRate);
            }
        }
    }

    /**
     * Computes a batch's mean loss and leaves its gradient in the model's parameters: on this machine
     * (the default), or on a Spark cluster ({@link MnistSparkSteps}).
     */
    interface StepGradients {
        double compute(DataLoader.Batch batch);
    }

    /** The test set's mean loss and the fraction of its images classified right. */
    public record Evaluation(double loss, double accuracy) {}

    /** One epoch of training: its mean training loss, samples and wall-clock seconds. */
    public record EpochResult(int epoch, double trainLoss, long samples, double seconds) {
        public double samplesPerSecond() {
            return seconds > 0 ? samples / seconds : 0;
        }
    }

    private final Settings settings;
    private final Sequential model;
    private final SGD optimizer;
    private final LearningRateSchedule schedule;
    private final DataLoader train;
    private final DataLoader test;
    private final long warmupSteps;
    private final Map<String, Parameter> named;
    /** The number of finished epochs, which travels in the checkpoint. */
    private final EpochsDone epochsDone = new EpochsDone("mnist");
    /** The settings as {@link #SETTINGS_KEY} stores them. */
    private final INDArray settingsBytes;
    private StepGradients gradients = this::localGradients;
    /**
     * The replicas that compute each local step's gradient, as a user program gets them ({@link Replicas#of}):
     * their count chosen after the first step, unless {@link #useReplicas} sets it.
     */
    private Replicas<Sequential> replicas;
    /** The steps done of the current epoch, for a checkpoint written in its middle. */
    private final PartialEpoch partial = new PartialEpoch("mnist");

    /** A fresh model drawn from the seed, over float32 images [n, 784] and int64 labels [n]. */
    public MnistTrainer(Settings settings, INDArray trainImages, INDArray trainLabels, INDArray testImages,
            INDArray testLabels) {
        this.settings = settings;
        this.model = settings.model().create(settings.seed());
        this.named = model.namedParameters();
        this.optimizer = SGD.builder(named.values(), settings.learningRate())
                .momentum(settings.momentum())
                .weightDecay(settings.weightDecay(), Optimizer.select(named, name -> !name.endsWith("bias")))
                .build();
        this.train = DataLoader.shuffled(new Dataset(trainImages, trainLabels), settings.batchSize(), settings.seed(), false);
        this.test = DataLoader.sequential(new Dataset(testImages, testLabels), EVALUATION_BATCH, false);
        long totalSteps = (long) settings.epochs() * train.batchesPerEpoch();
        this.warmupSteps = Math.min(WARMUP_STEPS, totalSteps / 10);
        this.schedule = new CosineDecay(settings.learningRate(), 0, warmupSteps, totalSteps);
        this.settingsBytes = Nd4j.createFromArray(settingsJson(settings).toString().getBytes(StandardCharsets.UTF_8));
        this.replicas = Replicas.of(model);
    }

    /**
     * Computes each local step's gradient with {@code n} replicas of the model in this JVM, each on its own
     * thread, and sums them ({@link Replicas}): the same training to float rounding, bit-identical run to
     * run for a given n; 1 is the single tape. Without it, {@link Replicas#of(jgrad.layers.Layer)} chooses
     * the count after the first step. Not part of the checkpoint's settings, since it does not change the
     * result beyond rounding.
     */
    public void useReplicas(int n) {
        Replicas<Sequential> old = replicas;
        replicas = Replicas.of(model, n);
        old.close();
    }

    /** The replicas computing the next local step's gradient (1: the model alone, as in the first step of a default choice). */
    public int replicas() {
        return replicas.count();
    }

    /** How {@link #replicas()} was chosen. */
    public ReplicaChoice replicaChoice() {
        return replicas.choice();
    }

    /** Whether the count of replicas is still to be chosen after the first step ({@link Replicas#measuring()}). */
    public boolean measuringReplicas() {
        return replicas.measuring();
    }

    /** The model's forward multiply-adds per image, measured by the first step's tape (0 before it). */
    public long multiplyAddsPerImage() {
        return replicas.multiplyAddsPerRow();
    }

    /** Stops the replicas' threads. */
    @Override
    public void close() {
        replicas.close();
    }

    /** The settings by the options that set them, as the checkpoint records them. */
    static ObjectNode settingsJson(Settings s) {
        ObjectNode json = JSON.createObjectNode();
        json.put("--model", s.model().name().toLowerCase(Locale.ROOT));
        json.put("--epochs", s.epochs());
        json.put("--batch-size", s.batchSize());
        json.put("--lr", s.learningRate());
        json.put("--momentum", s.momentum());
        json.put("--weight-decay", s.weightDecay());
        json.put("--seed", s.seed());
        return json;
    }

    public Sequential model() {
        return model;
    }

    public Settings settings() {
        return settings;
    }

    /** Warmup steps of the schedule: 200, or a tenth of the run if that is less. */
    public long warmupSteps() {
        return warmupSteps;
    }

    /** Training examples per epoch. */
    public int trainSize() {
        return train.size();
    }

    /** The number of epochs finished: 0 for a fresh model, else as restored or trained. */
    public int epochsDone() {
        return epochsDone.value();
    }

    /** The learning rate the optimizer used last (or starts with). */
    public double learningRate() {
        return optimizer.learningRate();
    }

    /**
     * Trains epoch {@link #epochsDone()} + 1: one pass over the shuffled training set in mini-batches.
     *
     * @param progress shown each step, or null
     * @throws IllegalStateException if all epochs are done, or the loss stops being finite
     */
    public EpochResult trainEpoch(EpochProgress progress) {
        int epoch = epochsDone() + 1;
        if (epoch > settings.epochs()) {
            throw new IllegalStateException("mnist: all " + settings.epochs() + " epochs are done");
        }
        // A run resumed from a checkpoint written in this epoch starts with the step after it.
        long step = (long) (epoch - 1) * train.batchesPerEpoch() + partial.stepsDone();
        long samples = 0;
        long start = System.nanoTime();
        for (DataLoader.Batch batch : train.epoch(epoch - 1, partial.stepsDone())) {
            optimizer.setLearningRate(schedule.learningRate(step++));
            int n = (int) batch.labels().length();
            double loss = gradients.compute(batch);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("mnist: the training loss became " + loss + " in epoch " + epoch
                        + " at learning rate " + optimizer.learningRate() + "; try a smaller --lr");
            }
            optimizer.step();
            optimizer.zeroGrad();
            samples += n;
            if (progress != null) {
                progress.step(n, loss);
            }
            partial.stepped(loss, n, step, train.batchesPerEpoch(), this::save);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double trainLoss = partial.meanLoss();
        partial.reset();
        epochsDone.set(epoch);
        return new EpochResult(epoch, trainLoss, samples, seconds);
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

    /** A batch's gradient on this machine: on one tape, or cut into shares over the replicas. */
    private double localGradients(DataLoader.Batch batch) {
        INDArray images = batch.features();
        INDArray labels = batch.labels();
        // On the CPU back end ops run synchronously, so reading the loss each step costs one copy.
        return replicas.gradients((int) labels.length(), (net, from, to) -> {
            // A row range of a row-major batch is a view, the whole range included: nothing is copied.
            INDArray x = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray y = labels.get(NDArrayIndex.interval(from, to));
            return Ops.crossEntropy(net.forward(Tensor.of(x)), y);
        });
    }

    /**
     * Computes the gradients of the following steps with {@code steps} instead of on this machine; the
     * optimizer, its schedule and the checkpoints stay here.
     */
    void computeGradientsWith(StepGradients steps) {
        this.gradients = steps;
    }

    /** The test set's loss and accuracy, in batches of {@value #EVALUATION_BATCH}, recording nothing. */
    public Evaluation evaluate() {
        double lossSum = 0;
        long correct = 0;
        for (DataLoader.Batch batch : test.epoch(0)) {
            long n = batch.labels().length();
            try (Tape scope = Tape.noGrad()) {
                Tensor logits = model.forward(Tensor.of(batch.features()));
                lossSum += Ops.crossEntropy(logits, batch.labels()).item() * n;
                try (INDArray predicted = Nd4j.argMax(logits.value(), 1);
                        INDArray hits = predicted.eq(batch.labels());
                        INDArray counted = hits.castTo(DataType.INT64)) {
                    correct += counted.sumNumber().longValue();
                }
            }
        }
        return new Evaluation(lossSum / test.size(), (double) correct / test.size());
    }

    /** Saves the parameters, the optimizer state and the epochs done, replacing {@code file} atomically. */
    public void save(Path file) throws IOException {
        Checkpoint.save(file, named, optimizer, extras()); // missing parent directories are created
    }

    /**
     * Restores a checkpoint written by {@link #save} with the same settings; training then continues with
     * epoch {@link #epochsDone()} + 1. Nothing changes if the file does not match.
     *
     * @throws IOException if the file cannot be read or is damaged, was written with other settings (the
     *     message names each option that differs), or holds another model or more epochs than the run has
     */
    public void resume(Path file) throws IOException {
        // Read once: the options it records are checked first, so that another model is named as such.
        Map<String, INDArray> read = Npz.read(file);
        try {
            requireSameSettings(file, read.get(SETTINGS_KEY));
            Checkpoint.load(file, read, named, optimizer, extras());
            partial.requireWithin(train.batchesPerEpoch(), settings.batchSize(), file);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot resume from " + file + " with --model " + settings.model().name().toLowerCase(Locale.ROOT)
                    + ": " + e.getMessage(), e);
        } finally {
            read.values().forEach(INDArray::close); // copied in place: the model and optimizer hold none of them
        }
        try {
            epochsDone.requireAtMost(settings.epochs(), file);
        } catch (IOException e) {
            epochsDone.set(0);
            throw e;
        }
    }

    /** What a checkpoint holds besides the parameters and the optimizer's state. */
    private Map<String, INDArray> extras() {
        Map<String, INDArray> extras = new java.util.HashMap<>(partial.arrays());
        extras.putAll(epochsDone.arrays());
        extras.put(SETTINGS_KEY, settingsBytes);
        return extras;
    }

    /** Refuses a checkpoint whose recorded settings differ from this run's, naming each difference. */
    private void requireSameSettings(Path file, INDArray stored) throws IOException {
        if (stored == null) {
            throw new IOException("cannot resume from " + file + ": it does not record the options of the run that wrote it "
                    + "(no " + SETTINGS_KEY + "; written by an older jgrad?), so it cannot be checked against this run; "
                    + "start afresh without --resume");
        }
        JsonNode theirs;
        try {
            byte[] bytes = new byte[(int) stored.length()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) stored.getInt(i);
            }
            theirs = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + "!" + SETTINGS_KEY + ".npy: not the JSON of a run's options: " + e.getMessage(), e);
        }
        ObjectNode ours = settingsJson(settings);
        List<String> differences = new ArrayList<>();
        ours.fieldNames().forEachRemaining(option -> {
            JsonNode value = theirs.get(option);
            if (value == null || !value.asText().equals(ours.get(option).asText())) {
                differences.add(option + " " + (value == null ? "(not recorded)" : value.asText()) + " (this run: "
                        + ours.get(option).asText() + ")");
            }
        });
        if (!differences.isEmpty()) {
            throw new IOException("cannot resume from " + file + ": it was written by a run with other options: "
                    + String.join(", ", differences) + "; resume with the same options, or start afresh without --resume "
                    + "(or with another --checkpoint)");
        }
    }
}
