package jgrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.ReplicaChoice;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.core.ThreadChoice;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Replicas: the single tape's training from Layer.replica, with a count chosen from the first step's measure. */
class ReplicasTest {

    private static final int BATCH = 7;
    private static final int STEPS = 4;
    private static final double LEARNING_RATE = 0.2;

    /** A small float64 CNN: [batch, 1, 6, 6] → conv 3x3 1→2, max-pool 2, ReLU, flatten → dense 8→3. */
    private static Sequential cnn() {
        Random rng = new Random(5);
        return new Sequential(new Conv2D(1, 2, 3, 1, 0, true, DataType.DOUBLE, Init.heUniform(), rng), new MaxPool2D(2),
                new ReLU(), new Flatten(), new Dense(8, 3, true, DataType.DOUBLE, Init.glorotUniform(), rng));
    }

    private static final INDArray IMAGES = Checks.rand(11, STEPS * BATCH, 1, 6, 6);
    private static final INDArray LABELS = Nd4j.createFromArray(new long[STEPS * BATCH]);

    static {
        for (int i = 0; i < LABELS.length(); i++) {
            LABELS.putScalar(i, (i * 7 + i / 3) % 3);
        }
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.rank() == 1 ? a.get(NDArrayIndex.interval(from, to))
                : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    }

    /** Plain gradient descent, p -= lr g, written here: layers does not depend on optim. */
    private static void descend(Layer model) {
        for (Parameter p : model.parameters()) {
            p.value().subi(p.grad().mul(LEARNING_RATE));
            p.zeroGrad();
        }
    }

