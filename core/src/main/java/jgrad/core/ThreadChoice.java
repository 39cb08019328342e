package jgrad.core;

import java.util.function.Function;

/**
 * The thread counts jgrad runs with and where each came from: what {@link Threads} chooses when jgrad
 * starts, as a pure function of the processor count, the system properties and the environment.
 *
 * <p>Each count is taken, first match wins, from the system property, then jgrad's environment
 * variable, then (for {@code ops} and {@code large}) {@code OMP_NUM_THREADS}, then the default:
 *
 * <table>
 * <caption>Settings read when jgrad starts</caption>
 * <tr><th>count</th><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>{@code ops}: small kernels</td><td>{@code jgrad.threads}</td><td>{@code JGRAD_THREADS}</td><td>1</td></tr>
 * <tr><td>{@code large}: matrix products, convolutions</td><td>{@code jgrad.largeThreads}</td>
 *     <td>{@code JGRAD_LARGE_THREADS}</td><td>{@code ops}</td></tr>
 * <tr><td>{@code blas}: OpenBLAS</td><td>{@code jgrad.blasThreads}</td><td>{@code JGRAD_BLAS_THREADS}</td><td>1</td></tr>
 * </table>
 *
 * <p>Why one thread by default, whatever the core count: measured on a 2-core machine, the MNIST MLP
 * (784-512-256-10, batch 128) ran at 834-3,032 samples/s with ND4J's own default of one OpenMP thread
 * per core against 12,718-14,163 with one thread in all, because waking OpenMP's second thread for every
 * small op costs more than it saves; and a second thread for the large kernels made the CNN 1.8-4x
 * slower as soon as another process held a core (libgomp's threads wait by spinning, and a parallel
 * region is only as fast as its slowest thread), for at most 1.4x on an idle machine. One thread is
 * never much slower and never collapses; raise {@code large} when the cores are yours.
 *
 * <p>{@code large} may also be {@value #AUTO}: each large kernel then runs at one thread or at all
 * cores, whichever its own timings favour (see {@code AdaptiveWidth}). It is not the default because
 * on a heavily loaded 2-core machine (load average 12-15) the CNN's step ran at 222-344 samples/s with it,
 * against 390-801 with one thread and 133-185 with two: trying the wide width now and then, and
 * libgomp's spinning threads after each wide call, cost more there than the idle machine's 1.4x gains.
 *
 * @param ops    OpenMP threads (and libnd4j's own thread pool) for elementwise ops, reductions, softmax
 * @param large  OpenMP threads for matrix products, convolutions and pooling while they run (at most, when adaptive)
 * @param adaptive whether each large kernel runs at {@code ops} or {@code large} threads, whichever its
 *               timings say is faster ({@code auto}; see {@code AdaptiveWidth})
 * @param blas   OpenBLAS threads (the optimizers' vector updates)
 * @param source where each count came from, e.g. {@code "ops 1 (default), large 2 (-Djgrad.largeThreads), blas 1 (default)"}
 */
public record ThreadChoice(int ops, int large, boolean adaptive, int blas, String source) {

    /** System property of the small kernels' thread count. */
    public static final String OPS_PROPERTY = "jgrad.threads";
    /** Environment variable of the small kernels' thread count. */
    public static final String OPS_VARIABLE = "JGRAD_THREADS";
    /** System property of the large kernels' thread count. */
    public static final String LARGE_PROPERTY = "jgrad.largeThreads";
    /** Environment variable of the large kernels' thread count. */
    public static final String LARGE_VARIABLE = "JGRAD_LARGE_THREADS";
    /** System property of OpenBLAS's thread count. */
    public static final String BLAS_PROPERTY = "jgrad.blasThreads";
    /** Environment variable of OpenBLAS's thread count. */
    public static final String BLAS_VARIABLE = "JGRAD_BLAS_THREADS";
    /** OpenMP's own variable, honoured when jgrad's are not set, as PyTorch does. */
    public static final String OPENMP_VARIABLE = "OMP_NUM_THREADS";

    /** The value of the large kernels' setting that lets timings choose their width, up to the core count. */
    public static final String AUTO = "auto";

    /** More threads per core than this only slows every op down; a larger count is taken for a typo. */
    public static final int MAX_THREADS_PER_CORE = 4;

