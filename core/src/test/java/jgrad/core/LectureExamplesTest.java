package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The worked examples of the lecture notes jgrad grew from, run through the tensor engine. */
class LectureExamplesTest {

    private static Parameter scalar(double v) {
        return Tensor.param(Nd4j.scalar(DataType.DOUBLE, v));
    }

    private static Tensor constant(double v) {
        return Tensor.of(Nd4j.scalar(DataType.DOUBLE, v));
    }

    @Test
    void chainRuleGivesTheDerivativeOfThreeXSquaredPlusOneAtThreeAs18() {
        Parameter x = scalar(3);
        try (Tape tape = Tape.record()) {
            Tensor y = x.mul(x).mul(3).add(1);
            assertEquals(28, y.item(), 1e-12);
            tape.backward(y);
        }
        assertEquals(18, x.grad().getDouble(0), 1e-12);
    }

    @Test
    void xyPlusSinXHasGradientZeroAndHalfPiAtHalfPiZero() {
        Parameter x = scalar(Math.PI / 2);
        Parameter y = scalar(0);
        try (Tape tape = Tape.record()) {
            tape.backward(x.mul(y).add(x.sin()));
        }
        assertEquals(0, x.grad().getDouble(0), 1e-12); // y + cos x
        assertEquals(Math.PI / 2, y.grad().getDouble(0), 1e-12); // x
    }

    @Test
    void logisticLossHasGradientZeroForXAndMinusHalfForEachY() {
        Parameter x = Tensor.param(Nd4j.createFromArray(1.0, 1.0));
        Parameter y = Tensor.param(Nd4j.createFromArray(0.0, 0.0));
        try (Tape tape = Tape.record()) {
            Tensor loss = x.mul(y).sum().neg().exp().add(1).log(); // log(1 + exp(-(x1 y1 + x2 y2)))
            assertEquals(Math.log(2), loss.item(), 1e-12);
            tape.backward(loss);
        }
        assertEquals(Nd4j.createFromArray(0.0, 0.0), x.grad());
        assertEquals(Nd4j.createFromArray(-0.5, -0.5), y.grad());
    }

    @Test
    void maxRoutesTheGradientToTheLargerInput() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        Parameter x = Tensor.param(Nd4j.createFromArray(3.0, 4.0));
        Parameter x3 = scalar(5);
        try (Tape tape = Tape.record()) {
            Tensor weighted = w.mul(x).sum(); // 11 > 5: the weighted sum wins
            tape.backward(weighted.max(x3));
        }
        assertEquals(Nd4j.createFromArray(3.0, 4.0), w.grad());
        assertEquals(0, x3.grad().getDouble(0));

        w.zeroGrad();
        x3.value().assign(20); // now x3 wins and takes all of the gradient
        try (Tape tape = Tape.record()) {
            tape.backward(w.mul(x).sum().max(x3));
        }
        assertEquals(Nd4j.createFromArray(0.0, 0.0), w.grad());
        assertEquals(1, x3.grad().getDouble(0));
    }

    @Test
    void lineFitStartsAtCost68WithGradientMinus104Minus12AndReachesFourXMinusFour() {
        Tensor xs = Tensor.of(Nd4j.createFromArray(1.0, 5.0, 6.0));
        Tensor ys = Tensor.of(Nd4j.createFromArray(0.0, 16.0, 20.0));
        Parameter w = scalar(2);
        Parameter b = scalar(2);
        try (Tape tape = Tape.record()) {
            Tensor error = xs.mul(w).add(b).sub(ys);
            Tensor cost = error.mul(error).sum(); // the sum of squared errors
            assertEquals(68, cost.item(), 1e-12);
            tape.backward(cost);
        }
        assertEquals(-104, w.grad().getDouble(0), 1e-12);
        assertEquals(-12, b.grad().getDouble(0), 1e-12);

        for (int step = 0; step < 5000; step++) {
            w.zeroGrad();
            b.zeroGrad();
            try (Tape tape = Tape.record()) {
                Tensor error = xs.mul(w).add(b).sub(ys);
                tape.backward(error.mul(error).sum());
            }
            w.value().subi(w.grad().mul(0.01));
            b.value().subi(b.grad().mul(0.01));
        }
        assertEquals(4, w.value().getDouble(0), 1e-6);
        assertEquals(-4, b.value().getDouble(0), 1e-6);
    }

    @Test
    void aTwoTwoOneSigmoidNetworkLearnsXor() {
        Nd4j.getRandom().setSeed(1);
        Tensor inputs = Tensor.of(Nd4j.createFromArray(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
        INDArray targets = Nd4j.createFromArray(new double[][] {{0}, {1}, {1}, {0}});
        Parameter w1 = Tensor.param(Nd4j.randn(DataType.DOUBLE, 2, 2));
        Parameter b1 = Tensor.param(Nd4j.zeros(DataType.DOUBLE, 2));
        Parameter w2 = Tensor.param(Nd4j.randn(DataType.DOUBLE, 2, 1));
        Parameter b2 = Tensor.param(Nd4j.zeros(DataType.DOUBLE, 1));
        Parameter[] params = {w1, b1, w2, b2};
        INDArray outputs = null;
        for (int epoch = 0; epoch < 5000; epoch++) {
            try (Tape tape = Tape.record()) {
                Tensor out = inputs.matmul(w1).add(b1).sigmoid().matmul(w2).add(b2).sigmoid();
                tape.backward(Ops.mse(out, Tensor.of(targets)));
                outputs = out.keep().value();
            }
            for (Parameter p : params) {
                p.value().subi(p.grad().mul(2.0));
                p.zeroGrad();
            }
        }
        for (int i = 0; i < 4; i++) {
            double expected = targets.getDouble(i, 0);
            assertTrue(Math.abs(outputs.getDouble(i, 0) - expected) < 0.2,
                    "XOR input " + i + ": output " + outputs.getDouble(i, 0) + ", expected " + expected);
        }
    }
}
