package jgrad.core;

import java.util.function.Function;

/**
 * How many threads share each large matrix product of a tape ({@code SharedProducts}): the calling
 * thread and {@code threads - 1} helpers. A pure function of the cores, the kernels' thread choice, the
 * system properties and the environment, like {@link ThreadChoice#select}.
 *
 * <p>Taken, first match wins, from the system property {@value #PROPERTY}, the environment variable
 * {@value #VARIABLE}, then the default: one thread per core while every kernel runs on one OpenMP thread
 * (jgrad's default {@link ThreadChoice}), else 1, because OpenMP's threads then already take the cores.
 * Whatever the count, a thread running a {@link DataParallel} share and a helper never split a product:
 * a replica owns its core already.
 *
 * @param threads threads per large product, at least 1 (1: every product on its caller's thread)
 * @param source  where it came from: {@code -Djgrad.productThreads}, {@code JGRAD_PRODUCT_THREADS},
 *                {@code default} or {@code Threads.configureProducts}
 */
public record ProductChoice(int threads, String source) {

    /** System property of the threads per large product. */
    public static final String PROPERTY = "jgrad.productThreads";
    /** Environment variable of the threads per large product. */
    public static final String VARIABLE = "JGRAD_PRODUCT_THREADS";

    public ProductChoice {
        if (threads < 1 || source == null) {
            throw new IllegalArgumentException("product threads: the count must be at least 1, with its source; got "
                    + threads + " from " + source);
        }
    }

    /**
     * The threads per large product on {@code cores} processors with the kernels' {@code kernels} choice,
     * given the system properties and the environment (look-ups that return null for a name not set).
     *
     * @throws IllegalArgumentException if the property or variable is not a whole number from 1 to
     *     {@value ThreadChoice#MAX_THREADS_PER_CORE} x cores, naming it and its value
     */
    public static ProductChoice select(int cores, ThreadChoice kernels, Function<String, String> properties,
            Function<String, String> environment) {
        int limit = ThreadChoice.MAX_THREADS_PER_CORE * Math.max(1, cores);
        ThreadChoice.Setting setting = ThreadChoice.Setting.read("product threads", PROPERTY, properties, VARIABLE,
                environment, limit);
        if (setting.count() > 0) {
            return new ProductChoice(setting.count(), setting.origin());
        }
        boolean oneThread = kernels.ops() == 1 && kernels.large() == 1;
        return new ProductChoice(oneThread ? Math.max(1, cores) : 1, oneThread ? "default" : "default: OpenMP has the cores");
    }

    /**
     * Whether this is the default choice (either of its two sources, "default" and "default: OpenMP has
     * the cores"), which follows the kernels' threads when they are configured again, rather than a count
     * that was set.
     */
    public boolean isDefault() {
        return source.startsWith("default");
    }

    /** {@link #select} for this process: its processors, the kernels' choice, its properties and environment. */
    static ProductChoice forThisProcess(ThreadChoice kernels) {
        return select(Runtime.getRuntime().availableProcessors(), kernels, System::getProperty, System::getenv);
    }

    @Override
    public String toString() {
        return threads + " (" + source + ")";
    }
}
