package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Gradients of a batch cut into shares, one replica per share: the single tape's, summed in a fixed order. */
class DataParallelTest {

    private static final int BATCH = 7;

    /** A lookup table (row-sparse gradients) feeding a dense layer and a softmax cross-entropy. */
    record Net(Parameter table, Parameter weight, Parameter bias) {
        static Net draw(long seed) {
            Nd4j.getRandom().setSeed(seed);
            return new Net(Tensor.param(Nd4j.randn(DataType.DOUBLE, 10, 3)).useSparseGrad(true),
                    Tensor.param(Nd4j.randn(DataType.DOUBLE, 6, 4)), Tensor.param(Nd4j.randn(DataType.DOUBLE, 4)));
        }

        List<Parameter> parameters() {
            return List.of(table, weight, bias);
        }

        Tensor meanLoss(INDArray ids, INDArray labels) {
            Tensor rows = Ops.gather(table, ids).reshape(ids.size(0), 6);
            return Ops.crossEntropy(rows.matmul(weight).add(bias), labels);
        }
    }

    private static final INDArray IDS = Nd4j.createFromArray(new int[][] {
            {1, 4}, {0, 4}, {9, 9}, {2, 1}, {7, 3}, {4, 4}, {5, 0}});
    private static final INDArray LABELS = Nd4j.createFromArray(new long[] {0, 3, 2, 1, 1, 0, 3});

