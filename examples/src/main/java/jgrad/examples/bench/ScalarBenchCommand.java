package jgrad.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import jgrad.data.Mnist;
import jgrad.examples.cli.BadOptionException;
import jgrad.examples.cli.OptionCheck;
import jgrad.examples.report.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad bench scalar}: the same 784-32-10 MLP (sigmoid hidden units, softmax cross-entropy, SGD),
 * from the same initial weights, over the same first N MNIST training images for one epoch, trained by
 * the scalar engine at batch size 1 and by the tensor engine at batch size 1 and 128; prints samples
 * per second and the speed-ups.
 *
 * <p>Before any clock starts, both engines train {@value #CHECKED_STEPS} steps at batch size 1 from the
 * initial weights, and the loss after those steps (the loss of step 11, on the weights the first 10
 * updates left) must agree to float32 precision: the scalar engine computes in float64, the tensor
 * engine in float32. Those models then warm up and are timed; the speed of a step does not depend on
 * the weights, so the timed epochs may continue from where the check left them.
 */
@Command(name = "scalar", mixinStandardHelpOptions = true,
        description = {"Train the same 784-32-10 MLP for one epoch with the scalar engine (batch 1) and the tensor engine "
                + "(batch 1 and 128); print samples per second, the speed-ups, and the loss after the first 10 steps "
                + "from both engines, which must agree."})
public final class ScalarBenchCommand implements Callable<Integer> {

    /** Updates made before the losses of the two engines are compared. */
    static final int CHECKED_STEPS = 10;
    static final int HIDDEN = 32;
    /** The most images {@code -n} accepts: MNIST's training set, which synthetic runs imitate. */
    static final int MAX_IMAGES = 60_000;
    /** The least time one measurement of a run takes. */
    static final long MEASUREMENT_NANOS = 500_000_000L;

    @Option(names = {"-n", "--images"}, paramLabel = "N", defaultValue = "1000",
            description = "Train on the first N MNIST training images, one epoch (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128",
            description = "The tensor engine's large batch size, at most N (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.1", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "2",
            description = "Untimed training per run before the clock starts, for the JIT compiler (default: ${DEFAULT-VALUE}). "
                    + "200 steps were not enough: the scalar engine ran at half speed.")
    double warmup;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
            description = "Timed measurements per run, each of whole epochs filling at least half a second; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--synthetic",
            description = "Random pixels and labels instead of MNIST, so nothing is downloaded (for tests and offline runs).")
    boolean synthetic;

    @Mixin
    BenchOptions options;

    /**
     * What the benchmark measured: samples per second of each run (the median of the repeats) and the
     * loss after the first {@value #CHECKED_STEPS} steps from each engine.
     */
    public record Result(double scalarSamplesPerSecond, double tensorBatch1SamplesPerSecond,
                         double tensorBatchSamplesPerSecond, int batchSize,
                         double firstStepsLossScalar, double firstStepsLossTensor) {

        public double speedupBatch1() {
            return tensorBatch1SamplesPerSecond / scalarSamplesPerSecond;
        }

        public double speedupBatch() {
            return tensorBatchSamplesPerSecond / scalarSamplesPerSecond;
        }

        /** The figures under the report's keys. */
        public Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("scalar_samples_per_second", scalarSamplesPerSecond);
            figures.put("tensor_batch1_samples_per_second", tensorBatch1SamplesPerSecond);
            figures.put("tensor_batch" + batchSize + "_samples_per_second", tensorBatchSamplesPerSecond);
            figures.put("speedup_batch1", speedupBatch1());
            figures.put("speedup_batch" + batchSize, speedupBatch());
            figures.put("first_steps_loss_scalar", firstStepsLossScalar);
            figures.put("first_steps_loss_tensor", firstStepsLossTensor);
            figures.put("first_steps_loss_difference", Math.abs(firstStepsLossScalar - firstStepsLossTensor));
            return figures;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        check();
        options.check();
        Backend backend = options.start(out);
        float[][] pixels;
        int[] labels;
        if (synthetic) {
            Random random = new Random(seed);
            pixels = new float[images][Mnist.PIXELS];
            labels = new int[images];
            for (int n = 0; n < images; n++) {
                for (int i = 0; i < Mnist.PIXELS; i++) {
                    pixels[n][i] = random.nextFloat();
                }
                labels[n] = random.nextInt(Mnist.CLASSES);
            }
        } else {
            Mnist mnist = Mnist.load(Mnist.Split.TRAIN);
            OptionCheck.inRange("--images", images, 1, mnist.size(), "the MNIST training images");
            pixels = mnist.images().get(NDArrayIndex.interval(0, images), NDArrayIndex.all()).toFloatMatrix();
            labels = mnist.labels().get(NDArrayIndex.interval(0, images)).castTo(DataType.INT).toIntVector();
        }
        Result result = run(pixels, labels, out);
        options.finish("bench scalar", configuration(), result.figures(), backend, out);
        return 0;
    }

    /** The settings, for the report. */
    Map<String, Object> configuration() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("images", images);
        configuration.put("data", synthetic ? "synthetic" : "MNIST train");
        configuration.put("network", Mnist.PIXELS + "-" + HIDDEN + "-" + Mnist.CLASSES
                + " sigmoid, softmax cross-entropy, SGD, one epoch");
        configuration.put("batchSize", Math.min(batch, images));
        configuration.put("learningRate", learningRate);
        configuration.put("seed", seed);
        configuration.put("warmupSeconds", warmup);
        configuration.put("repeats", repeats);
        return configuration;
    }

    /** Checks every option before anything runs; throws a {@link BadOptionException} naming the first out of range. */
    void check() {
        OptionCheck.inRange("--images", images, 1, MAX_IMAGES, "the size of the MNIST training set");
        OptionCheck.atLeast("--batch", batch, 1);
        OptionCheck.positive("--lr", learningRate);
        OptionCheck.inRange("--warmup", warmup, 0, BenchOptions.MAX_SECONDS, true);
        OptionCheck.inRange("--repeats", repeats, 1, BenchOptions.MAX_REPEATS, "");
    }

    /**
     * Checks that the engines agree, then times the three runs over these images and prints the figures.
     *
     * @throws IllegalStateException if the losses after the first steps differ beyond float32 precision
     */
    public Result run(float[][] pixels, int[] labels, PrintStream out) {
        check();
        int n = pixels.length;
        int batchSize = Math.min(batch, n);
        MlpWeights weights = MlpWeights.random(Mnist.PIXELS, HIDDEN, Mnist.CLASSES, seed);

        ScalarMlp scalar = new ScalarMlp(weights);
        TensorMlp tensor1 = new TensorMlp(weights);
        double lossScalar = scalar.train(pixels, labels, CHECKED_STEPS + 1, learningRate).losses()[CHECKED_STEPS];
        double lossTensor = tensor1.train(pixels, labels, CHECKED_STEPS + 1, 1, learningRate).losses()[CHECKED_STEPS];
        double difference = Math.abs(lossScalar - lossTensor);
        // float32 carries about 7 digits; ten SGD steps in float32 against float64 stay well within 1e-5.
        double tolerance = 1e-5 * Math.max(1, Math.abs(lossScalar));
        out.printf(Locale.ROOT, "loss after the first %d steps: scalar %.9f, tensor %.9f, difference %.2e (tolerance %.0e)%n",
                CHECKED_STEPS, lossScalar, lossTensor, difference, tolerance);
        if (!(difference <= tolerance)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "bench scalar: the engines disagree: after %d steps "
                    + "the scalar engine's loss is %.9f and the tensor engine's %.9f, a difference of %.2e beyond the "
                    + "float32 tolerance %.0e; they do not compute the same thing", CHECKED_STEPS, lossScalar, lossTensor,
                    difference, tolerance));
        }

        TensorMlp tensorBatch = new TensorMlp(weights);
        double scalarSpeed = time("scalar engine, batch 1", n, 1,
                steps -> scalar.train(pixels, labels, steps, learningRate), out);
        double tensor1Speed = time("tensor engine, batch 1", n, 1,
                steps -> tensor1.train(pixels, labels, steps, 1, learningRate), out);
        double tensorBatchSpeed = time("tensor engine, batch " + batchSize, n, batchSize,
                steps -> tensorBatch.train(pixels, labels, steps, batchSize, learningRate), out);
        Result result = new Result(scalarSpeed, tensor1Speed, tensorBatchSpeed, batchSize, lossScalar, lossTensor);
        out.printf(Locale.ROOT, "speed-up of the tensor engine: %.1fx at batch 1, %.1fx at batch %d%n",
                result.speedupBatch1(), result.speedupBatch(), batchSize);
        return result;
    }

    /** A run of a given number of steps. */
    private interface Training {
        TrainingRun train(int steps);
    }

    /**
     * Warms a run up, then times {@code repeats} measurements and prints and returns the median samples
     * per second. A measurement is whole epochs of {@code n} images, as many as fill half a second (at
     * least one): at batch 128 an epoch of 1,000 images is 8 steps, too short to time alone on a busy
     * machine. An epoch is ceil(n / batch) steps, the last one wrapping around.
     */
    private double time(String name, int n, int batchSize, Training training, PrintStream out) {
        int steps = (n + batchSize - 1) / batchSize;
        long warmupEnd = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < warmupEnd) {
            training.train(Math.min(steps, 50));
        }
        double[] speeds = new double[repeats];
        int epochs = 0;
        for (int r = 0; r < repeats; r++) {
            long nanos = 0;
            int epochsNow = 0;
            do {
                nanos += training.train(steps).elapsedNanos();
                epochsNow++;
            } while (nanos < MEASUREMENT_NANOS);
            speeds[r] = (double) epochsNow * steps * batchSize / (nanos / 1e9);
            epochs += epochsNow;
        }
        double[] sorted = speeds.clone();
        Arrays.sort(sorted);
        double median = sorted[repeats / 2];
        out.printf(Locale.ROOT, "%-24s %10.1f samples/s  (median of %d measurements, %d epochs of %d steps in all; range %.1f to %.1f)%n",
                name + ":", median, repeats, epochs, steps, sorted[0], sorted[repeats - 1]);
        return median;
    }
}
