package jgrad.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jgrad.core.Parameter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The gradient of a global batch, computed by Spark tasks over a partitioned data set and reduced on the
 * driver: the distributed half of synchronous data-parallel SGD ({@link SyncTrainer} adds the optimizer).
 *
 * <p>The data set is an RDD of examples (plain Java objects). Each example's global index is its place in
 * the RDD (partition by partition, in order, as {@code zipWithIndex} numbers them); each partition is held,
 * cached, as one {@link Shard}. A step names its global batch by those indices. Every partition's task
 * receives the driver's parameters (one broadcast per step), takes the examples of the batch that it holds
 * (possibly none), and returns the <em>sum</em> of their gradients. The driver adds the sums in partition
 * order, whatever order the tasks finished in, and divides by the batch size: the mean gradient, the same
 * as one machine's up to float rounding, and bit-identical between runs with the same partitioning.
 *
 * <p>A table whose driver parameter {@linkplain Parameter#useSparseGrad uses row-sparse gradients} (an
 * {@code Embedding} with {@code sparseGrad(true)}) is row-sparse in every task too: a task sends only the
 * rows its share looked up (their indices and gradient sums, duplicates summed), and the driver adds them
 * in partition order into one row-sparse gradient (a row several partitions touched gets the sum), handed
 * to the optimizer through {@link Parameter#setSparseGrad}. A step's traffic back for the table is then
 * proportional to the rows touched, not to the table; see {@link #lastGradientBytes}.
 *
 * <p>A lost task or executor is re-run by Spark: the shard is rebuilt from the RDD's lineage and the task
 * recomputes the same sums from the same broadcast, so the step's result does not change.
 */
public final class DistributedGradients<E> implements GradientSource, AutoCloseable {

    private final JavaSparkContext spark;
    private final Replica<E> replica;
    private final ParameterLayout layout;
    private final List<Parameter> parameters;
    private final JavaRDD<Shard<E>> shards;
    private final long[] partitionSizes;
    private final long size;
    /** Tells this run's replicas from another's on a shared executor. */
    private final String runId = UUID.randomUUID().toString();
    /** What the tasks of the last step sent for each parameter's gradient, in bytes. */
    private final long[] lastGradientBytes;

    /**
     * Partitions are those of {@code examples}: repartition it first to choose their number (an empty
     * partition is allowed). Counts the examples (one Spark job) and caches the shards.
     *
     * <p>Make {@code examples} from a source whose partitions are small descriptions (files, or ranges
     * that each executor reads: {@link SparkRun#slices}): every task of every step carries its partition
     * of the RDD's lineage, and the partitions of {@code parallelize(list)} hold the list itself, which
     * would then travel with every step (fine for tests; for MNIST's 60,000 images it cost 1.8 s a step).
     *
     * @param parameters the driver's model, by name; every replica must have the same names, shapes and types
     */
    public DistributedGradients(JavaSparkContext spark, JavaRDD<E> examples, Replica<E> replica,
            Map<String, Parameter> parameters) {
        if (replica == null) {
            throw new IllegalArgumentException("DistributedGradients: no replica given");
        }
        this.spark = spark;
        this.replica = replica;
        this.layout = new ParameterLayout(parameters);
        // Built once here too, so that a replica of another architecture fails now, not in every task.
        layout.requireMatch(replica.newModel().namedParameters(), "the replica");
        this.parameters = new ArrayList<>(parameters.values());
        this.lastGradientBytes = new long[layout.size()];
        this.shards = examples.zipWithIndex().mapPartitions(DistributedGradients::toShard, true);
        shards.persist(StorageLevel.MEMORY_ONLY());
        List<Integer> sizes = shards.map(Shard::size).collect();
        this.partitionSizes = sizes.stream().mapToLong(Integer::longValue).toArray();
        this.size = Arrays.stream(partitionSizes).sum();
        if (size == 0) {
            throw new IllegalArgumentException("DistributedGradients: the data set is empty");
        }
    }

    private static <E> java.util.Iterator<Shard<E>> toShard(java.util.Iterator<Tuple2<E, Long>> indexed) {
        List<E> examples = new ArrayList<>();
        long first = 0;
        while (indexed.hasNext()) {
            Tuple2<E, Long> next = indexed.next();
            if (examples.isEmpty()) {
                first = next._2();
            }
            examples.add(next._1());
        }
        return List.of(new Shard<>(first, examples)).iterator();
    }

    /** The number of examples in the data set; valid indices are 0 to size() - 1. */
    public long size() {
        return size;
    }

    /** How many examples each partition holds, in partition order. */
    public long[] partitionSizes() {
        return partitionSizes.clone();
    }

    /**
     * Bytes of one copy of the parameters (or of their dense gradients): each step sends every task one,
     * and gets at most one back from each (less when a table's gradient is row-sparse).
     */
    public long parameterBytes() {
        return layout.bytes();
    }

    /**
     * For each parameter by name, the bytes of gradient that the last step's tasks sent the driver, all
     * partitions together (the arrays' payload; Java serialization adds a few bytes per array): a dense
     * gradient costs its whole size per task that got one, a row-sparse one 4 bytes per row index plus
     * the rows the task's share touched. Zero before the first step.
     */
    public Map<String, Long> lastGradientBytes() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < lastGradientBytes.length; i++) {
            out.put(layout.name(i), lastGradientBytes[i]);
        }
        return out;
    }

    /**
     * Computes the mean gradient of the loss over {@code batch} and stores it in the driver's parameters
     * ({@link Parameter#setGrad}, or {@link Parameter#setSparseGrad} for a row-sparse table); a parameter
     * that no example's loss depends on gets none. Runs one Spark
     * job.
     *
     * @param batch global example indices, at least one, each in [0, size()); repeats count twice
     * @throws IllegalStateException if the tasks together did not see every example of the batch
     */
    @Override
    public StepReport compute(long[] batch) {
        if (batch == null || batch.length == 0) {
            throw new IllegalArgumentException("DistributedGradients: the batch is empty");
        }
        for (long index : batch) {
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException("DistributedGradients: example index " + index
                        + " is outside the data set [0, " + size + ")");
            }
        }
        long start = System.nanoTime();
        Broadcast<StepInput> input = spark.broadcast(new StepInput(batch.clone(), layout.values(parameters)));
        List<GradientSum> sums;
        try {
            sums = shards.mapPartitionsWithIndex(new GradientTask<>(runId, replica, layout, input), true).collect();
        } finally {
            input.unpersist(false);
        }
        long collected = System.nanoTime();
        // collect() lists the partitions' results in partition order: adding them in that order makes the
        // sum independent of which task finished first.
        GradientReduction reduction = new GradientReduction(layout);
        double lossSum = 0;
        long examples = 0;
        long slowest = 0;
        for (int p = 0; p < sums.size(); p++) {
            GradientSum sum = sums.get(p);
            if (sum.partition() != p) {
                throw new IllegalStateException("spark: result " + p + " came from partition " + sum.partition());
            }
            reduction.add(sum.gradients());
            lossSum += sum.lossSum();
            examples += sum.examples();
            slowest = Math.max(slowest, sum.computeNanos());
        }
        if (examples != batch.length) {
            throw new IllegalStateException("spark: the tasks computed " + examples + " examples of a batch of "
                    + batch.length + "; the data set's partitions changed since it was counted");
        }
        reduction.storeInto(parameters, 1.0 / batch.length);
        for (int i = 0; i < lastGradientBytes.length; i++) {
            lastGradientBytes[i] = reduction.bytes(i);
        }
        long end = System.nanoTime();
        return new StepReport(lossSum / batch.length, batch.length, collected - start, slowest, end - collected);
    }

    /** Drops the cached shards. */
    @Override
    public void close() {
        shards.unpersist(false);
    }
}
