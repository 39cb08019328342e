package jgrad.examples.cli;

import picocli.CommandLine.Option;

/**
 * The options of a training command that can compute its steps' gradients on Apache Spark
 * ({@code mnist}, {@code tagger train}, {@code lm train}), as a picocli mixin. Reading them names no
 * Spark class: Spark is on the class path only when {@code --spark} is given (see the {@code ./jgrad}
 * launcher), so a command tests {@link #enabled()} before it touches {@code jgrad.examples.spark}.
 */
public final class SparkOptions {

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1",
            description = "Compute each step's gradient on Apache Spark: local[N] (N tasks in this JVM), or "
                    + "spark://HOST:7077 for a standalone cluster; with no value, the master spark-submit was given. "
                    + "The batches, the optimizer, the evaluation and the checkpoints stay here, on the driver; the "
                    + "parameters are those of a run without --spark, to float rounding (dropout masks aside: tasks draw their own).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "With --spark: partitions of the training examples (default: Spark's default parallelism, N for local[N]).")
    Integer partitions;

    /** The options {@code --spark master --partitions partitions} (null partitions: Spark's default), for tests. */
    public static SparkOptions of(String master, Integer partitions) {
        SparkOptions options = new SparkOptions();
        options.master = master;
        options.partitions = partitions;
        options.check();
        return options;
    }

    /** Whether {@code --spark} was given. */
    public boolean enabled() {
        return master != null;
    }

    /** The master: {@code local[N]}, {@code spark://HOST:PORT}, or empty for the one spark-submit was given. */
    public String master() {
        return master;
    }

    /** The partitions asked for, or null for Spark's default. */
    public Integer partitions() {
        return partitions;
    }

    /** Throws a {@link BadOptionException} for {@code --partitions} without {@code --spark}, or below 1. */
    public void check() {
        if (partitions != null && master == null) {
            throw OptionCheck.bad("--partitions", partitions, "only with --spark");
        }
        if (partitions != null) {
            OptionCheck.atLeast("--partitions", partitions, 1);
        }
    }
}
