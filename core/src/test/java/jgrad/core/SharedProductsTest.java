package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SharedProductsTest {

    /** c [37, 601] with k 400: 8.9 M multiply-adds, just over the limit, cut into blocks, the last one ragged. */
    private static final long M = 37;
    private static final long N = 601;
    private static final long K = 400;   // M N K just above the split limit

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (double beta : new double[] {0, 1}) {
                        for (boolean tall : new boolean[] {false, true}) {
                            cases.add(Arguments.of(type, transA, transB, beta, tall));
                        }
                    }
                }
            }
        }
        return cases.build();
    }

    private static INDArray operand(DataType type, long rows, long cols, boolean transposed, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return transposed ? Nd4j.rand(type, cols, rows).transpose() : Nd4j.rand(type, rows, cols);
    }

    /** a and b of the case, with op(a) [m, k] and op(b) [k, n]; tall swaps m and n so that rows are cut. */
    private static INDArray[] operands(DataType type, boolean transA, boolean transB, boolean tall) {
        long m = tall ? N : M;
        long n = tall ? M : N;
        INDArray a = transA ? operand(type, K, m, false, 1) : operand(type, m, K, false, 1);
        INDArray b = transB ? operand(type, n, K, false, 2) : operand(type, K, n, false, 2);
        return new INDArray[] {a, b};
    }

    @ParameterizedTest(name = "{0} transA {1} transB {2} beta {3} tall {4}")
    @MethodSource("cases")
    void sharedProductsGiveExactlyTheBitsOfTheirBlocksRunOneAfterAnother(DataType type, boolean transA, boolean transB,
            double beta, boolean tall) {
        INDArray[] ab = operands(type, transA, transB, tall);
        long m = tall ? N : M;
        long n = tall ? M : N;
        INDArray start = operand(type, m, n, false, 3);
        INDArray alone = start.dup();
        StridedProduct one = StridedProduct.of(ab[0], transA, ab[1], transB, alone, m, n, K, beta);
        SharedProducts.Blocking blocking = SharedProducts.Blocking.of((int) m, (int) n, one.multiplyAdds());
        assertTrue(blocking.count() > 2 && (tall ? m : n) % blocking.size() != 0, "the blocks are ragged: " + blocking);
        assertEquals(!tall, blocking.columns());
        for (int i = 0; i < blocking.count(); i++) {
            blocking.run(one, i);
        }
        for (int threads : new int[] {2, 3}) {
            for (int repeat = 0; repeat < 20; repeat++) {
                INDArray shared = start.dup();
                SharedProducts.run(StridedProduct.of(ab[0], transA, ab[1], transB, shared, m, n, K, beta), threads);
                assertBitsEqual(alone, shared);
            }
        }
    }

    @ParameterizedTest(name = "{0} transA {1} transB {2} beta {3} tall {4}")
    @MethodSource("cases")
    void sharedProductsThroughGemmAgreeWithTheOneThreadPath(DataType type, boolean transA, boolean transB, double beta,
            boolean tall) {
        INDArray[] ab = operands(type, transA, transB, tall);
        long m = tall ? N : M;
        long n = tall ? M : N;
        INDArray start = operand(type, m, n, false, 3);
        INDArray expected = start.dup();
        INDArray actual = start.dup();
        withProductThreads(1, () -> Gemm.gemm(ab[0], transA, ab[1], transB, expected, beta));
        withProductThreads(2, () -> Gemm.gemm(ab[0], transA, ab[1], transB, actual, beta));

        assertTrue(expected.equalsWithEps(actual, type == DataType.FLOAT ? 1e-3 : 1e-10),
                "largest difference " + expected.sub(actual).amaxNumber());
    }

    @Test
    void transposedAndSlicedViewsAreReadInPlaceAndLayoutsOpenBlasCannotReadFallBackToTheOneThreadPath() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 2 * M + 3, 2 * K);
        INDArray sliced = big.get(NDArrayIndex.interval(3, 3 + M), NDArrayIndex.interval(5, 5 + K));
        INDArray everyOther = big.get(NDArrayIndex.interval(0, M), NDArrayIndex.interval(0, 2, 2 * K));
        INDArray b = Nd4j.rand(DataType.FLOAT, N, K).transpose();
        assertNotNull(StridedProduct.of(sliced, false, b, false, Nd4j.create(DataType.FLOAT, M, N), M, N, K, 0));
        assertNull(StridedProduct.of(everyOther, false, b, false, Nd4j.create(DataType.FLOAT, M, N), M, N, K, 0));
        assertTrue(SharedProducts.splits(M * N * K, 2), "a product this size is shared");
        for (INDArray a : List.of(sliced, everyOther)) {
            INDArray expected = a.dup().mmul(b.dup());
            INDArray actual = Nd4j.create(DataType.FLOAT, M, N);
            withProductThreads(2, () -> Gemm.gemm(a, false, b, false, actual, 0));
            assertTrue(expected.equalsWithEps(actual, 1e-3), "largest difference " + expected.sub(actual).amaxNumber());
        }
    }

    @Test
    void productsSplitOnlyFromTheLimitWithMoreThanOneThreadAndNeverInsideAReplicasShare() {
        assertTrue(SharedProducts.splits(SharedProducts.SPLIT_LIMIT, 2));
        assertFalse(SharedProducts.splits(SharedProducts.SPLIT_LIMIT - 1, 2));
        assertFalse(SharedProducts.splits(SharedProducts.SPLIT_LIMIT, 1));
        Tape.setReplicaShare(true);   // as DataParallel marks a share's thread
        try {
            assertFalse(SharedProducts.splits(SharedProducts.SPLIT_LIMIT, 2));
        } finally {
            Tape.setReplicaShare(false);
        }
        assertTrue(SharedProducts.splits(SharedProducts.SPLIT_LIMIT, 2), "the mark ends with the share");
    }

    @Test
    void theCutDependsOnTheShapeOnlyWithBlocksOfAbout128EvenedOutToMultiplesOf16WhereThereIsRoom() {
        // The MNIST MLP's products at batch 128; 784 rows in 7 even blocks of 112 rather than 6 of 128 and one of 16.
        assertEquals(new SharedProducts.Blocking(true, 128, 4), SharedProducts.Blocking.of(128, 512, 128L * 512 * 784));
        assertEquals(new SharedProducts.Blocking(false, 112, 7), SharedProducts.Blocking.of(784, 512, 784L * 512 * 128));
        assertEquals(new SharedProducts.Blocking(true, 128, 2), SharedProducts.Blocking.of(128, 256, 128L * 256 * 512));
        // Narrow products are halved rather than left whole.
        assertEquals(new SharedProducts.Blocking(true, 48, 2), SharedProducts.Blocking.of(8, 96, 1L << 24));
        assertEquals(new SharedProducts.Blocking(false, 16, 1), SharedProducts.Blocking.of(16, 1, 1L << 24));
    }

    @Test
    void helpersAreNamedDaemonThreadsMadeOncePerProcess() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 64, 256);
        INDArray b = Nd4j.rand(DataType.FLOAT, 256, 512);
        INDArray c = Nd4j.create(DataType.FLOAT, 64, 512);
        SharedProducts.run(StridedProduct.of(a, false, b, false, c, 64, 512, 256, 0), 2);
        int made = SharedProducts.helperCount();
        assertTrue(made >= 1, "the product was shared, so a helper exists");
        for (int i = 0; i < 10; i++) {
            SharedProducts.run(StridedProduct.of(a, false, b, false, c, 64, 512, 256, 0), 2);
        }
        assertEquals(made, SharedProducts.helperCount());
        List<Thread> helpers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jgrad-product-")).toList();
        assertEquals(made, helpers.size());
        assertTrue(helpers.stream().allMatch(Thread::isDaemon));
    }

    @Test
    void aBlockThatThrowsReachesTheCallerAndTheNextShareIsStillShared() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedProducts.share(4, i -> {
                if (i == 2) {
                    throw new IllegalStateException("block " + i);
                }
            }, 2));
            assertEquals("block 2", e.getMessage());

            // Both blocks wait for each other: they end at once only if a helper takes one, which it does
            // only if the failed share let go of the helpers.
            CountDownLatch bothStarted = new CountDownLatch(2);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            boolean[] met = new boolean[2];
            SharedProducts.share(2, i -> {
                threads.add(Thread.currentThread().getName());
                bothStarted.countDown();
                try {
                    met[i] = bothStarted.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, 2);
            assertArrayEquals(new boolean[] {true, true}, met, "threads " + threads);
            assertEquals(2, threads.size(), threads.toString());
        });
    }

    @Test
    void theMatrixProductsGradientsMatchFiniteDifferencesWhenItsProductsAreShared() {
        withProductThreads(2, () -> {
            // c [1, 16384] with k 512 (the split limit): the forward and dA = g B^T are cut into column blocks.
            assertTrue(SharedProducts.splits(512L * 16384, 2));
            Parameter a = Tensor.param(Nd4j.rand(DataType.DOUBLE, 1, 512).subi(0.5));
            Parameter b = Tensor.param(Nd4j.rand(DataType.DOUBLE, 512, 16384).subi(0.5));
            GradCheck.Result r = GradCheck.check(() -> a.matmul(b), List.of(a));
            assertTrue(r.maxError() < 1e-6, r.toString());
            // c [16384, 1]: the forward and the gradient of a^T, B^T g, are cut into row blocks.
            GradCheck.Result s = GradCheck.check(() -> b.transpose().matmul(a.transpose()), List.of(a));
            assertTrue(s.maxError() < 1e-6, s.toString());
        });
    }

    private static void withProductThreads(int threads, Runnable run) {
        ProductChoice before = Threads.products();
        try {
            Threads.configureProducts(threads);
            run.run();
        } finally {
            Threads.restore(before);
        }
    }

    private static void assertBitsEqual(INDArray expected, INDArray actual) {
        if (expected.dataType() == DataType.FLOAT) {
            assertArrayEquals(expected.data().asFloat(), actual.data().asFloat());
        } else {
            assertArrayEquals(expected.data().asDouble(), actual.data().asDouble());
        }
    }
}
