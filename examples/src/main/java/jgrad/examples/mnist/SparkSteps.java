package jgrad.examples.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jgrad.core.Parameter;
import jgrad.data.DataLoader;
import jgrad.data.Mnist;
import jgrad.examples.cli.OptionCheck;
import jgrad.spark.ClassifierReplica;
import jgrad.spark.LabeledExample;
import jgrad.spark.ModelFactory;
import jgrad.spark.SliceReader;
import jgrad.spark.SparkRun;
import jgrad.spark.StepReport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code mnist --spark}: each step's gradient computed by Spark tasks over the training images, held in
 * an RDD as {@link LabeledExample}s ({@link SparkRun}); the batches, the optimizer, its schedule, the
 * evaluation and the checkpoints stay on the driver, in {@link MnistTrainer}, so the epoch lines are those
 * of a run on one machine. Keeps the time of each step's parts for the per-epoch line.
 *
 * <p>Nothing here names a Spark class: Spark is on the class path only when {@code --spark} is given.
 */
final class SparkSteps implements MnistTrainer.StepGradients, AutoCloseable {

    private final SparkRun<LabeledExample> run;
    private long steps;
    private double computeMillis;
    private double sparkMillis;
    private double driverMillis;

    /**
     * Starts Spark over {@code size} examples in {@code partitions} partitions (null: Spark's default
     * parallelism), each read where it runs by {@code reader}.
     *
     * @param master {@code local[N]}, {@code spark://HOST:PORT}, or empty for the one spark-submit was given
     */
    SparkSteps(String master, Integer partitions, int size, SliceReader<LabeledExample> reader,
            MnistTrainer.Settings settings, Map<String, Parameter> named) {
        if (partitions != null) {
            OptionCheck.atLeast("--partitions", partitions, 1);
        }
        MnistModel model = settings.model();
        long seed = settings.seed();
        ModelFactory factory = () -> model.create(seed);
        this.run = SparkRun.start("jgrad mnist", master, partitions, size, reader,
                new ClassifierReplica(factory, DataType.FLOAT), named);
    }

    /**
     * Reads training images where a task runs, from the MNIST files in {@code dataDir} (null: the
     * default cache), fetched there if missing: on a cluster every machine needs them.
     */
    static SliceReader<LabeledExample> trainingImages(Path dataDir) {
        String dir = dataDir == null ? null : dataDir.toString();
        return (start, end) -> {
            Mnist train = Mnist.load(dir == null ? null : Path.of(dir), Mnist.Split.TRAIN, Mnist.Scaling.UNIT);
            try (INDArray images = train.images(); INDArray labels = train.labels()) {
                if (end > images.size(0)) {
                    throw new IOException("mnist: the training images here number " + images.size(0) + ", not " + end);
                }
                return examples(images, labels, (int) start, (int) end);
            }
        };
    }

    /** Rows start to end - 1 of images [n, 784] and labels [n] as plain Java objects, one per image. */
    static List<LabeledExample> examples(INDArray images, INDArray labels, int start, int end) {
        // Only the slice is copied out of the off-heap arrays, once.
        float[][] pixels = images.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).toFloatMatrix();
        long[] digits = labels.get(NDArrayIndex.interval(start, end)).toLongVector();
        List<LabeledExample> out = new ArrayList<>(end - start);
        for (int i = 0; i < pixels.length; i++) {
            out.add(new LabeledExample(pixels[i], (int) digits[i]));
        }
        return out;
    }

    @Override
    public double compute(DataLoader.Batch batch) {
        StepReport report = run.compute(batch.rows().toLongVector());
        steps++;
        computeMillis += report.computeMillis();
        sparkMillis += report.sparkOverheadMillis();
        driverMillis += report.driverMillis();
        return report.loss();
    }

    /** The master, the partitions and what a step sends. */
    String describe() {
        long[] sizes = run.partitionSizes();
        String each = Arrays.stream(sizes).mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
                .collect(Collectors.joining(", "));
        double megabytes = run.parameterBytes() / 1e6;
        return String.format(Locale.ROOT, "spark: %s, %d partitions of %s images; each step broadcasts %.1f MB of "
                + "parameters and gets %.1f MB of gradient sums back from each partition", run.master(), sizes.length,
                each, megabytes, megabytes);
    }

    /** The mean time split of the steps since the last call, then starts counting afresh. */
    String epochTimes() {
        double n = Math.max(steps, 1);
        String line = String.format(Locale.ROOT, "spark: %d steps, per step %.1f ms: compute %.1f ms (slowest task), "
                + "Spark overhead %.1f ms, driver reduction %.1f ms", steps, (computeMillis + sparkMillis + driverMillis) / n,
                computeMillis / n, sparkMillis / n, driverMillis / n);
        steps = 0;
        computeMillis = 0;
        sparkMillis = 0;
        driverMillis = 0;
        return line;
    }

    String master() {
        return run.master();
    }

    int partitions() {
        return run.partitionSizes().length;
    }

    @Override
    public void close() {
        run.close();
    }
}
