package jgrad.core;

import java.util.function.Function;

/**
 * How many {@link DataParallel} replicas a training step uses, chosen from the thread choice, the cores
 * and the batch: a pure function, like {@link ThreadChoice#select}, and {@link #forBatch} for this
 * process.
 *
 * <p>Taken, first match wins, from the system property {@value #PROPERTY}, the environment variable
 * {@value #VARIABLE}, then the default: one replica per core when every kernel runs on one thread
 * (jgrad's default {@link ThreadChoice}) and each replica gets at least {@value #MIN_ROWS_PER_REPLICA}
 * rows of the batch; else one. Replicas are Java threads that block, never spin, while they wait, so
 * a busy neighbour slows them as it slows one thread, without the collapse of OpenMP's spinning
 * threads; and with more native threads per kernel the cores are already taken.
 */
public final class ReplicaChoice {

    /** System property of the replica count. */
    public static final String PROPERTY = "jgrad.replicas";
    /** Environment variable of the replica count. */
    public static final String VARIABLE = "JGRAD_REPLICAS";
    /** The fewest batch rows per replica that the default gives a replica. */
    public static final int MIN_ROWS_PER_REPLICA = 32;

    private ReplicaChoice() {}

    /**
     * The replicas for a batch of {@code batchRows} on {@code cores} processors with {@code threads},
     * given the system properties and the environment (look-ups that return null for a name not set).
     *
     * @throws IllegalArgumentException if the property or variable is not a whole number from 1 to
     *     {@value ThreadChoice#MAX_THREADS_PER_CORE} x cores, naming it and its value
     */
    public static int select(int cores, ThreadChoice threads, long batchRows, Function<String, String> properties,
            Function<String, String> environment) {
        int limit = ThreadChoice.MAX_THREADS_PER_CORE * Math.max(1, cores);
        String value = properties.apply(PROPERTY);
        String name = "-D" + PROPERTY;
        if (value == null || value.isBlank()) {
            value = environment.apply(VARIABLE);
            name = VARIABLE;
        }
        if (value != null && !value.isBlank()) {
            int count;
            try {
                count = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("replicas: " + name + "=" + value + " is not a whole number; expected 1 to "
                        + limit, e);
            }
            if (count < 1 || count > limit) {
                throw new IllegalArgumentException("replicas: " + name + "=" + value + " is out of range; expected 1 to " + limit);
            }
            return count;
        }
        if (threads.ops() > 1 || threads.large() > 1) {
            return 1;
        }
        return (int) Math.max(1, Math.min(cores, batchRows / MIN_ROWS_PER_REPLICA));
    }

    /** Where this process's count comes from: {@code -Djgrad.replicas}, {@code JGRAD_REPLICAS} or {@code default}. */
    public static String source() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return "-D" + PROPERTY;
        }
        String variable = System.getenv(VARIABLE);
        return variable != null && !variable.isBlank() ? VARIABLE : "default";
    }

    /** {@link #select} for this process: its processors, {@link Threads#current()}, its properties and environment. */
    public static int forBatch(long batchRows) {
        return select(Runtime.getRuntime().availableProcessors(), Threads.current(), batchRows, System::getProperty,
                System::getenv);
    }
}
