package jgrad.core;

import java.util.function.Function;

/**
 * How many {@link DataParallel} replicas a training step uses, chosen from the thread choice, the cores
 * and the batch: a pure function, like {@link ThreadChoice#select}, and {@link #forBatch} for this
 * process.
 *
 * <p>Taken, first match wins, from the system property {@value #PROPERTY}, the environment variable
 * {@value #VARIABLE}, then the default: one replica per core when every kernel runs on one thread
 * (jgrad's default {@link ThreadChoice}), each replica gets at least {@value #MIN_ROWS_PER_REPLICA}
 * rows of the batch, and a replica's share of the step computes at least
 * {@value #MIN_MULTIPLY_ADDS_PER_PARAMETER} multiply-adds per parameter of the model (else fewer replicas,
 * down to one). The last
 * rule is measured: what replicas cost a step grows with the parameters (their gradients are summed,
 * the optimizer steps on one thread), what they save with the compute of a share. On 2 cores, the MNIST
 * CNN at batch 128 (340 multiply-adds per parameter in a share) ran 1.7x faster with 2 replicas, the MLP
 * 784-512-256-10 at batch 128 (64) 0.86x as fast, at batch 512 (256) 1.08x. Replicas are Java threads that block, never spin, while they wait, so
 * a busy neighbour slows them as it slows one thread, without the collapse of OpenMP's spinning
 * threads; and with more native threads per kernel the cores are already taken.
 *
 * @param count  the number of replicas, at least 1
 * @param source where it came from: {@code -Djgrad.replicas}, {@code JGRAD_REPLICAS} or {@code default}
 */
public record ReplicaChoice(int count, String source) {

    /** System property of the replica count. */
    public static final String PROPERTY = "jgrad.replicas";
    /** Environment variable of the replica count. */
    public static final String VARIABLE = "JGRAD_REPLICAS";
    /** The fewest batch rows per replica that the default gives a replica. */
    public static final int MIN_ROWS_PER_REPLICA = 32;
    /** The fewest multiply-adds per model parameter that the default asks of a replica's share of a step. */
    public static final int MIN_MULTIPLY_ADDS_PER_PARAMETER = 100;

    public ReplicaChoice {
        if (count < 1 || source == null) {
            throw new IllegalArgumentException("replicas: the count must be at least 1, with its source; got " + count
                    + " from " + source);
        }
    }

    /**
     * The replicas for a batch of {@code batchRows} on {@code cores} processors with {@code threads}, for a
     * model of {@code parameters} parameters whose forward pass takes {@code multiplyAddsPerRow} per row
     * (its weights' products: for a dense layer its weight count, for a convolution its weight count times
     * its output positions, as {@link Tape#multiplyAdds()} counts them over a step), given the system properties and the environment (look-ups that return null
     * for a name not set).
     *
     * @throws IllegalArgumentException if the property or variable is not a whole number from 1 to
     *     {@value ThreadChoice#MAX_THREADS_PER_CORE} x cores, naming it and its value
     */
    public static ReplicaChoice select(int cores, ThreadChoice threads, long batchRows, long multiplyAddsPerRow,
            long parameters, Function<String, String> properties, Function<String, String> environment) {
        ReplicaChoice set = overriddenIn(cores, properties, environment);
        if (set != null) {
            return set;
        }
        boolean oneThread = threads.ops() == 1 && threads.large() == 1;
        int count = oneThread ? (int) Math.max(1, Math.min(cores, batchRows / MIN_ROWS_PER_REPLICA)) : 1;
        // Fewer replicas give each a larger share: take the most whose share is still worth its cost.
        while (count > 1 && (double) (batchRows / count) * multiplyAddsPerRow
                < (double) MIN_MULTIPLY_ADDS_PER_PARAMETER * parameters) {
            count--;
        }
        return new ReplicaChoice(count, "default");
    }

    /**
     * The count that {@value #PROPERTY} or else {@value #VARIABLE} sets, or null when neither is set (the
     * count then depends on the batch and the model: {@link #select}).
     *
     * @throws IllegalArgumentException as {@link #select}
     */
    public static ReplicaChoice overriddenIn(int cores, Function<String, String> properties,
            Function<String, String> environment) {
        int limit = ThreadChoice.MAX_THREADS_PER_CORE * Math.max(1, cores);
        ThreadChoice.Setting setting = ThreadChoice.Setting.read("replicas", PROPERTY, properties, VARIABLE, environment, limit);
        return setting.count() > 0 ? new ReplicaChoice(setting.count(), setting.origin()) : null;
    }

    /** {@link #overriddenIn} for this process: its processors, properties and environment. */
    public static ReplicaChoice overridden() {
        return overriddenIn(Runtime.getRuntime().availableProcessors(), System::getProperty, System::getenv);
    }

    /** {@link #select} for this process: its processors, {@link Threads#current()}, its properties and environment. */
    public static ReplicaChoice forBatch(long batchRows, long multiplyAddsPerRow, long parameters) {
        return select(Runtime.getRuntime().availableProcessors(), Threads.current(), batchRows, multiplyAddsPerRow,
                parameters, System::getProperty, System::getenv);
    }
}
