package jgrad.data;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Mini-batches over a {@link Dataset}, one epoch at a time.
 *
 * <pre>{@code
 * DataLoader batches = DataLoader.shuffled(new Dataset(images, labels), 128, 42, false);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (DataLoader.Batch batch : batches.epoch(epoch)) {
 *         // batch.features() [128, ...], batch.labels() [128]: valid until the next batch is taken
 *     }
 * }
 * }</pre>
 *
 * <p>Each epoch visits every example once, in the order of an index permutation: the identity for a
 * {@link #sequential} loader, and for a {@link #shuffled} one a permutation drawn from the seed and the
 * epoch number alone, so that epoch 7 has the same order whether or not epochs 0-6 ran before it. The
 * last batch holds the remaining {@code n mod batchSize} examples, or is left out when {@code dropLast}.
 *
 * <p><b>The batch arrays are reused.</b> The data set is never copied for an epoch: each batch's rows are
 * gathered by ND4J straight from the source arrays into buffers made once, [batchSize, ...] and
 * [batchSize] (plus a pair for a short last batch). A {@link Batch} is therefore valid only until the next
 * batch is taken; copy ({@code dup()}) whatever must outlive it. For the same reason only one epoch's
 * iteration may run at a time: starting another makes the earlier one fail fast. Not thread-safe.
 *
 * <p><b>Prefetch.</b> After {@link #prefetch()}, a background thread gathers the next batch while the
 * caller works on the current one, into a second pair of buffers (so batches alternate between two),
 * with the same batches in the same order as without it. It pays when a step is short next to a gather
 * of large rows; {@link #close()} stops the thread.
 */
public final class DataLoader implements AutoCloseable {

    /**
     * One mini-batch. All three arrays are overwritten when a later batch is taken.
     *
     * @param features the batch's features [b, ...], of the source features' data type
     * @param labels the batch's labels [b], of the source labels' data type
     * @param rows int64 [b]: which source rows the batch holds, in order
     */
    public record Batch(INDArray features, INDArray labels, INDArray rows) {}

    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int size;

    private final long[] order;
    private final INDArray permutation;
    /** Buffers of full batches: one pair, or two that alternate when prefetching. */
    private final INDArray[][] full = new INDArray[2][];
    private INDArray[] tail;
    /** Counts started epochs, so that an iterator can tell when another epoch took over its buffers. */
    private long generation;
    private ExecutorService prefetcher;
    /** The batch being gathered in the background, if any; waited for before the permutation changes. */
    private Future<Batch> inFlight;

    private DataLoader(Dataset data, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batch size must be at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.size = data.size();
        this.order = new long[size];
        this.permutation = Nd4j.createUninitialized(DataType.INT64, Math.max(size, 1));
        this.full[0] = buffers(Math.min(batchSize, Math.max(size, 1)));
    }

    /** Batches in the data set's own order, the same every epoch (for evaluation). */
    public static DataLoader sequential(Dataset data, int batchSize, boolean dropLast) {
        return new DataLoader(data, batchSize, false, 0, dropLast);
    }

    /** Batches in an order reshuffled every epoch, from the seed and the epoch number (for training). */
    public static DataLoader shuffled(Dataset data, int batchSize, long seed, boolean dropLast) {
        return new DataLoader(data, batchSize, true, seed, dropLast);
    }

    /**
     * Gathers each next batch on a background thread while the current one is in use; see the class
     * comment. Call before the first epoch.
     *
     * @return this loader
     * @throws IllegalStateException if an epoch was already started
     */
    public DataLoader prefetch() {
        if (generation > 0) {
            throw new IllegalStateException("DataLoader: prefetch() must come before the first epoch, but "
                    + generation + " epoch(s) were started");
        }
        if (prefetcher == null) {
            prefetcher = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "jgrad-data-prefetch");
                thread.setDaemon(true); // never keeps a program alive that forgot close()
                return thread;
            });
            full[1] = buffers((int) full[0][0].size(0));
        }
        return this;
    }

    /** The examples batched. */
    public Dataset dataset() {
        return data;
    }

    /** The number of examples n. */
    public int size() {
        return size;
    }

    /** The number of examples in a full batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The number of batches each epoch yields. */
    public int batchesPerEpoch() {
        return dropLast ? size / batchSize : (int) ((size + (long) batchSize - 1) / batchSize); // long: no overflow near Integer.MAX_VALUE
    }

    /**
     * The batches of one epoch. Iterating starts the epoch: it draws the permutation and invalidates any
     * earlier epoch's iterator.
     *
     * @param epoch the epoch number, from 0; with the seed, it fixes the order
     */
    public Iterable<Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /**
     * The batches of one epoch from batch {@code firstBatch} on (from 0): the order {@link #epoch(int)}
     * gives, without gathering the batches before it (for a run resumed in the middle of an epoch).
     *
     * @throws IllegalArgumentException unless {@code 0 <= firstBatch <= batchesPerEpoch()}
     */
    public Iterable<Batch> epoch(int epoch, int firstBatch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader: epoch must be >= 0, got " + epoch);
        }
        if (firstBatch < 0 || firstBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("DataLoader: first batch " + firstBatch + " of epoch " + epoch
                    + " is out of range; expected 0 ... " + batchesPerEpoch() + " (the batches per epoch)");
        }
        return () -> start(epoch, firstBatch);
    }

    /** Stops the prefetch thread, if any, after the batch it is gathering. */
    @Override
    public void close() {
        awaitInFlight();
        if (prefetcher != null) {
            prefetcher.shutdown();
        }
    }

    private Iterator<Batch> start(int epoch, int firstBatch) {
        // A batch still being gathered for an abandoned epoch reads the permutation about to be rewritten.
        awaitInFlight();
        // Fisher-Yates from the identity each time, so an epoch's order does not depend on the ones before.
        if (shuffle) {
            int[] shuffled = Permutation.shuffled(size, new SplittableRandom(mix(seed ^ mix(epoch + 0x9E3779B97F4A7C15L)))::nextInt);
            for (int i = 0; i < size; i++) {
                order[i] = shuffled[i];
            }
        } else {
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
        }
        if (size > 0) {
            permutation.data().setData(order);
        }
        long mine = ++generation;
        int batches = batchesPerEpoch();
        if (prefetcher != null && firstBatch < batches) {
            inFlight = prefetcher.submit(() -> batch(firstBatch));
        }
        return new Iterator<>() {
            private int next = firstBatch;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has only " + batches + " batches");
                }
                if (generation != mine) {
                    throw new ConcurrentModificationException("DataLoader: another epoch was started while epoch "
                            + epoch + " was being iterated; they share the batch buffers");
                }
                if (prefetcher == null) {
                    return batch(next++);
                }
                Batch ready = awaitInFlight();
                int following = ++next;
                // Batch k + 1 goes into the buffers of batch k - 1, which the caller let go by asking for batch k.
                inFlight = following < batches ? prefetcher.submit(() -> batch(following)) : null;
                return ready;
            }
        };
    }

    /** The batch being gathered in the background, once it is done, or null if there is none. */
    private Batch awaitInFlight() {
        if (inFlight == null) {
            return null;
        }
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("DataLoader: interrupted while waiting for the next batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("DataLoader: gathering a batch failed: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            inFlight = null;
        }
    }

    private Batch batch(int index) {
        int start = index * batchSize;
        int end = Math.min(start + batchSize, size);
        INDArray[] out = end - start == batchSize ? full[prefetcher == null ? 0 : index % 2] : tailBuffers(end - start);
        INDArray rows = permutation.get(NDArrayIndex.interval(start, end));
        gather(data.features(), rows, out[0]);
        gather(data.labels(), rows, out[1]);
        return new Batch(out[0], out[1], rows);
    }

    private INDArray[] tailBuffers(int rows) {
        if (tail == null) {
            tail = buffers(rows);
        }
        return tail;
    }

    private INDArray[] buffers(int rows) {
        long[] shape = data.features().shape().clone();
        shape[0] = rows;
        return new INDArray[] {
            Nd4j.createUninitialized(data.features().dataType(), shape, 'c'),
            Nd4j.createUninitialized(data.labels().dataType(), rows)
        };
    }

    /** out[i, ...] = source[rows[i], ...], by libnd4j's gather along axis 0, written into out. */
    private static void gather(INDArray source, INDArray rows, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(source, rows)
                .addOutputs(out)
                .addIntegerArguments(0)
                .build());
    }

    /** Stafford's mix13 finaliser: spreads nearby seeds (0, 1, 2...) to unrelated random streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