    private static Tensor shareLoss(Net net, int from, int to) {
        return net.meanLoss(rows(IDS, from, to), rows(LABELS, from, to));
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.rank() == 1 ? a.get(NDArrayIndex.interval(from, to)) : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** The model's gradients after one data-parallel step with {@code n} replicas, densified. */
    private static List<double[]> gradients(int n, int batch) {
        Net model = Net.draw(1);
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, n, k -> Net.draw(100 + k))) {
            replicas.gradients(batch, DataParallelTest::shareLoss);
        }
        return flatGradients(model);
    }

    private static List<double[]> flatGradients(Net model) {
        List<double[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.grad().dup('c').reshape(p.grad().length()).toDoubleVector());
        }
        return out;
    }

    private static List<double[]> singleTape(int batch) {
        Net model = Net.draw(1);
        try (Tape tape = Tape.record()) {
            tape.backward(shareLoss(model, 0, batch));
        }
        return flatGradients(model);
    }

    @Test
    void twoAndThreeReplicasGiveTheSingleTapesGradientToRounding() {
        List<double[]> expected = singleTape(BATCH);
        for (int n : new int[] {2, 3}) {
            List<double[]> got = gradients(n, BATCH);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), 1e-14, "parameter " + i + " with " + n + " replicas");
            }
        }
    }

    @Test
    void oneReplicaIsExactlyTheSingleTape() {
        List<double[]> expected = singleTape(BATCH);
        List<double[]> got = gradients(1, BATCH);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), 0.0);
        }
    }

    @Test
    void replicasGiveTheSameBitsInEveryRun() {
        List<double[]> first = gradients(3, BATCH);
        for (int run = 0; run < 3; run++) {
            List<double[]> again = gradients(3, BATCH);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i), 0.0);
            }
        }
    }

    @Test
    void theLossIsTheBatchMean() {
        Net model = Net.draw(1);
        double expected;
        try (Tape tape = Tape.noGrad()) {
            expected = shareLoss(model, 0, BATCH).item();
        }
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 3, k -> Net.draw(100 + k))) {
            assertEquals(expected, replicas.gradients(BATCH, DataParallelTest::shareLoss), 1e-14);
        }
    }

    @Test
    void aBatchWithFewerRowsThanReplicasLeavesTheLastReplicasOut() {
        List<double[]> expected = singleTape(2);
        List<double[]> got = gradients(3, 2);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), got.get(i), 1e-14);
        }
    }

    @Test
    void sharesAreContiguousAndTheFirstOnesTakeTheRemainder() {
        assertArrayEquals(new int[] {0, 3, 5, 7}, new int[] {DataParallel.start(0, 3, 7), DataParallel.start(1, 3, 7),
                DataParallel.start(2, 3, 7), DataParallel.start(3, 3, 7)});
    }

    @Test
    void aTableGradientStaysRowSparseWithTheRowsOfEveryShare() {
        Net model = Net.draw(1);
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 2, k -> Net.draw(100 + k))) {
            replicas.gradients(BATCH, DataParallelTest::shareLoss);
        }
        RowSparseGrad rows = model.table().sparseGrad();
        assertNotNull(rows, "the model's table gradient became dense");
        int[] sorted = rows.rows().clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 7, 9}, sorted);
    }

    @Test
    void aTableMadeRowSparseAfterTheReplicasWereBuiltGetsRowSparseGradientsFromThem() {
        Net model = Net.draw(1);
        model.table().useSparseGrad(false);
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 3, k -> Net.draw(100 + k))) {
            replicas.gradients(BATCH, DataParallelTest::shareLoss);
            List<double[]> dense = flatGradients(model);
            model.parameters().forEach(Parameter::zeroGrad);
            model.table().useSparseGrad(true);
            replicas.gradients(BATCH, DataParallelTest::shareLoss);
            assertNotNull(model.table().sparseGrad(), "a replica's dense table gradient densified the model's");
            assertArrayEquals(dense.get(0), flatGradients(model).get(0), 0.0);
        }
    }

    @Test
    void eachStepStartsFromTheModelsCurrentValues() {
        Net model = Net.draw(1);
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 2, k -> Net.draw(100 + k))) {
            replicas.gradients(BATCH, DataParallelTest::shareLoss);
            model.parameters().forEach(Parameter::zeroGrad);
            model.weight().value().muli(2);
            replicas.gradients(BATCH, DataParallelTest::shareLoss);
        }
        Net expected = Net.draw(1);
        expected.weight().value().muli(2);
        try (Tape tape = Tape.record()) {
            tape.backward(shareLoss(expected, 0, BATCH));
        }
        assertArrayEquals(flatGradients(expected).get(1), flatGradients(model).get(1), 1e-14);
    }

    @Test
    void replicasThatReadTheModelsValuesInPlaceGiveTheBitsOfCopyingReplicas() {
        List<double[]> copying = gradients(3, BATCH);
        Net model = Net.draw(1);
        List<Parameter> shared = new ArrayList<>();
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 3, k -> {
            List<Parameter> p = DataParallel.sharingValues(model.parameters());
            shared.addAll(p);
            return new Net(p.get(0), p.get(1), p.get(2));
        })) {
            replicas.gradients(BATCH, DataParallelTest::shareLoss);
        }
        List<double[]> sharing = flatGradients(model);
        for (int i = 0; i < copying.size(); i++) {
            assertArrayEquals(copying.get(i), sharing.get(i), 0.0);
        }
        assertSame(model.weight().value(), shared.get(1).value());
        assertTrue(shared.get(0).usesSparseGrad());
    }

    @Test
    void aReplicaOfAnotherShapeIsRefusedNamingTheParameter() {
        Net model = Net.draw(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataParallel<>(model,
                Net::parameters, 2, k -> new Net(model.table(), Tensor.param(Nd4j.zeros(DataType.DOUBLE, 6, 5)), model.bias())));
        assertTrue(e.getMessage().contains("parameter 1 of replica 1 is DOUBLE[6, 5], the model's DOUBLE[6, 4]"), e.getMessage());
    }

    @Test
    void whatAReplicaThrowsReachesTheCallerAndTheNextStepWorks() {
        Net model = Net.draw(1);
        IllegalStateException boom = new IllegalStateException("share failed");
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 2, k -> Net.draw(100 + k))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> replicas.gradients(BATCH, (net, from, to) -> {
                if (from > 0) {
                    throw boom;
                }
                return shareLoss(net, from, to);
            }));
            assertSame(boom, e);
            model.parameters().forEach(Parameter::zeroGrad);
            replicas.gradients(BATCH, DataParallelTest::shareLoss);
        }
        List<double[]> expected = singleTape(BATCH);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), flatGradients(model).get(i), 1e-14);
        }
    }

    @Test
    void replicaZeroIsTheModelAndTheOthersAreTheFactorysCopiesInOrder() {
        Net model = Net.draw(1);
        List<Net> built = new ArrayList<>();
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 3, k -> {
            Net copy = Net.draw(100 + k);
            built.add(copy);
            return copy;
        })) {
            assertSame(model, replicas.replica(0));
            assertSame(built.get(0), replicas.replica(1));
            assertSame(built.get(1), replicas.replica(2));
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> replicas.replica(3));
            assertTrue(e.getMessage().contains("replica 3 of 3"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> replicas.replica(-1));
        }
    }

    @Test
    void anEmptyBatchOrNoReplicaIsRefused() {
        Net model = Net.draw(1);
        assertThrows(IllegalArgumentException.class, () -> new DataParallel<>(model, Net::parameters, 0, k -> Net.draw(k)));
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 2, k -> Net.draw(100 + k))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> replicas.gradients(0, DataParallelTest::shareLoss));
            assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        }
    }

    @Test
    void theStepsMultiplyAddsAreTheSameWhateverTheReplicas() {
        // Each row: a product [1, 6] x [6, 4], 24 multiply-adds.
        Net model = Net.draw(1);
        for (int n = 1; n <= 3; n++) {
            try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, n, k -> Net.draw(100 + k))) {
                assertEquals(0, replicas.lastStepMultiplyAdds());
                replicas.gradients(BATCH, DataParallelTest::shareLoss);
                assertEquals(BATCH * 24, replicas.lastStepMultiplyAdds(), n + " replicas");
            }
            model.parameters().forEach(Parameter::zeroGrad);
        }
    }

    @Test
    void aShareOfAStepOfSeveralRunsOnAThreadMarkedAsAReplicas() {
        Net model = Net.draw(1);
        List<Boolean> marked = java.util.Collections.synchronizedList(new ArrayList<>());
        DataParallel.ShareLoss<Net> loss = (net, from, to) -> {
            marked.add(DataParallel.onReplicaThread());
            return shareLoss(net, from, to);
        };
        try (DataParallel<Net> replicas = new DataParallel<>(model, Net::parameters, 2, k -> Net.draw(100 + k))) {
            replicas.gradients(BATCH, loss);
            assertEquals(List.of(true, true), marked);
            assertFalse(DataParallel.onReplicaThread(), "the caller's thread after the step");
            marked.clear();
            replicas.gradients(1, loss);
            assertEquals(List.of(false), marked, "a step of one share runs on the caller's thread as a plain tape");
        }
    }
}
