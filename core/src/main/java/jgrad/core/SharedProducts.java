package jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Large matrix products shared by the calling thread and helper threads, one per extra core: the
 * product is cut into blocks of c's columns (or rows, when c has more rows than columns), each block one
 * one-thread OpenBLAS call ({@link StridedProduct}), and every thread TAKES the next block from a shared
 * counter until none is left. A core slowed by a busy neighbour so takes fewer blocks, and the product
 * slows by what that core lost instead of waiting for the slow half of a fixed split, as an OpenMP
 * region does.
 *
 * <p><b>The same bits.</b> How a product is cut depends on its shape only ({@link Blocking#of}), never
 * on the threads, and each element of c is computed by one call: so the result is that of the same
 * blocks run one after the other on one thread, whichever thread took which block, with any number of
 * helpers.
 *
 * <p><b>Helpers never spin for long.</b> The helpers are daemon threads named {@code jgrad-product-k},
 * made once per process when first needed. After a product a helper watches for the next one for at
 * most {@link #SPIN_NANOS}, then parks until a caller unparks it. Measured with the MNIST MLP's step
 * (batch 128, 300 steps, alternating runs, load average 13-15): a 10 us watch gave 13,554, 14,715 and
 * 10,028 samples/s, parking at once 12,530, 11,740, 11,679 (and 12,319, 11,877, 9,221 in another
 * round), a 50 us watch 8,941, 11,327, 8,061: on a busy machine a longer watch takes the time slice
 * that the caller needs. A caller that has run out
 * of blocks waits for the ones still running the same way.
 *
 * <p><b>Who splits.</b> A thread running a {@link DataParallel} share (it already owns a core) and a
 * helper itself never split; two callers at once do not share the helpers: the second runs its blocks
 * alone, with the same result.
 */
final class SharedProducts {

    /**
     * Multiply-adds from which a product is shared. From 2^21 on, the 784-32-10 MLP step of
     * {@code ./jgrad bench ops} (first-layer products of 3.2 million) took 359 us shared against 283 alone
     * (00:00 UTC 2026-12-02, quiet): blocks that small lose to waking the helper and repacking.
     */
    static final long SPLIT_LIMIT = 1L << 23;
    /** A block computes at least about this many multiply-adds. */
    static final long BLOCK_MULTIPLY_ADDS = 1L << 21;
    /** At most this many blocks: each repacks the operand it shares with the others. */
    static final int MAX_BLOCKS = 8;
    /**
     * Blocks are about this wide (when the product has twice that; evened out to a multiple of
     * {@link #ALIGN}, so 784 rows are cut into 7 blocks of 112): each repacks the operand it shares, so a
     * product cut into blocks of 64 took 1.31x the one call's CPU time, of 128 1.15x, of 256 1.10x
     * (128x784x512, one thread).
     */
    static final int MIN_WIDTH = 128;
    /** Block sizes are whole multiples of this, the width of OpenBLAS's AVX-512 single-precision kernel. */
    static final int ALIGN = 16;
    /** How long a helper or a waiting caller watches for work before it parks. */
    static final long SPIN_NANOS = 10_000;

    private static final AtomicBoolean IN_USE = new AtomicBoolean();
    private static final List<Helper> HELPERS = new ArrayList<>();
    /** The product the helpers are to work on; a new object for each product. */
    private static volatile Job job;
    private SharedProducts() {}

    /** Whether a product of this size, on this thread, with {@code threads} sharing products, is shared. */
    static boolean splits(long multiplyAdds, int threads) {
        return threads > 1 && multiplyAdds >= SPLIT_LIMIT && mayShare();
    }

    /** Whether this thread may hand work to the helpers: it is neither a helper nor a DataParallel share's. */
    static boolean mayShare() {
        return !(Thread.currentThread() instanceof Helper) && !DataParallel.onReplicaThread();
    }

    /** How a product is cut: blocks of {@code size} columns (else rows) of c, the last one ragged. */
    record Blocking(boolean columns, int size, int count) {

        /** The cut of a product of c [m, n] and {@code multiplyAdds} multiply-adds: a function of its shape only. */
        static Blocking of(int m, int n, long multiplyAdds) {
            boolean columns = n >= m;
            int extent = columns ? n : m;
            long wanted = Math.max(2, Math.min(MAX_BLOCKS, multiplyAdds / BLOCK_MULTIPLY_ADDS));
            // Blocks no narrower than MIN_WIDTH (unless that leaves one), then evened out.
            int narrowest = Math.min(MIN_WIDTH, (int) roundUp((extent + 1) / 2, ALIGN));
            int size = (int) Math.max(narrowest, roundUp((extent + wanted - 1) / wanted, ALIGN));
            int count = (extent + size - 1) / size;
            size = (int) Math.min(extent, roundUp((extent + count - 1) / count, ALIGN));
            return new Blocking(columns, size, (extent + size - 1) / size);
        }

        /** Computes block i of the product. */
        void run(StridedProduct product, int i) {
            int from = i * size;
            if (columns) {
                product.run(0, product.m, from, Math.min(product.n, from + size));
            } else {
                product.run(from, Math.min(product.m, from + size), 0, product.n);
            }
        }

        private static long roundUp(long x, int step) {
            return (x + step - 1) / step * step;
        }
    }

    /**
     * Computes the product with the calling thread and up to {@code threads - 1} helpers taking its blocks;
     * alone, block after block, when another caller holds the helpers.
     */
    static void run(StridedProduct product, int threads) {
        Blocking blocking = Blocking.of(product.m, product.n, product.multiplyAdds());
        share(blocking.count, i -> blocking.run(product, i), threads);
    }

    /**
     * Runs blocks 0 to count - 1 of some work whose blocks are independent (each writes its own part of
     * the output), on the calling thread and up to {@code threads - 1} helpers, each taking the next
     * block until none is left; alone, block after block, when another caller holds the helpers.
     * Returns when every block is done; throws what a block threw.
     */
    static void share(int count, IntConsumer block, int threads) {
        if (threads < 2 || count < 2 || !IN_USE.compareAndSet(false, true)) {
            for (int i = 0; i < count; i++) {
                block.accept(i);
            }
            return;
        }
        try {
            int helpers = Math.min(threads - 1, count - 1);
            List<Helper> called = helpers(helpers);
            Job current = new Job(count, block, Thread.currentThread(), helpers);
            job = current;
            for (Helper helper : called) {
                if (helper.parked) {
                    LockSupport.unpark(helper);
                }
            }
            current.work();
            current.awaitDone();
            job = null; // a helper that wakes late finds nothing, and the arrays are not kept reachable
            if (current.failure instanceof RuntimeException e) {
                throw e;
            }
            if (current.failure instanceof Error e) {
                throw e;
            }
        } finally {
            IN_USE.set(false);
        }
    }

    /** The first {@code count} helpers, made now if they do not exist yet. */
    private static List<Helper> helpers(int count) {
        synchronized (HELPERS) {
            while (HELPERS.size() < count) {
                Helper helper = new Helper(HELPERS.size() + 1);
                HELPERS.add(helper);
                helper.start();
            }
            return List.copyOf(HELPERS.subList(0, count));
        }
    }

    /** For tests: the helper threads made so far. */
    static int helperCount() {
        synchronized (HELPERS) {
            return HELPERS.size();
        }
    }

    /** One piece of work's blocks and who has done which. */
    private static final class Job {
        final int count;
        final IntConsumer block;
        final Thread caller;
        /** Helpers 1 to this number join; the others leave the job to them. */
        final int helpers;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(int count, IntConsumer block, Thread caller, int helpers) {
            this.count = count;
            this.block = block;
            this.caller = caller;
            this.helpers = helpers;
        }

        /** Takes blocks until none is left. */
        void work() {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    block.accept(i);
                } catch (RuntimeException | Error e) {
                    failure = e; // rethrown by the caller; a helper must count its block done whatever happens
                } finally {
                    if (done.incrementAndGet() == count) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** The caller's wait for the blocks the helpers still compute: a short watch, then parked. */
        void awaitDone() {
            long start = System.nanoTime();
            while (done.get() < count) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }

    /** A helper thread: takes blocks of each new product, watches briefly for the next, then parks. */
    private static final class Helper extends Thread {
        private final int number;
        volatile boolean parked;

        Helper(int number) {
            super("jgrad-product-" + number);
            this.number = number;
            setDaemon(true);
        }

        @Override
        public void run() {
            Threads.useOpsThreadsOnThisThread();
            Job seen = null;
            while (true) {
                Job current = awaitNew(seen);
                seen = current;
                if (number <= current.helpers) {
                    current.work();
                }
            }
        }

        private Job awaitNew(Job seen) {
            long start = System.nanoTime();
            while (true) {
                Job current = job;
                if (current != null && current != seen) {
                    return current;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                current = job;
                if (current == null || current == seen) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
