package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import jgrad.core.DataParallel;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training with 1, 2 or 3 replicas of a model, on a batch of 7 rows that none of 2 and 3 divides: the same
 * parameters after several optimizer steps, to float64 rounding, and the same bits in every run.
 */
class DataParallelTrainingTest {

    private static final int BATCH = 7;
    private static final int STEPS = 6;

    /** A 5-4-3 tanh network; {@code seed} draws its weights. */
    private static List<Parameter> network(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return List.of(Tensor.param(Nd4j.randn(DataType.DOUBLE, 5, 4)), Tensor.param(Nd4j.randn(DataType.DOUBLE, 4)),
                Tensor.param(Nd4j.randn(DataType.DOUBLE, 4, 3)), Tensor.param(Nd4j.randn(DataType.DOUBLE, 3)));
    }

    private static Tensor meanLoss(List<Parameter> net, INDArray x, INDArray y) {
        Tensor hidden = Tensor.of(x).matmul(net.get(0)).add(net.get(1)).tanh();
        return Ops.crossEntropy(hidden.matmul(net.get(2)).add(net.get(3)), y);
    }

    /** The parameters after {@link #STEPS} steps with {@code n} replicas, a new batch each step. */
    private static List<double[]> train(int n, Function<List<Parameter>, Optimizer> optimizer) {
        List<Parameter> model = network(1);
        Optimizer opt = optimizer.apply(model);
        Nd4j.getRandom().setSeed(7);
        INDArray images = Nd4j.randn(DataType.DOUBLE, STEPS * BATCH, 5);
        INDArray labels = Nd4j.createFromArray(new long[STEPS * BATCH]);
        for (int i = 0; i < labels.length(); i++) {
            labels.putScalar(i, (i * 7 + i / 3) % 3);
        }
        return trainSteps(model, opt, n, k -> network(100 + k),
                (net, from, to) -> meanLoss(net, rows(images, from, to), rows(labels, from, to)));
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.rank() == 1 ? a.get(NDArrayIndex.interval(from, to)) : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /**
     * Trains {@code model} for {@link #STEPS} steps of {@link #BATCH} rows with {@code n} replicas, step s
     * on rows [s * BATCH, (s + 1) * BATCH) of {@code loss}'s data; returns the parameters' values.
     */
    private static List<double[]> trainSteps(List<Parameter> model, Optimizer opt, int n, IntFunction<List<Parameter>> replica,
            DataParallel.ShareLoss<List<Parameter>> loss) {
        try (DataParallel<List<Parameter>> replicas = new DataParallel<>(model, net -> net, n, replica)) {
            for (int step = 0; step < STEPS; step++) {
                int first = step * BATCH;
                replicas.gradients(BATCH, (net, from, to) -> loss.meanLoss(net, first + from, first + to));
                opt.step();
                opt.zeroGrad();
            }
        }
        List<double[]> out = new ArrayList<>();
        for (Parameter p : model) {
            out.add(p.value().dup('c').reshape(p.value().length()).toDoubleVector());
        }
        return out;
    }

    private static void assertSameTraining(Function<List<Parameter>, Optimizer> optimizer) {
        assertSameTrainingForReplicas(n -> train(n, optimizer));
    }

    /** {@code train} gives the parameters after training with n replicas. */
    private static void assertSameTrainingForReplicas(IntFunction<List<double[]>> train) {
        List<double[]> one = train.apply(1);
        for (int n : new int[] {2, 3}) {
            List<double[]> got = train.apply(n);
            List<double[]> again = train.apply(n);
            for (int i = 0; i < one.size(); i++) {
                assertArrayEquals(one.get(i), got.get(i), 1e-12, "parameter " + i + " with " + n + " replicas");
                assertArrayEquals(got.get(i), again.get(i), 0.0, "parameter " + i + " with " + n + " replicas, run twice");
            }
        }
    }

    @Test
    void sgdWithMomentumAndDecayTrainsTheSameWithOneTwoOrThreeReplicas() {
        assertSameTraining(p -> SGD.builder(p, 0.3).momentum(0.9).weightDecay(1e-2).build());
    }

    @Test
    void adamTrainsTheSameWithOneTwoOrThreeReplicas() {
        assertSameTraining(p -> Adam.builder(p, 0.05).build());
    }

    private static final int TABLE_ROWS = 20;

    /** A table of {@link #TABLE_ROWS} rows (row-sparse gradients, as an Embedding's) feeding a 6-4 dense layer. */
    private static List<Parameter> lookupNetwork(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return List.of(Tensor.param(Nd4j.randn(DataType.DOUBLE, TABLE_ROWS, 3)).useSparseGrad(true),
                Tensor.param(Nd4j.randn(DataType.DOUBLE, 6, 4)), Tensor.param(Nd4j.randn(DataType.DOUBLE, 4)));
    }

    /**
     * The lookup network's parameters after {@link #STEPS} steps of lazy row-sparse SGD with momentum and
     * L2 decay, with {@code n} replicas (copies of the values, or over the model's values in place). Each
     * step looks up 8 of the 20 rows, a window moving by 4, so rows sit idle for steps (their momentum and
     * decay deferred) and are then looked up again, by any share.
     */
    private static List<double[]> trainLookups(int n, boolean sharing) {
        List<Parameter> model = lookupNetwork(1);
        Optimizer opt = SGD.builder(model, 0.3).momentum(0.9).weightDecay(1e-2).build();
        int[][] ids = new int[STEPS * BATCH][2];
        long[] labels = new long[STEPS * BATCH];
        for (int i = 0; i < ids.length; i++) {
            int step = i / BATCH;
            ids[i][0] = (step * 4 + (i * 3) % 8) % TABLE_ROWS;
            ids[i][1] = (step * 4 + (i * 5 + 1) % 8) % TABLE_ROWS;
            labels[i] = (i * 7 + i / 3) % 4;
        }
        INDArray allIds = Nd4j.createFromArray(ids);
        INDArray allLabels = Nd4j.createFromArray(labels);
        IntFunction<List<Parameter>> replica = k -> sharing ? DataParallel.sharingValues(model) : lookupNetwork(100 + k);
        return trainSteps(model, opt, n, replica, (net, from, to) -> {
            Tensor looked = Ops.gather(net.get(0), rows(allIds, from, to)).reshape(to - from, 6);
            return Ops.crossEntropy(looked.matmul(net.get(1)).add(net.get(2)), rows(allLabels, from, to));
        });
    }

    @Test
    void replicasReadTheRowsWhoseLazyUpdatesWereDeferredCaughtUp() {
        assertSameTrainingForReplicas(n -> trainLookups(n, false));
        assertSameTrainingForReplicas(n -> trainLookups(n, true));
    }
}