    /** The parameters after {@link #STEPS} steps with {@code count} replicas (0: one plain tape per step). */
    private static List<double[]> train(int count) {
        Sequential model = cnn();
        for (int step = 0; step < STEPS; step++) {
            int first = step * BATCH;
            if (count == 0) {
                try (Tape tape = Tape.record()) {
                    tape.backward(Ops.crossEntropy(model.forward(Tensor.of(rows(IMAGES, first, first + BATCH))),
                            rows(LABELS, first, first + BATCH)));
                }
            } else {
                try (Replicas<Sequential> parallel = Replicas.of(model, count)) {
                    parallel.gradients(BATCH, (replica, from, to) -> Ops.crossEntropy(
                            replica.forward(Tensor.of(rows(IMAGES, first + from, first + to))),
                            rows(LABELS, first + from, first + to)));
                }
            }
            descend(model);
        }
        List<double[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.value().dup('c').reshape(p.value().length()).toDoubleVector());
        }
        return out;
    }

    @Test
    void oneTwoAndThreeReplicasTrainAsOneTapeToRounding() {
        List<double[]> expected = train(0);
        for (int n = 1; n <= 3; n++) {
            List<double[]> got = train(n);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), n == 1 ? 0.0 : 1e-12, "parameter " + i + " with " + n + " replicas");
            }
        }
    }

    private static final ThreadChoice ONE_THREAD = new ThreadChoice(1, 1, false, 1, "test");

    /** The default rule on a machine of 2 cores with one-thread kernels and nothing set. */
    private static final Replicas.Choice TWO_CORES = (rows, multiplyAdds, parameters) -> ReplicaChoice.select(2, ONE_THREAD,
            rows, multiplyAdds, parameters, Map.<String, String>of()::get, Map.<String, String>of()::get);

    /** A dense layer 8→4: 32 multiply-adds a row for 36 parameters. */
    private static Dense dense() {
        return new Dense(8, 4, true, DataType.DOUBLE, Init.glorotUniform(), new Random(1));
    }

    /** One step of a batch of {@code rows} rows; returns the mean loss. */
    private static double step(Replicas<Dense> parallel, int rows) {
        INDArray x = Checks.rand(3, rows, 8);
        INDArray y = Nd4j.zeros(DataType.INT64, rows);
        return parallel.gradients(rows, (replica, from, to) -> Ops.crossEntropy(
                replica.forward(Tensor.of(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))),
                y.get(NDArrayIndex.interval(from, to))));
    }

    @Test
    void theFirstStepRunsOnOneReplicaAndMeasuresTheModelThenTheRuleChooses() {
        Dense model = dense();
        try (Replicas<Dense> parallel = new Replicas<>(model, null, TWO_CORES)) {
            assertEquals(1, parallel.count());
            assertEquals(Replicas.MEASURING, parallel.choice().source());
            assertTrue(parallel.measuring());
            step(parallel, 256);
            assertFalse(parallel.measuring());
            // 2 shares of 128 rows x 32 multiply-adds = 4,096 >= 100 x 36 parameters
            assertEquals(32, parallel.multiplyAddsPerRow());
            assertEquals(new ReplicaChoice(2, "default"), parallel.choice());
            assertEquals(2, parallel.count());
            step(parallel, 256);
            assertEquals(2, parallel.count());
        }
    }

    @Test
    void aBatchTooSmallForTwoSharesKeepsOneReplica() {
        try (Replicas<Dense> parallel = new Replicas<>(dense(), null, TWO_CORES)) {
            step(parallel, 40); // fewer than 2 x 32 rows
            assertEquals(1, parallel.count());
            assertEquals("default", parallel.choice().source());
        }
    }

    @Test
    void aShareTooLightForTheParametersKeepsOneReplica() {
        try (Replicas<Dense> parallel = new Replicas<>(dense(), null, TWO_CORES)) {
            step(parallel, 128); // 2 shares of 64 rows x 32 = 2,048 < 3,600
            assertEquals(1, parallel.count());
        }
    }

    @Test
    void anOverrideSetsTheCountFromTheFirstStepOn() {
        ReplicaChoice set = ReplicaChoice.overriddenIn(2, Map.of(ReplicaChoice.PROPERTY, "3")::get,
                Map.<String, String>of()::get);
        try (Replicas<Dense> parallel = new Replicas<>(dense(), set, TWO_CORES)) {
            assertEquals(3, parallel.count());
            step(parallel, 40);
            assertEquals(3, parallel.count());
            assertEquals(new ReplicaChoice(3, "-D" + ReplicaChoice.PROPERTY), parallel.choice());
            assertEquals(32, parallel.multiplyAddsPerRow());
        }
    }

    @Test
    void anExplicitCountIsKept() {
        try (Replicas<Dense> parallel = Replicas.of(dense(), 2)) {
            assertEquals(2, parallel.count());
            assertFalse(parallel.measuring(), "nothing to measure");
            step(parallel, 10);
            assertEquals(2, parallel.count());
        }
        assertThrows(IllegalArgumentException.class, () -> Replicas.of(dense(), 0));
    }

    @Test
    void theLossIsTheBatchMeanWhateverTheCount() {
        double one;
        try (Replicas<Dense> parallel = Replicas.of(dense(), 1)) {
            one = step(parallel, 9);
        }
        try (Replicas<Dense> parallel = Replicas.of(dense(), 3)) {
            assertEquals(one, step(parallel, 9), 1e-14);
        }
    }

    @Test
    void aLayerWithoutNewReplicaFailsWhenTheRuleChoosesMoreThanOneNamingItsClass() {
        Sequential model = new Sequential(dense(), new LayerReplicaTest.Scale());
        INDArray x = Checks.rand(3, 256, 8);
        INDArray y = Nd4j.zeros(DataType.INT64, 256);
        try (Replicas<Sequential> parallel = new Replicas<>(model, null, (rows, m, p) -> new ReplicaChoice(2, "default"))) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> parallel.gradients(256, (replica, from, to) -> Ops.crossEntropy(replica.forward(
                            Tensor.of(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))), y.get(NDArrayIndex.interval(from, to)))));
            assertTrue(e.getMessage().contains(LayerReplicaTest.Scale.class.getName()), e.getMessage());
        }
        try (Replicas<Sequential> parallel = new Replicas<>(model, null, (rows, m, p) -> new ReplicaChoice(1, "default"))) {
            parallel.gradients(256, (replica, from, to) -> Ops.crossEntropy(replica.forward(
                    Tensor.of(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))), y.get(NDArrayIndex.interval(from, to))));
            assertEquals(1, parallel.count(), "one replica needs no newReplica");
        }
    }

    @Test
    void replicasFollowTheModelsModeEachStep() {
        Sequential model = new Sequential(dense(), new Dropout(0.5, 4));
        try (Replicas<Sequential> parallel = Replicas.of(model, 2)) {
            model.eval();
            INDArray x = Checks.rand(3, 6, 8);
            List<Boolean> modes = java.util.Collections.synchronizedList(new ArrayList<>());
            parallel.gradients(6, (replica, from, to) -> {
                modes.add(replica.get(1).isTraining());
                return replica.forward(Tensor.of(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))).sum().div(6);
            });
            assertEquals(List.of(false, false), modes);
        }
    }
}
