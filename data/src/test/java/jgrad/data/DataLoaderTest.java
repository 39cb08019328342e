package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DataLoaderTest {

    /** n examples of shape [2, 3]; example i holds 100 i + k at its k-th position, and its label is i. */
    private static INDArray features(int n) {
        return Nd4j.arange(n * 6L).reshape(n, 2, 3).castTo(DataType.FLOAT)
                .addi(Nd4j.arange(n).castTo(DataType.FLOAT).muli(94).reshape(n, 1, 1));
    }

    private static INDArray labels(int n) {
        return Nd4j.arange(n).castTo(DataType.INT64);
    }

    private static Dataset data(int n) {
        return new Dataset(features(n), labels(n));
    }

    /** The source rows of each batch of an epoch, read out before the buffers are reused. */
    private static List<long[]> order(DataLoader loader, int epoch) {
        List<long[]> batches = new ArrayList<>();
        for (DataLoader.Batch batch : loader.epoch(epoch)) {
            batches.add(batch.rows().toLongVector());
        }
        return batches;
    }

    private static long[] flat(List<long[]> batches) {
        return batches.stream().flatMapToLong(LongStream::of).toArray();
    }

    private static List<Long> boxed(long[] values) {
        return LongStream.of(values).boxed().toList();
    }

    @Test
    void everyExampleComesExactlyOncePerEpochAndTheShortLastBatchIsKept() {
        DataLoader loader = DataLoader.shuffled(data(10), 3, 42, false);
        assertEquals(4, loader.batchesPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            List<long[]> batches = order(loader, epoch);
            assertEquals(List.of(3, 3, 3, 1), batches.stream().map(b -> b.length).toList());
            assertArrayEquals(LongStream.range(0, 10).toArray(), LongStream.of(flat(batches)).sorted().toArray());
        }
    }

    @Test
    void batchesHoldTheSourceRowsTheySayTheyHold() {
        INDArray features = features(10);
        DataLoader loader = DataLoader.shuffled(new Dataset(features, labels(10)), 4, 7, false);
        int seen = 0;
        for (DataLoader.Batch batch : loader.epoch(1)) {
            long[] rows = batch.rows().toLongVector();
            assertArrayEquals(rows, batch.labels().toLongVector());
            assertEquals(DataType.INT64, batch.labels().dataType());
            assertArrayEquals(new long[] {rows.length, 2, 3}, batch.features().shape());
            for (int i = 0; i < rows.length; i++) {
                assertEquals(features.get(NDArrayIndex.point(rows[i])),
                        batch.features().get(NDArrayIndex.point(i)));
            }
            seen += rows.length;
        }
        assertEquals(10, seen);
    }

    @Test
    void theSameSeedGivesTheSameOrderWhateverEpochsRanBefore() {
        DataLoader a = DataLoader.shuffled(data(50), 8, 123, false);
        DataLoader b = DataLoader.shuffled(data(50), 8, 123, false);
        order(a, 0);
        order(a, 1);
        assertArrayEquals(flat(order(a, 2)), flat(order(b, 2)));
        assertArrayEquals(flat(order(a, 0)), flat(order(b, 0)));
    }

    @Test
    void differentEpochsAndDifferentSeedsGiveDifferentOrders() {
        DataLoader loader = DataLoader.shuffled(data(50), 8, 123, false);
        List<Long> first = boxed(flat(order(loader, 0)));
        assertNotEquals(first, boxed(flat(order(loader, 1))));
        assertNotEquals(first, boxed(flat(order(DataLoader.shuffled(data(50), 8, 124, false), 0))));
        assertNotEquals(boxed(LongStream.range(0, 50).toArray()), first);
    }

    @Test
    void dropLastLeavesOutTheShortBatch() {
        DataLoader loader = DataLoader.shuffled(data(10), 3, 5, true);
        assertEquals(3, loader.batchesPerEpoch());
        List<long[]> batches = order(loader, 0);
        assertEquals(List.of(3, 3, 3), batches.stream().map(b -> b.length).toList());
        assertEquals(9, LongStream.of(flat(batches)).distinct().count());
    }

    @Test
    void aSequentialLoaderKeepsTheDataSetsOrder() {
        DataLoader loader = DataLoader.sequential(data(7), 2, false);
        assertArrayEquals(LongStream.range(0, 7).toArray(), flat(order(loader, 0)));
        assertArrayEquals(LongStream.range(0, 7).toArray(), flat(order(loader, 5)));
    }

    @Test
    void theBatchArraysAreReusedFromBatchToBatch() {
        DataLoader loader = DataLoader.shuffled(data(9), 3, 1, false);
        Iterator<DataLoader.Batch> batches = loader.epoch(0).iterator();
        DataLoader.Batch first = batches.next();
        long firstLabel = first.labels().getLong(0);
        DataLoader.Batch second = batches.next();
        assertSame(first.features(), second.features());
        assertSame(first.labels(), second.labels());
        assertEquals(second.rows().getLong(0), first.labels().getLong(0), "the first batch now shows the second's data");
        assertNotEquals(firstLabel, second.labels().getLong(0));
    }

    @Test
    void startingAnotherEpochInvalidatesTheOneBeingIterated() {
        DataLoader loader = DataLoader.shuffled(data(9), 3, 1, false);
        Iterator<DataLoader.Batch> running = loader.epoch(0).iterator();
        running.next();
        loader.epoch(1).iterator().next();
        assertThrows(ConcurrentModificationException.class, running::next);
    }

    @Test
    void mismatchedFeaturesAndLabelsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset(features(4), labels(5)));
        assertEquals("Dataset: expected features [n, ...] and labels [n], got features [4, 2, 3] and labels [5]",
                e.getMessage());
    }

    @Test
    void aBatchSizeBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataLoader.sequential(data(4), 0, false));
        assertEquals("DataLoader: batch size must be at least 1, got 0", e.getMessage());
    }

    // --- prefetch ---

    /** Each batch's rows, labels and features, copied out before the buffers are reused. */
    private static List<INDArray[]> copies(DataLoader loader, int epoch) {
        return copies(loader.epoch(epoch));
    }

    private static List<INDArray[]> copies(Iterable<DataLoader.Batch> epoch) {
        List<INDArray[]> batches = new ArrayList<>();
        for (DataLoader.Batch batch : epoch) {
            batches.add(new INDArray[] {batch.rows().dup(), batch.labels().dup(), batch.features().dup()});
        }
        return batches;
    }

    @Test
    void anEpochFromALaterBatchGivesTheRemainingBatchesOfTheSameOrderWithOrWithoutPrefetch() {
        try (DataLoader plain = DataLoader.shuffled(data(23), 5, 9, false);
                DataLoader prefetching = DataLoader.shuffled(data(23), 5, 9, false).prefetch()) {
            List<INDArray[]> whole = copies(plain, 2);
            for (DataLoader loader : List.of(plain, prefetching)) {
                List<INDArray[]> rest = copies(loader.epoch(2, 3));
                assertEquals(2, rest.size());
                for (int b = 0; b < rest.size(); b++) {
                    for (int k = 0; k < 3; k++) {
                        assertEquals(whole.get(b + 3)[k], rest.get(b)[k], "batch " + (b + 3) + ", array " + k);
                    }
                }
            }
            assertFalse(plain.epoch(2, 5).iterator().hasNext(), "from the batches per epoch on: none left");
        }
    }

    @Test
    void aFirstBatchOutsideTheEpochIsRejectedWithTheRange() {
        DataLoader loader = DataLoader.sequential(data(23), 5, false);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loader.epoch(0, 6));

        assertEquals("DataLoader: first batch 6 of epoch 0 is out of range; expected 0 ... 5 (the batches per epoch)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loader.epoch(0, -1));
    }

    @Test
    void prefetchingGivesTheSameBatchesInTheSameOrder() {
        try (DataLoader plain = DataLoader.shuffled(data(23), 5, 9, false);
                DataLoader prefetching = DataLoader.shuffled(data(23), 5, 9, false).prefetch()) {
            for (int epoch = 0; epoch < 3; epoch++) {
                List<INDArray[]> expected = copies(plain, epoch);
                List<INDArray[]> actual = copies(prefetching, epoch);
                assertEquals(5, actual.size());
                for (int b = 0; b < expected.size(); b++) {
                    for (int k = 0; k < 3; k++) {
                        assertEquals(expected.get(b)[k], actual.get(b)[k], "epoch " + epoch + ", batch " + b + ", array " + k);
                    }
                }
            }
        }
    }

    @Test
    void prefetchingAlternatesBetweenTwoPairsOfBuffersAndLeavesTheCurrentBatchAlone() {
        try (DataLoader loader = DataLoader.sequential(data(9), 3, false).prefetch()) {
            Iterator<DataLoader.Batch> batches = loader.epoch(0).iterator();
            DataLoader.Batch first = batches.next();
            DataLoader.Batch second = batches.next();
            // The third batch is being gathered now, into the first batch's buffers; the second stays intact.
            assertArrayEquals(new long[] {3, 4, 5}, second.labels().toLongVector());
            DataLoader.Batch third = batches.next();
            assertNotSame(first.features(), second.features());
            assertSame(first.features(), third.features());
            assertArrayEquals(new long[] {6, 7, 8}, third.labels().toLongVector());
        }
    }

    @Test
    void withPrefetchStartingAnotherEpochStillInvalidatesTheOneBeingIterated() {
        try (DataLoader loader = DataLoader.shuffled(data(9), 3, 1, false).prefetch()) {
            Iterator<DataLoader.Batch> running = loader.epoch(0).iterator();
            running.next();
            assertEquals(List.of(3, 3, 3), order(loader, 1).stream().map(b -> b.length).toList());
            assertThrows(ConcurrentModificationException.class, running::next);
        }
    }

    @Test
    void prefetchAfterTheFirstEpochIsRejected() {
        DataLoader loader = DataLoader.sequential(data(4), 2, false);
        order(loader, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, loader::prefetch);
        assertEquals("DataLoader: prefetch() must come before the first epoch, but 1 epoch(s) were started", e.getMessage());
    }
}
