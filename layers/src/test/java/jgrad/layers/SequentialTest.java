package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static jgrad.layers.Checks.param;
import static jgrad.layers.Checks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class SequentialTest {

    @Test
    void appliesItsLayersInOrder() {
        Sequential model = new Sequential(new Flatten(), new Dense(12, 5, 1), new ReLU(), new Dense(5, 3, 2));
        assertEquals(4, model.size());
        assertArrayEquals(new long[] {7, 3}, model.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 7, 3, 2, 2))).shape());
        Tensor x = Tensor.scalar(1);
        assertSame(x, new Sequential().forward(x), "an empty Sequential is the identity");
    }

    @Test
    void gradientsOfAConvolutionalNetworkMatchFiniteDifferences() {
        Random rng = new Random(4);
        Conv2D conv = new Conv2D(1, 2, 3, 1, 1, true, DataType.DOUBLE, Init.heUniform(), rng);
        Dense dense = new Dense(8, 3, true, DataType.DOUBLE, Init.glorotUniform(), rng);
        assertGradientsMatch("conv net", in -> new Sequential(
                        new Conv2D(param(in, 1), param(in, 2), 1, 1), new Tanh(), new MaxPool2D(2), new Flatten(),
                        new Dense(param(in, 3), param(in, 4)), new Sigmoid()).forward(in.get(0)),
                rand(1, 2, 1, 4, 4), conv.weight().value(), conv.bias().value(), dense.weight().value(), dense.bias().value());
    }

    @Test
    void gradientsOfAnEmbeddingWindowClassifierMatchFiniteDifferences() {
        Random rng = new Random(6);
        Embedding embedding = new Embedding(7, 3, DataType.DOUBLE, Init.normal(1), rng);
        Dense dense = new Dense(6, 4, true, DataType.DOUBLE, Init.glorotUniform(), rng);
        INDArray windows = Nd4j.createFromArray(new long[][] {{1, 4}, {6, 1}, {0, 0}});
        INDArray labels = Nd4j.createFromArray(3L, 0L, 1L);
        assertGradientsMatch("embedding classifier", in -> Ops.crossEntropy(new Sequential(new Embedding(param(in, 0)),
                        new Flatten(), new Dense(param(in, 1), param(in, 2)), new HardTanh()).forward(Tensor.of(windows)), labels),
                embedding.weight().value(), dense.weight().value(), dense.bias().value());
    }

    @Test
    void aTwoTwoOneSigmoidNetworkLearnsXor() {
        Sequential model = new Sequential(new Dense(2, 2, 11), new Sigmoid(), new Dense(2, 1, 12), new Sigmoid());
        Tensor x = Tensor.of(Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
        Tensor y = Tensor.of(Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}}));
        double loss = Double.NaN;
        for (int step = 0; step < 600; step++) {
            try (Tape tape = Tape.record()) {
                Tensor l = Ops.mse(model.forward(x), y);
                tape.backward(l);
                loss = l.item();
            }
            for (Parameter p : model.parameters()) {
                p.value().subi(p.grad().muli(5.0)); // plain gradient descent, learning rate 5 (zeroGrad follows)
            }
            model.zeroGrad();
        }
        INDArray out;
        try (Tape scope = Tape.noGrad()) {
            out = model.forward(x).value().dup();
        }
        assertTrue(loss < 0.01, "loss " + loss);
        assertEquals(Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}}), Transforms.round(out), "outputs " + out);
    }

    @Test
    void aShapeMismatchInsideIsReportedByTheLayerThatMetIt() {
        Sequential model = new Sequential(new Dense(4, 5, 1), new ReLU(), new Dense(6, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 4))));
        assertTrue(e.getMessage().startsWith("Dense(6 -> 2)") && e.getMessage().contains("[3, 5]"), e.getMessage());
    }

    @Test
    void getNamesALayerByPosition() {
        ReLU relu = new ReLU();
        Sequential model = new Sequential(new Dense(2, 2, 1), relu);
        assertSame(relu, model.get(1));
        assertSame(relu, model.children().get("1"));
        assertThrows(IndexOutOfBoundsException.class, () -> model.get(2));
    }
}
