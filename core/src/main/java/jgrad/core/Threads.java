package jgrad.core;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads jgrad's kernels use: one count for the many small ops (elementwise, reductions,
 * softmax), another for the few large ones (matrix products, convolutions, pooling), which libnd4j runs
 * through oneDNN on OpenMP threads.
 *
 * <p>Why two: on a 2-core machine an elementwise op on a 128x512 array is slower with two OpenMP threads
 * than with one (waking the second thread costs more than it saves), while a 128x784x512 matrix product
 * runs nearly twice as fast on two. So jgrad runs with {@link #ops()} OpenMP threads and raises the
 * count to {@link #large()} just for the duration of each large kernel. Set both once, before training;
 * the defaults are the current OpenMP thread count for both (nothing changes until you configure).
 */
public final class Threads {

    private static volatile int ops = -1;
    private static volatile int large = -1;

    private Threads() {}

    /** Uses {@code ops} threads for small kernels and {@code large} for matrix products and convolutions. */
    public static void configure(int ops, int large) {
        if (ops < 1 || large < 1) {
            throw new IllegalArgumentException("Threads.configure: thread counts must be at least 1, got ops " + ops
                    + " and large " + large);
        }
        Nd4j.getExecutioner(); // the native library must be loaded before its thread count is set
        Threads.ops = ops;
        Threads.large = large;
        setOpenMp(ops);
    }

    /** Threads for small kernels, or -1 when not configured. */
    public static int ops() {
        return ops;
    }

    /** Threads for large kernels, or -1 when not configured. */
    public static int large() {
        return large;
    }

    /** Runs a large kernel with {@link #large()} OpenMP threads, then returns to {@link #ops()}. */
    static void large(Runnable kernel) {
        int wide = large;
        int narrow = ops;
        if (wide <= narrow) {
            kernel.run();
            return;
        }
        setOpenMp(wide);
        try {
            kernel.run();
        } finally {
            setOpenMp(narrow);
        }
    }

    private static void setOpenMp(int threads) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
