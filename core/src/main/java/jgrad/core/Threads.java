package jgrad.core;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads jgrad's kernels use, chosen by jgrad itself when it starts: PyTorch's
 * {@code torch.set_num_threads} is the model (a documented default, one call to change it, a way to
 * read it back).
 *
 * <pre>{@code
 * ThreadChoice chosen = Threads.current();   // e.g. ops 1 (default), large 1 (as ops), blas 1 (default)
 * ProductChoice shared = Threads.products(); // e.g. 2 (default): large products shared by 2 threads
 * Threads.configure(1, 2);                   // both cores for matrix products and convolutions, through OpenMP
 * }</pre>
 *
 * <p>When the first tensor or tape is made, jgrad sets the counts from {@link ThreadChoice#select}:
 * one thread for everything unless a system property ({@code -Djgrad.threads}, {@code -Djgrad.largeThreads},
 * {@code -Djgrad.blasThreads}), an environment variable ({@code JGRAD_THREADS}, {@code JGRAD_LARGE_THREADS},
 * {@code JGRAD_BLAS_THREADS}) or {@code OMP_NUM_THREADS} says otherwise. So a program that sets nothing
 * runs as the {@code ./jgrad} launcher does. Two counts, because on few cores small ops lose to waking
 * a second thread while a large matrix product gains from it: jgrad runs with {@link #ops()} threads and
 * raises the count to {@link #large()} just for the duration of each large kernel.
 *
 * <p><b>The other cores, without native threads.</b> One OpenMP thread leaves the other cores idle on a
 * quiet machine; {@link DataParallel} uses them with Java threads instead: N replicas of the model each
 * compute a share of the batch on their own thread, with one native thread each, and wait for each other
 * by blocking, never by spinning, so a busy neighbour slows them down in proportion instead of turning
 * every kernel into a wait for the slowest OpenMP thread. {@link ReplicaChoice} gives the default N:
 * one per core while {@link #ops()} and {@link #large()} are 1, each replica gets at least
 * {@value ReplicaChoice#MIN_ROWS_PER_REPLICA} rows and its share of the step is heavy enough for the
 * model's parameters ({@code -Djgrad.replicas}, {@code JGRAD_REPLICAS} override it). libgomp keeps the thread count per native thread, so each replica's thread sets its own
 * to {@link #ops()} before every share.
 *
 * <p><b>Large products on every core, without OpenMP.</b> A matrix product of at least
 * 2^23 multiply-adds on a tape that is not a {@link DataParallel} share is
 * cut into blocks of columns (or rows) and shared by the calling thread and one helper thread per extra
 * core ({@link #products()}: {@link ProductChoice} gives one thread per core by default while every kernel
 * runs on one OpenMP thread; {@code -Djgrad.productThreads}, {@code JGRAD_PRODUCT_THREADS} or
 * {@link #configureProducts} override it). Each thread takes the next block until none is left, so a core
 * slowed by a busy neighbour computes fewer blocks instead of holding the others up; the helpers park after
 * watching for work for 10 us, and the result has the same bits with any
 * number of threads (the cut depends on the shape only). SGD's momentum step is shared the same way
 * ({@link MomentumStep}); {@code SharedProducts} has the details. Replicas and shared products do not
 * stack: a share never splits its products, so {@link ReplicaChoice} decides first (the MNIST CNN takes 2 replicas on 2 cores, the MLP at batch 128
 * one, whose products then take both cores). Measured quiet on 2 cores (the README's threads section):
 * the MNIST MLP's later epochs about 1.08x faster shared than alone, one epoch with warm-up even.
 *
 * <p>Which native setting is read when (ND4J 1.0.0-M2.1 on linux-x86_64, oneDNN build):
 * <ul>
 * <li>{@code OMP_NUM_THREADS}, {@code OMP_WAIT_POLICY} and {@code GOMP_SPINCOUNT}: read once by libgomp
 *     (bundled in the nd4j-native jar) when ND4J's native library loads, i.e. at the first
 *     {@code Nd4j} call. The thread count can be changed afterwards ({@code omp_set_num_threads}, which
 *     jgrad calls); the wait policy cannot, and the JVM has no way to set an environment variable of
 *     its own process before that, so set those two in the environment if you want them (with one
 *     thread, jgrad's default, no thread ever waits).</li>
 * <li>{@code SD_MAX_THREADS} and {@code SD_MASTER_THREADS}: read by libnd4j's {@code Environment} at
 *     load; they bound libnd4j's own thread pool, which jgrad sets at start-up to {@link #ops()}.</li>
 * <li>{@code OPENBLAS_NUM_THREADS} (then {@code GOTO_NUM_THREADS}, {@code OMP_NUM_THREADS}): read by
 *     OpenBLAS when it loads; jgrad calls {@code openblas_set_num_threads} at start-up instead.</li>
 * <li>{@code DNNL_*} (oneDNN's ISA, verbosity, primitive cache): read by oneDNN on first use.</li>
 * </ul>
 */
public final class Threads {

    private static volatile ThreadChoice current;
    /** Threads per large matrix product; set before {@link #current}, so a thread that sees one sees both. */
    private static volatile ProductChoice products;
    /** Per thread: which width each large kernel runs fastest at, when the choice is adaptive. */
    private static final ThreadLocal<AdaptiveWidth> WIDTHS = ThreadLocal.withInitial(AdaptiveWidth::new);

    private Threads() {}

    /**
     * Makes sure jgrad's thread choice is in force: the first call applies {@link ThreadChoice#forThisProcess()},
     * later calls do nothing. Tensors and tapes call it; user code need not.
     *
     * @throws IllegalArgumentException if a thread setting of the environment or the system properties is invalid
     */
    static ThreadChoice initialize() {
        ThreadChoice choice = current;
        if (choice != null) {
            return choice;
        }
        synchronized (Threads.class) {
            if (current == null) {
                apply(ThreadChoice.forThisProcess());
            }
            return current;
        }
    }

    /** The counts in force and where each came from. */
    public static ThreadChoice current() {
        return initialize();
    }

    /**
     * Puts back a choice read earlier from {@link #current()}, its source included (for code that changes
     * the threads for a while, such as a test, and must leave them as it found them).
     */
    public static void restore(ThreadChoice choice) {
        synchronized (Threads.class) {
            apply(choice);
        }
    }

    /**
     * How many threads share each large matrix product of a tape: the calling thread and helpers, one
     * per extra core by default ({@link ProductChoice}).
     */
    public static ProductChoice products() {
        initialize();
        return products;
    }

    /**
     * Shares each large matrix product among {@code threads} threads (1: every product on its caller's
     * thread). A {@link DataParallel} share never splits its products, whatever the count.
     */
    public static void configureProducts(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Threads.configureProducts: the count must be at least 1, got " + threads);
        }
        restore(new ProductChoice(threads, "Threads.configureProducts"));
    }

    /** Puts back a product choice read earlier from {@link #products()}, its source included. */
    public static void restore(ProductChoice choice) {
        initialize();
        products = choice;
    }

    /** Uses {@code ops} threads for small kernels and {@code large} for matrix products and convolutions. */
    public static void configure(int ops, int large) {
        configure(ops, large, blas());
    }

    /** Like {@link #configure(int, int)}, and sets OpenBLAS's threads. */
    public static void configure(int ops, int large, int blas) {
        if (ops < 1 || large < 1 || blas < 1) {
            throw new IllegalArgumentException("Threads.configure: thread counts must be at least 1, got ops " + ops
                    + ", large " + large + " and BLAS " + blas);
        }
        synchronized (Threads.class) {
            apply(new ThreadChoice(ops, large, false, blas, "ops " + ops + ", large " + large + ", blas " + blas
                    + " (Threads.configure)"));
        }
    }

    /**
     * Uses {@code ops} threads for small kernels, and lets each large kernel run at {@code ops} or at
     * {@code maxLarge} threads, whichever its own timings say is faster (see {@code -Djgrad.largeThreads=auto}).
     */
    public static void configureAdaptive(int ops, int maxLarge) {
        if (ops < 1 || maxLarge < 1) {
            throw new IllegalArgumentException("Threads.configureAdaptive: thread counts must be at least 1, got ops "
                    + ops + " and large " + maxLarge);
        }
        synchronized (Threads.class) {
            int blas = blas();
            apply(new ThreadChoice(ops, maxLarge, true, blas, "ops " + ops + ", large auto up to " + maxLarge + ", blas "
                    + blas + " (Threads.configureAdaptive)"));
        }
    }

    /** Threads for small kernels (elementwise ops, reductions, softmax). */
    public static int ops() {
        return current().ops();
    }

    /** Threads for large kernels (matrix products, convolutions, pooling) while they run. */
    public static int large() {
        return current().large();
    }

    /** Threads of OpenBLAS. */
    public static int blas() {
        return current().blas();
    }

    /**
     * Runs a large kernel with {@link #large()} OpenMP threads, then returns to {@link #ops()}; when the
     * choice is adaptive, at whichever of the two the timings of this kernel and shape favour.
     *
     * @param kernel names the kernel, and with {@code shape} tells its timings apart from others'
     */
    static void large(String kernel, long[] shape, Runnable run) {
        ThreadChoice choice = current();
        int wide = choice.large();
        int narrow = choice.ops();
        if (wide <= narrow) {
            run.run();
            return;
        }
        if (!choice.adaptive()) {
            runWide(wide, narrow, run);
            return;
        }
        AdaptiveWidth.Timing timing = WIDTHS.get().timing(kernel, shape);
        int width = timing.next();
        long start = System.nanoTime();
        if (width == 1) {
            runWide(wide, narrow, run);
        } else {
            run.run();
        }
        timing.record(width, System.nanoTime() - start);
    }

    /** For tests and reports: of the large kernels and shapes this thread has run, how many prefer the wide count. */
    static int[] preferredWide() {
        return WIDTHS.get().preferredWide();
    }

    /**
     * Gives the calling thread {@link #ops()} OpenMP threads. libgomp keeps the thread count per native
     * thread: a thread that jgrad did not configure (a replica's worker, see {@link DataParallel}) starts
     * with OpenMP's process default, one per core, until it sets its own.
     */
    static void useOpsThreadsOnThisThread() {
        setOpenMp(current().ops());
    }

    private static void runWide(int wide, int narrow, Runnable run) {
        setOpenMp(wide);
        try {
            run.run();
        } finally {
            setOpenMp(narrow);
        }
    }

    private static void apply(ThreadChoice choice) {
        Nd4j.getExecutioner(); // loads the native library, which must be there before its thread counts are set
        setOpenMp(choice.ops());
        // libnd4j's own thread pool hands an op at most this many threads (its setMaxThreads is a no-op in
        // 1.0.0-M2.1: maxThreads stays SD_MAX_THREADS or the core count).
        Nd4j.getEnvironment().setMaxMasterThreads(choice.ops());
        Nd4j.factory().blas().setMaxThreads(choice.blas());
        ProductChoice sharing = products;
        if (sharing == null || sharing.isDefault()) {
            // The default follows the kernels' threads: products are split only while OpenMP runs one.
            sharing = ProductChoice.forThisProcess(choice);
        }
        products = sharing;
        current = choice;
    }

    private static void setOpenMp(int threads) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
