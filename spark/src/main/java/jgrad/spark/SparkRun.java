package jgrad.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.core.Parameter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A Spark context and the {@link DistributedGradients} of one training run, behind signatures without
 * Spark's types: for programs (like jgrad's command line) that keep Spark off their own class path
 * until a run asks for it.
 */
public final class SparkRun<E> implements GradientSource, AutoCloseable {

    private final JavaSparkContext spark;
    private final DistributedGradients<E> gradients;

    private SparkRun(JavaSparkContext spark, DistributedGradients<E> gradients) {
        this.spark = spark;
        this.gradients = gradients;
    }

    /**
     * Starts Spark ({@link SparkSetup#conf}) and a data set of {@code size} examples in
     * {@code partitions} contiguous slices, each read by {@code reader} where it runs.
     *
     * @param master {@code local[N]}, {@code spark://HOST:PORT}, or null or empty for spark-submit's
     * @param partitions at least 1, or null for Spark's default parallelism (N for local[N])
     */
    public static <E> SparkRun<E> start(String appName, String master, Integer partitions, long size,
            SliceReader<E> reader, Replica<E> replica, Map<String, Parameter> parameters) {
        return start(appName, master, partitions, size, spark -> reader, replica, parameters);
    }

    /**
     * Starts Spark as {@link #start} over a data set that the driver holds: {@code shared} is sent to
     * each executor once (a Spark broadcast, dropped when {@link #close} stops Spark), and each partition's slice
     * of {@code size} examples is cut from it by {@code reader} where the partition is first computed.
     * Keep {@code shared} compact (flat primitive arrays serialize fast; a list of a million objects
     * does not).
     */
    public static <S, E> SparkRun<E> startShared(String appName, String master, Integer partitions, S shared,
            long size, SharedSliceReader<S, E> reader, Replica<E> replica, Map<String, Parameter> parameters) {
        return start(appName, master, partitions, size, spark -> {
            Broadcast<S> data = spark.broadcast(shared);
            return (start, end) -> reader.read(data.value(), start, end);
        }, replica, parameters);
    }

    /** Both starts: Spark, then the reader {@code readerOf} makes with it, stopping Spark if either fails. */
    private static <E> SparkRun<E> start(String appName, String master, Integer partitions, long size,
            Function<JavaSparkContext, SliceReader<E>> readerOf, Replica<E> replica, Map<String, Parameter> parameters) {
        JavaSparkContext spark = new JavaSparkContext(SparkSetup.conf(appName, master));
        try {
            int slices = partitions != null ? partitions : spark.defaultParallelism();
            return new SparkRun<>(spark, new DistributedGradients<>(spark, slices(spark, size, slices, readerOf.apply(spark)),
                    replica, parameters));
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }

    /**
     * An RDD of {@code size} examples in {@code partitions} contiguous slices, in order. Each partition
     * is described by its range alone and read where it runs, so that it stays small: a
     * {@code parallelize}d list keeps the examples in the partitions, which Spark ships with every task
     * of every step.
     */
    public static <E> JavaRDD<E> slices(JavaSparkContext spark, long size, int partitions, SliceReader<E> reader) {
        if (partitions < 1 || size < 0) {
            throw new IllegalArgumentException("spark: need at least 1 partition and a size >= 0, got " + partitions
                    + " partitions of " + size + " examples");
        }
        List<long[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new long[] {size * p / partitions, size * (p + 1) / partitions});
        }
        return spark.parallelize(ranges, partitions).flatMap(range -> {
            List<E> slice = reader.read(range[0], range[1]);
            if (slice.size() != range[1] - range[0]) {
                throw new IllegalStateException("spark: the reader gave " + slice.size() + " examples for the range ["
                        + range[0] + ", " + range[1] + ")");
            }
            return slice.iterator();
        });
    }

    /** See {@link DistributedGradients#compute}. */
    @Override
    public StepReport compute(long[] batch) {
        return gradients.compute(batch);
    }

    public long[] partitionSizes() {
        return gradients.partitionSizes();
    }

    public long parameterBytes() {
        return gradients.parameterBytes();
    }

    /** See {@link DistributedGradients#lastGradientBytes}. */
    public Map<String, Long> lastGradientBytes() {
        return gradients.lastGradientBytes();
    }

    /** The master's URL, e.g. {@code local[2]}. */
    public String master() {
        return spark.master();
    }

    /** Drops the cached data and stops Spark. */
    @Override
    public void close() {
        try {
            gradients.close();
        } finally {
            spark.stop();
        }
    }
}
