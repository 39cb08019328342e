package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvolutionTest {

    @Test
    void im2colMatchesLibnd4jsWithStridesAndPaddingsUpToWiderThanTheImage() {
        Nd4j.getRandom().setSeed(5);
        // {h, w, kernel, stride, padding}
        for (int[] c : new int[][] {{7, 6, 3, 2, 1}, {7, 6, 3, 1, 0}, {5, 1, 5, 2, 2}, {4, 3, 3, 3, 2}, {6, 6, 2, 1, 3}}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, c[0], c[1]);
            long outH = (c[0] + 2 * c[4] - c[2]) / c[3] + 1;
            long outW = (c[1] + 2 * c[4] - c[2]) / c[3] + 1;
            INDArray expected = Nd4j.create(DataType.FLOAT, 2, 3, c[2], c[2], outH, outW);
            Kernels.custom("im2col", new INDArray[] {x}, new INDArray[] {expected}, c[2], c[2], c[3], c[3], c[4], c[4], 1, 1, 0);
            INDArray actual = Nd4j.create(DataType.FLOAT, expected.shape());
            ColumnConvolution.im2col(x, actual, c[2], c[2], c[3], c[4]);
            assertEquals(expected, actual, java.util.Arrays.toString(c));
        }
    }

    /** {batch, inC, h, w, outC, kernel, stride, padding, bias (1) or not (0)} */
    private static final int[][] CASES = {
        {2, 1, 9, 8, 3, 3, 1, 0, 1}, {3, 2, 7, 7, 4, 3, 2, 1, 1}, {2, 3, 6, 5, 2, 2, 1, 2, 0}, {1, 1, 5, 5, 2, 5, 1, 0, 1},
    };

    @Test
    void theColumnPathForAConstantInputMatchesLibnd4jsConvolutionAndItsWeightGradients() {
        Nd4j.getRandom().setSeed(7);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int[] c : CASES) {
                String what = type + " " + java.util.Arrays.toString(c);
                INDArray x = Nd4j.rand(type, c[0], c[1], c[2], c[3]).subi(0.5);
                INDArray w = Nd4j.rand(type, c[4], c[1], c[5], c[5]).subi(0.5);
                INDArray b = Nd4j.rand(type, c[4]);
                boolean withBias = c[8] == 1;
                assertTrue(ColumnConvolution.applies(Tensor.of(x), Convolution.COLUMNS_MAX_CHANNELS), what);
                int[] args = {c[5], c[5], c[6], c[6], c[7], c[7], 1, 1, 0, 0, 1};
                long outH = (c[2] + 2L * c[7] - c[5]) / c[6] + 1;
                long outW = (c[3] + 2L * c[7] - c[5]) / c[6] + 1;
                INDArray[] inputs = withBias ? new INDArray[] {x, w, b} : new INDArray[] {x, w};
                INDArray expected = Nd4j.create(type, c[0], c[4], outH, outW);
                Kernels.custom("conv2d", inputs, new INDArray[] {expected}, args);
                INDArray g = Nd4j.rand(type, expected.shape()).subi(0.5);
                INDArray[] expectedGrads = {Nd4j.create(type, x.shape()), Nd4j.create(type, w.shape()), Nd4j.create(type, b.shape())};
                INDArray[] bpInputs = withBias ? new INDArray[] {x, w, b, g} : new INDArray[] {x, w, g};
                Kernels.custom("conv2d_bp", bpInputs, withBias ? expectedGrads : java.util.Arrays.copyOf(expectedGrads, 2), args);

                Parameter weight = Tensor.param(w.dup());
                Parameter bias = Tensor.param(b.dup());
                try (Tape tape = Tape.record()) {
                    Tensor y = Ops.conv2d(Tensor.of(x), weight, withBias ? bias : null, c[6], c[7]);
                    assertClose(expected, y.value(), type, "forward, " + what);
                    tape.backward(y, g);
                }
                assertClose(expectedGrads[1], weight.grad(), type, "weight gradient, " + what);
                if (withBias) {
                    assertClose(expectedGrads[2], bias.grad(), type, "bias gradient, " + what);
                }
            }
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, DataType type, String what) {
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        double error = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(error <= tolerance * scale, what + ": off by " + error);
    }
}
