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
import jgrad.examples.data.DataLoader;
import jgrad.examples.data.Mnist;
import jgrad.spark.ClassifierReplica;
import jgrad.spark.DistributedGradients;
import jgrad.spark.LabeledExample;
import jgrad.spark.ModelFactory;
import jgrad.spark.SparkSetup;
import jgrad.spark.StepReport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code mnist --spark}: each step's gradient computed by Spark tasks over the training images, held in
 * an RDD as {@link LabeledExample}s ({@link DistributedGradients}); the batches, the optimizer, its
 * schedule, the evaluation and the checkpoints stay on the driver, in {@link MnistTrainer}, so the epoch
 * lines are those of a run on one machine. Keeps the time of each step's parts for the per-epoch line.
 */
final class SparkSteps implements MnistTrainer.StepGradients, AutoCloseable {

    private final JavaSparkContext spark;
    private final DistributedGradients<LabeledExample> gradients;
    private final String master;
    private long steps;
    private double computeMillis;
    private double sparkMillis;
    private double driverMillis;

    /**
     * Starts Spark and spreads the training images over {@code partitions} partitions (null: Spark's
     * default parallelism), each read by its executor from the MNIST files in {@code dataDir}.
     *
     * @param master {@code local[N]}, {@code spark://HOST:PORT}, or empty for the one spark-submit was given
     * @param dataDir where MNIST is cached on every machine (null: the default), fetched there if missing
     */
    static SparkSteps start(String master, Integer partitions, MnistTrainer.Settings settings, Path dataDir,
            int trainSize, Map<String, Parameter> named) {
        JavaSparkContext spark = new JavaSparkContext(SparkSetup.conf("jgrad mnist", master));
        try {
            int slices = partitions != null ? partitions : spark.defaultParallelism();
            if (slices < 1) {
                throw new IllegalArgumentException("mnist: --partitions must be at least 1, got " + slices);
            }
            return new SparkSteps(spark, trainingImages(spark, dataDir, trainSize, slices), settings, named);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }

    /** Over the images of {@code examples}, whose order is the training set's; {@link #close} stops {@code spark}. */
    SparkSteps(JavaSparkContext spark, JavaRDD<LabeledExample> examples, MnistTrainer.Settings settings,
            Map<String, Parameter> named) {
        MnistModel model = settings.model();
        long seed = settings.seed();
        ModelFactory factory = () -> model.create(seed);
        this.spark = spark;
        this.gradients = new DistributedGradients<>(spark, examples, new ClassifierReplica(factory, DataType.FLOAT), named);
        this.master = spark.master();
    }

    /**
     * The training images as an RDD of {@code partitions} contiguous slices, in order. Each partition is
     * described by its range alone and reads its images from the MNIST files where it runs: a
     * {@code parallelize}d list of the images themselves would keep them in the partitions, which Spark
     * ships with every task of every step.
     */
    static JavaRDD<LabeledExample> trainingImages(JavaSparkContext spark, Path dataDir, int size, int partitions) {
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new int[] {(int) ((long) size * p / partitions), (int) ((long) size * (p + 1) / partitions)});
        }
        String dir = dataDir == null ? null : dataDir.toString();
        return spark.parallelize(ranges, partitions).flatMap(range -> readSlice(dir, range[0], range[1]).iterator());
    }

    /** Images start to end - 1 of the training split, read from the MNIST files on this machine. */
    private static List<LabeledExample> readSlice(String dir, int start, int end) throws IOException {
        Mnist train = Mnist.load(dir == null ? null : Path.of(dir), Mnist.Split.TRAIN, Mnist.Scaling.UNIT);
        try (INDArray images = train.images(); INDArray labels = train.labels()) {
            if (end > images.size(0)) {
                throw new IOException("mnist: the training images here number " + images.size(0) + ", not " + end);
            }
            return examples(images, labels, start, end);
        }
    }

    /** Rows start to end - 1 of images [n, 784] and labels [n] as plain Java objects, one per image. */
    static List<LabeledExample> examples(INDArray images, INDArray labels, int start, int end) {
        int d = (int) images.size(1);
        float[] pixels = images.dup('c').data().asFloat();
        long[] digits = labels.toLongVector();
        List<LabeledExample> out = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            out.add(new LabeledExample(Arrays.copyOfRange(pixels, i * d, (i + 1) * d), (int) digits[i]));
        }
        return out;
    }

    @Override
    public double compute(DataLoader.Batch batch) {
        INDArray rows = batch.rows();
        long[] indices = new long[(int) rows.length()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = rows.getLong(i);
        }
        StepReport report = gradients.compute(indices);
        steps++;
        computeMillis += report.computeMillis();
        sparkMillis += report.sparkOverheadMillis();
        driverMillis += report.driverMillis();
        return report.loss();
    }

    /** The master, the partitions and what a step sends. */
    String describe() {
        long[] sizes = gradients.partitionSizes();
        String each = Arrays.stream(sizes).mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
                .collect(Collectors.joining(", "));
        double megabytes = gradients.parameterBytes() / 1e6;
        return String.format(Locale.ROOT, "spark: %s, %d partitions of %s images; each step broadcasts %.1f MB of "
                + "parameters and gets %.1f MB of gradient sums back from each partition", master, sizes.length, each,
                megabytes, megabytes);
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
        return master;
    }

    int partitions() {
        return gradients.partitionSizes().length;
    }

    @Override
    public void close() {
        try {
            gradients.close();
        } finally {
            spark.stop();
        }
    }
}