    public ThreadChoice {
        if (ops < 1 || large < 1 || blas < 1 || source == null) {
            throw new IllegalArgumentException("threads: counts must be at least 1, got ops " + ops + ", large "
                    + large + " and BLAS " + blas);
        }
    }

    /**
     * The counts for a machine with {@code cores} processors, given the system properties and the
     * environment (each a look-up that returns null for a name that is not set).
     *
     * @throws IllegalArgumentException if one of jgrad's own settings is not an integer from 1 to
     *                                  {@value #MAX_THREADS_PER_CORE} x cores, naming the setting and its value
     *                                  (an unusable {@code OMP_NUM_THREADS} is ignored, and {@code source} says so)
     */
    public static ThreadChoice select(int cores, Function<String, String> properties, Function<String, String> environment) {
        if (cores < 1) {
            throw new IllegalArgumentException("threads: the processor count must be at least 1, got " + cores);
        }
        int limit = MAX_THREADS_PER_CORE * cores;
        // OMP_NUM_THREADS may be meant for other programs: one jgrad cannot use is ignored, and the source says so.
        Setting openMp;
        String ignored = "";
        try {
            openMp = Setting.read("threads", null, null, OPENMP_VARIABLE, environment, limit);
        } catch (IllegalArgumentException e) {
            openMp = new Setting(0, null);
            ignored = "; " + OPENMP_VARIABLE + "=" + environment.apply(OPENMP_VARIABLE) + " ignored, expected 1 to " + limit;
        }
        Setting ops = Setting.read("threads", OPS_PROPERTY, properties, OPS_VARIABLE, environment, limit).or(openMp).or(1, "default");
        Setting large = Setting.read("threads", LARGE_PROPERTY, properties, LARGE_VARIABLE, environment, limit).or(openMp)
                .or(ops.count, "as ops");
        boolean adaptive = large.count == AUTO_COUNT;
        int largeCount = adaptive ? Math.max(ops.count, cores) : large.count;
        Setting blas = Setting.read("threads", BLAS_PROPERTY, properties, BLAS_VARIABLE, environment, limit).or(1, "default");
        return new ThreadChoice(ops.count, largeCount, adaptive, blas.count,
                "ops " + ops + ", large " + (adaptive ? "auto up to " + largeCount + " (" + large.origin + ")" : large)
                        + ", blas " + blas + ignored);
    }

    /** The choice for this process: its processors, {@link System#getProperty} and {@link System#getenv}. */
    static ThreadChoice forThisProcess() {
        return select(Runtime.getRuntime().availableProcessors(), System::getProperty, System::getenv);
    }

    /** The count that stands for {@value #AUTO} while settings are read. */
    private static final int AUTO_COUNT = Integer.MAX_VALUE;

    /**
     * One count and where it came from (count 0 when not set), read from a system property, else an
     * environment variable: the one reading of jgrad's count settings, also {@link ReplicaChoice}'s.
     */
    record Setting(int count, String origin) {

        /**
         * The setting of {@code property} (null: none), else of {@code variable}; errors start with
         * {@code what} ("threads", "replicas") and name the setting, its value and the range 1 to limit.
         */
        static Setting read(String what, String property, Function<String, String> properties, String variable,
                Function<String, String> environment, int limit) {
            String value = property == null ? null : properties.apply(property);
            if (value != null) {
                return new Setting(parse(what, "-D" + property, value, limit), "-D" + property);
            }
            value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                return new Setting(parse(what, variable, value, limit), variable);
            }
            return new Setting(0, null);
        }

        private static int parse(String what, String name, String value, int limit) {
            if (value.trim().equalsIgnoreCase(AUTO) && name.toLowerCase(java.util.Locale.ROOT).contains("large")) {
                return AUTO_COUNT;
            }
            int count;
            try {
                count = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": " + name + "=" + value + " is not a whole number; expected 1 to "
                        + limit, e);
            }
            if (count < 1 || count > limit) {
                throw new IllegalArgumentException(what + ": " + name + "=" + value + " is out of range; expected 1 to "
                        + limit + " (" + MAX_THREADS_PER_CORE + " per processor)");
            }
            return count;
        }

        Setting or(Setting other) {
            return count > 0 ? this : other;
        }

        Setting or(int fallback, String why) {
            return count > 0 ? this : new Setting(fallback, why);
        }

        @Override
        public String toString() {
            return count + " (" + origin + ")";
        }
    }
}
