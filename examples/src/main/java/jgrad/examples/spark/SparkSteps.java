package jgrad.examples.spark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jgrad.core.Parameter;
import jgrad.spark.SparkRun;
import jgrad.spark.StepReport;

/**
 * The gradients of a training command's steps, computed by a {@link SparkRun} (which this holds and
 * closes), with the time each step's parts took and the bytes its tasks sent back, summed until
 * {@link #epochTimes} prints and resets them. The commands' trainers call {@link #compute} where they
 * would run a step's forward and backward pass; the optimizer stays with them.
 */
public final class SparkSteps<E> implements AutoCloseable {

    private final SparkRun<E> run;
    private final String unit;
    private final Map<String, Parameter> named;
    private long steps;
    private double computeMillis;
    private double sparkMillis;
    private double driverMillis;
    private long gradientBytes;

    /**
     * @param unit what an example is, plural, for {@link #describe} ("images", "words")
     * @param named the driver's parameters, as given to {@code run}
     */
    public SparkSteps(SparkRun<E> run, String unit, Map<String, Parameter> named) {
        this.run = run;
        this.unit = unit;
        this.named = named;
    }

    /** The global indices of examples {@code order[from]} ... {@code order[to - 1]}: a step's batch. */
    public static long[] rows(int[] order, int from, int to) {
        long[] rows = new long[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = order[from + i];
        }
        return rows;
    }

    /** Computes the mean gradient of the examples {@code rows} into the driver's parameters; returns their mean loss. */
    public double compute(long[] rows) {
        StepReport report = run.compute(rows);
        steps++;
        computeMillis += report.computeMillis();
        sparkMillis += report.sparkOverheadMillis();
        driverMillis += report.driverMillis();
        gradientBytes += run.lastGradientBytes().values().stream().mapToLong(Long::longValue).sum();
        return report.loss();
    }

    /** The master, the partitions and what a step sends. */
    public String describe() {
        long[] sizes = run.partitionSizes();
        String each = Arrays.stream(sizes).mapToObj(n -> String.format(Locale.ROOT, "%,d", n))
                .collect(Collectors.joining(", "));
        double megabytes = run.parameterBytes() / 1e6;
        long sparseBytes = named.values().stream().filter(Parameter::usesSparseGrad)
                .mapToLong(p -> p.storedValue().length() * p.dataType().width()).sum();
        String back = sparseBytes == 0
                ? String.format(Locale.ROOT, "gets %.1f MB of gradient sums back from each partition", megabytes)
                : String.format(Locale.ROOT, "gets back from each partition %.1f MB of dense gradient sums and, of the "
                        + "%.1f MB of row-sparse tables, the rows its share looked up", (run.parameterBytes() - sparseBytes) / 1e6,
                        sparseBytes / 1e6);
        return String.format(Locale.ROOT, "spark: %s, %d partitions of %s %s; each step broadcasts %.1f MB of "
                + "parameters and %s", run.master(), sizes.length, each, unit, megabytes, back);
    }

    /** The mean time split and gradient traffic of the steps since the last call, then starts counting afresh. */
    public String epochTimes() {
        double n = Math.max(steps, 1);
        String line = String.format(Locale.ROOT, "spark: %d steps, per step %.1f ms: compute %.1f ms (slowest task), "
                + "Spark overhead %.1f ms, driver reduction %.1f ms; %.2f MB of gradient sums back", steps,
                (computeMillis + sparkMillis + driverMillis) / n, computeMillis / n, sparkMillis / n, driverMillis / n,
                gradientBytes / n / 1e6);
        steps = 0;
        computeMillis = 0;
        sparkMillis = 0;
        driverMillis = 0;
        gradientBytes = 0;
        return line;
    }

    /** The bytes of gradient sums the tasks sent back since the last {@link #epochTimes} (payload, as {@link SparkRun#lastGradientBytes}). */
    public long gradientBytes() {
        return gradientBytes;
    }

    /** The master's URL, e.g. {@code local[2]}. */
    public String master() {
        return run.master();
    }

    public int partitions() {
        return run.partitionSizes().length;
    }

    @Override
    public void close() {
        run.close();
    }
}
