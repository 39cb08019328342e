package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
        try (DataParallel<List<Parameter>> replicas = new DataParallel<>(model, net -> net, n, k -> network(100 + k))) {
            for (int step = 0; step < STEPS; step++) {
                INDArray x = images.get(NDArrayIndex.interval(step * BATCH, (step + 1) * BATCH), NDArrayIndex.all());
                INDArray y = labels.get(NDArrayIndex.interval(step * BATCH, (step + 1) * BATCH));
                replicas.gradients(BATCH, (net, from, to) -> meanLoss(net,
                        x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), y.get(NDArrayIndex.interval(from, to))));
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
        List<double[]> one = train(1, optimizer);
        for (int n : new int[] {2, 3}) {
            List<double[]> got = train(n, optimizer);
            List<double[]> again = train(n, optimizer);
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
}
