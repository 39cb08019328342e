package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TapeTest {

    private static Parameter param(double... values) {
        return Tensor.param(Nd4j.createFromArray(values));
    }

    @Test
    void theIssueContractRunsAsWritten() {
        Tensor w = Tensor.param(Nd4j.randn(DataType.FLOAT, 784, 10));
        Tensor x = Tensor.of(Nd4j.rand(DataType.FLOAT, 32, 784));
        try (Tape tape = Tape.record()) {
            Tensor loss = x.matmul(w).relu().sum();
            tape.backward(loss);
        }
        INDArray dw = w.grad();
        assertEquals(DataType.FLOAT, dw.dataType());
        assertEquals(784, dw.rows());
        // d sum(relu(xw)) / dw = x^T (xw > 0)
        INDArray mask = x.value().mmul(w.value()).gt(0).castTo(DataType.FLOAT);
        assertTrue(x.value().transpose().mmul(mask).equalsWithEps(dw, 1e-2));
    }

    @Test
    void aTensorUsedTwiceReceivesTheSumOfBothGradients() {
        Parameter x = param(3.0);
        try (Tape tape = Tape.record()) {
            tape.backward(x.mul(2).add(x.mul(5)).sum());
        }
        assertEquals(7, x.grad().getDouble(0), 1e-12);
    }

    @Test
    void parameterGradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Parameter x = param(2.0);
        for (int i = 0; i < 3; i++) {
            try (Tape tape = Tape.record()) {
                tape.backward(x.mul(x).sum());
            }
        }
        assertEquals(12, x.grad().getDouble(0), 1e-12);
        x.zeroGrad();
        assertEquals(0, x.grad().getDouble(0));
    }

    @Test
    void noGradRecordsNothingAndDetachStopsTheGradient() {
        Parameter x = param(2.0);
        try (Tape tape = Tape.record()) {
            Tensor y;
            try (Tape off = Tape.noGrad()) {
                assertFalse(Tape.isRecording());
                y = x.mul(3);
            }
            assertFalse(y.requiresGrad());
            assertTrue(Tape.isRecording());
            Tensor z = x.mul(x.detach()).sum(); // d/dx = x (the detached factor is a constant)
            tape.backward(z);
            assertEquals(6, y.item(), 1e-12); // made under noGrad, still alive inside the outer tape
        }
        assertEquals(2, x.grad().getDouble(0), 1e-12);
    }

    @Test
    void backwardOfANonScalarNeedsASeedGradient() {
        Parameter x = param(1.0, 2.0);
        try (Tape tape = Tape.record()) {
            Tensor y = x.mul(x);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tape.backward(y));
            assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("seed"), e.getMessage());
            tape.backward(y, Nd4j.createFromArray(1.0, 10.0));
        }
        assertEquals(Nd4j.createFromArray(2.0, 40.0), x.grad());
    }

    @Test
    void backwardWithoutASeedStartsFromOnesOfTheOutputsShapeEveryTime() {
        // The ones are cached by type and shape; outputs of one length and different shapes must not share them wrongly.
        Parameter x = Tensor.param(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        for (long[] shape : new long[][] {{2, 3}, {6}, {3, 2}, {6}, {2, 3}}) {
            try (Tape tape = Tape.record()) {
                Tensor y = x.mul(2).reshape(shape);
                tape.backward(y, null);
                assertEquals(Nd4j.ones(DataType.DOUBLE, shape), Tape.ones(DataType.DOUBLE, shape));
            }
            assertEquals(Nd4j.valueArrayOf(new long[] {2, 3}, 2.0, DataType.DOUBLE), x.grad(), "d 2x / dx through shape " + java.util.Arrays.toString(shape));
            x.zeroGrad();
        }
        try (Tape tape = Tape.record()) {
            tape.backward(x.mul(x).sum()); // a scalar loss, the common case
        }
        assertEquals(x.value().mul(2), x.grad());
    }

    @Test
    void onesOfEverNewBatchSizesAreKeptUpToABoundAndTheRecentOnesAreReused() {
        INDArray first = Tape.onesRow(DataType.FLOAT, 1);
        for (int rows = 1; rows <= 3 * ThreadScratch.ONES_KEPT; rows++) {
            INDArray row = Tape.onesRow(DataType.FLOAT, rows);
            assertEquals(Nd4j.ones(DataType.FLOAT, 1, rows), row);
            assertTrue(Tape.scratch().onesKept() <= ThreadScratch.ONES_KEPT, "ones kept after " + rows + " sizes: " + Tape.scratch().onesKept());
        }
        INDArray recent = Tape.onesRow(DataType.FLOAT, 3 * ThreadScratch.ONES_KEPT);
        assertTrue(recent == Tape.onesRow(DataType.FLOAT, 3 * ThreadScratch.ONES_KEPT), "the last size used is served from the cache");
        INDArray again = Tape.onesRow(DataType.FLOAT, 1);
        assertTrue(again != first, "an evicted size is made again, not served from the cache");
        assertEquals(Nd4j.ones(DataType.FLOAT, 1, 1), again);
    }

    @Test
    void aResultUsedAfterItsTapeClosedIsAnError() {
        Parameter x = param(1.0, 2.0);
        Tensor y;
        Tensor kept;
        try (Tape tape = Tape.record()) {
            y = x.exp();
            kept = y.keep();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, y::value);
        assertTrue(e.getMessage().contains("'exp'") && e.getMessage().contains("keep()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> y.add(x));
        assertEquals(Math.E, kept.value().getDouble(0), 1e-6);
    }

    @Test
    void shapeMismatchesNameTheOpAndBothShapes() {
        Tensor a = Tensor.of(Nd4j.zeros(DataType.FLOAT, 128, 784));
        Tensor b = Tensor.of(Nd4j.zeros(DataType.FLOAT, 512, 256));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertEquals("matmul: [128, 784] x [512, 256]: inner dimensions 784 and 512 differ", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.of(Nd4j.zeros(DataType.FLOAT, 3, 784))));
        assertTrue(e.getMessage().startsWith("add: shapes [128, 784] and [3, 784] do not broadcast"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> a.reshape(100, 100));
        assertTrue(e.getMessage().startsWith("reshape: cannot reshape [128, 784]"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> a.mul(Tensor.of(Nd4j.zeros(DataType.DOUBLE, 128, 784))));
        assertTrue(e.getMessage().startsWith("mul: operand types differ"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Ops.crossEntropy(Tensor.of(Nd4j.zeros(DataType.FLOAT, 2, 3)), Nd4j.createFromArray(0L, 3L)));
        assertTrue(e.getMessage().contains("[0, 3]") && e.getMessage().contains("3 classes"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> Ops.gather(Tensor.of(Nd4j.zeros(DataType.FLOAT, 4, 2)), Nd4j.createFromArray(0, 4)));
        assertTrue(e.getMessage().startsWith("gather: indices range over [0, 4]"), e.getMessage());
    }

    @Test
    void backwardWithoutAnyParameterIsAnError() {
        try (Tape tape = Tape.record()) {
            Tensor c = Tensor.of(Nd4j.scalar(2.0)).mul(3);
            assertThrows(IllegalArgumentException.class, () -> tape.backward(c));
        }
    }

    @Test
    void intermediateGradientsAreReadableInsideTheTape() {
        Parameter x = param(3.0);
        try (Tape tape = Tape.record()) {
            Tensor square = x.mul(x);
            Tensor y = square.mul(3).add(1).sum();
            tape.backward(y);
            assertEquals(3, square.grad().getDouble(0), 1e-12);
        }
        assertEquals(18, x.grad().getDouble(0), 1e-12);
    }

    @Test
    void constantsReceiveNoGradient() {
        Tensor c = Tensor.of(Nd4j.createFromArray(1.0, 2.0));
        Parameter x = param(3.0, 4.0);
        try (Tape tape = Tape.record()) {
            tape.backward(c.mul(x).sum());
        }
        assertNull(c.grad());
        assertEquals(Nd4j.createFromArray(1.0, 2.0), x.grad());
    }

    @Test
    void toDotDrawsOpsShapesValuesAndGradients() {
        Parameter x = param(3.0);
        try (Tape tape = Tape.record()) {
            Tensor y = x.mul(x).sum();
            tape.backward(y);
            String dot = tape.toDot();
            assertTrue(dot.startsWith("digraph tape {"), dot);
            assertTrue(dot.contains("param [1]\\nvalue 3\\ngrad 6\""), dot);
            assertTrue(dot.contains("mul [1]\\nvalue 9\\ngrad 1\""), dot);
            assertTrue(dot.contains("\"sum\\nvalue 9\\ngrad 1\", peripheries=2"), dot); // a scalar: no shape; the output
            assertTrue(dot.contains("t0 -> t1;"), dot);
        }
    }

    @Test
    void toDotWritesAMatrixRowByRow() {
        Parameter w = Tensor.param(Nd4j.createFromArray(new double[][] {{0.5, -0.4}, {0.3, 0.8}}));
        try (Tape tape = Tape.record()) {
            tape.backward(w.mul(2.0).sum());
            String dot = tape.toDot();
            assertTrue(dot.contains("param [2, 2]\\nvalue [[0.5, -0.4], [0.3, 0.8]]\\ngrad [[2, 2], [2, 2]]"), dot);
        }
    }

    @Test
    void toDotLabelsNamedTensorsByTheirNames() {
        Parameter x = param(Math.PI / 2);
        Parameter y = param(0.5);
        try (Tape tape = Tape.record()) {
            Tensor product = x.mul(y);
            tape.backward(product.add(x.sin()).sum());
            String dot = tape.toDot(java.util.Map.of(x, "x", y, "y", product, "x y"));
            assertTrue(dot.contains("\"x [1]\\nvalue 1.571\\ngrad 0.5\", style=\"rounded,filled\", fillcolor=lightblue"), dot);
            assertTrue(dot.contains("\"x y (mul) [1]\\nvalue 0.7854"), dot);
        }
    }

    @Test
    void tapesMustCloseInReverseOrder() {
        Tape outer = Tape.record();
        Tape inner = Tape.record();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }

    @Test
    void aTapeCountsTheMultiplyAddsOfTheProductsAndConvolutionsItRecords() {
        Parameter w = Tensor.param(Nd4j.rand(DataType.DOUBLE, 5, 3));
        Parameter kernel = Tensor.param(Nd4j.rand(DataType.DOUBLE, 4, 2, 3, 3));
        Tensor x = Tensor.of(Nd4j.rand(DataType.DOUBLE, 7, 5));
        Tensor images = Tensor.of(Nd4j.rand(DataType.DOUBLE, 2, 2, 6, 6));
        try (Tape tape = Tape.record()) {
            x.matmul(w);
            assertEquals(7 * 5 * 3, tape.multiplyAdds());
            Ops.conv2d(images, kernel, null, 1, 0); // 2 images x 4 out x 2 in x 3 x 3 x (4 x 4) positions
            assertEquals(7 * 5 * 3 + 2 * 4 * 2 * 9 * 16, tape.multiplyAdds());
            x.matmul(Tensor.of(w.value())); // of constants: not recorded, not counted
            assertEquals(7 * 5 * 3 + 2 * 4 * 2 * 9 * 16, tape.multiplyAdds());
        }
        try (Tape tape = Tape.record()) {
            Ops.conv2d(Tensor.of(Nd4j.rand(DataType.DOUBLE, 2, 1, 6, 6)), Tensor.param(Nd4j.rand(DataType.DOUBLE, 4, 1, 3, 3)),
                    null, 1, 0); // a first layer's convolution, computed as matrix products
            assertEquals(2 * 4 * 9 * 16, tape.multiplyAdds());
        }
    }
}
