package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * softmax, logSoftmax and crossEntropy against references computed here in double (log1p for the
 * log-sum), for logits N(0, 1) scaled by 1, 100 and 1e4 and offset by -1e4, 0 and +1e4, in float32 and
 * float64.
 *
 * <p>Tolerances are in ulps of the input's type, u = ulp(1): the computed x - m carries a rounding
 * error of half an ulp of itself, which exp turns into a relative error of |x - m| u / 2; a log-sum of at
 * most {@code CLASSES} terms is exact to a few u in absolute terms.
 */
class SoftmaxStabilityTest {

    private static final int ROWS = 4;
    private static final int CLASSES = 7;

    @AfterEach
    void releasePool() {
        Tape.releasePooledMemory();
    }

    static Stream<Arguments> logits() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (double scale : new double[] {1, 100, 1e4}) {
                for (double offset : new double[] {-1e4, 0, 1e4}) {
                    cases.add(Arguments.of(type, scale, offset));
                }
            }
        }
        return cases.build();
    }

    /** N(0, 1) * scale + offset, rounded to {@code type}; the reference reads back the rounded values. */
    private static INDArray normal(DataType type, double scale, double offset, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[ROWS][CLASSES];
        for (double[] row : values) {
            for (int j = 0; j < CLASSES; j++) {
                row[j] = random.nextGaussian() * scale + offset;
            }
        }
        return Nd4j.createFromArray(values).castTo(type);
    }

    private static double unit(DataType type) {
        return type == DataType.FLOAT ? Math.ulp(1f) : Math.ulp(1.0);
    }

    private static double ulp(DataType type, double x) {
        return type == DataType.FLOAT ? Math.ulp((float) x) : Math.ulp(x);
    }

    /** log(sum_j exp(x_j - m)), with the maximum's term 1 taken out of the sum and added back by log1p. */
    private static double logSumExpShifted(double[] row) {
        int argmax = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[argmax]) {
                argmax = j;
            }
        }
        double rest = 0;
        for (int j = 0; j < row.length; j++) {
            if (j != argmax) {
                rest += Math.exp(row[j] - row[argmax]);
            }
        }
        return Math.log1p(rest);
    }

    private static double max(double[] row) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static void assertLogSoftmaxRows(DataType type, double[][] x, double[][] actual, String where) {
        double u = unit(type);
        for (int i = 0; i < x.length; i++) {
            double m = max(x[i]);
            double lse = logSumExpShifted(x[i]);
            for (int j = 0; j < x[i].length; j++) {
                double expected = (x[i][j] - m) - lse;
                double tolerance = 4 * Math.max(ulp(type, expected), u);
                assertEquals(expected, actual[i][j], tolerance, where + " at [" + i + ", " + j + "] of " + type);
            }
        }
    }

    @ParameterizedTest(name = "{0} x {1} + {2}")
    @MethodSource("logits")
    void logSoftmaxIsExactToAFewUlpsForAnySpread(DataType type, double scale, double offset) {
        INDArray logits = normal(type, scale, offset, 1);
        double[][] x = logits.toDoubleMatrix();
        try (Tape scope = Tape.noGrad()) {
            assertLogSoftmaxRows(type, x, Tensor.of(logits).logSoftmax(-1).value().toDoubleMatrix(), "logSoftmax(-1)");
            double[][] columns = Tensor.of(logits).logSoftmax(0).value().toDoubleMatrix();
            assertLogSoftmaxRows(type, transpose(x), transpose(columns), "logSoftmax(0)");
        }
    }

    @ParameterizedTest(name = "{0} x {1} + {2}")
    @MethodSource("logits")
    void softmaxMatchesTheReferenceForAnySpread(DataType type, double scale, double offset) {
        INDArray logits = normal(type, scale, offset, 2);
        double[][] x = logits.toDoubleMatrix();
        try (Tape scope = Tape.noGrad()) {
            double[][] actual = Tensor.of(logits).softmax(1).value().toDoubleMatrix();
            assertSoftmaxRows(type, x, actual);
        }
    }

    private static void assertSoftmaxRows(DataType type, double[][] x, double[][] actual) {
        double u = unit(type);
        double tiniest = type == DataType.FLOAT ? Float.MIN_VALUE : Double.MIN_VALUE;
        for (int i = 0; i < x.length; i++) {
            double m = max(x[i]);
            double lse = logSumExpShifted(x[i]);
            for (int j = 0; j < x[i].length; j++) {
                double expected = Math.exp(x[i][j] - m - lse);
                double tolerance = expected * (4 + Math.abs(x[i][j] - m)) * u + 2 * tiniest;
                assertEquals(expected, actual[i][j], tolerance, "softmax at [" + i + ", " + j + "] of " + type);
            }
        }
    }

    /** The rows of a float64 batch far below 0, where libnd4j's kernel gives NaN (-1000) or wrong values (-740). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"FLOAT", "DOUBLE"})
    void softmaxOfABatchFarBelowZeroIsRight(DataType type) {
        for (double offset : new double[] {-1000, -740, -745}) {
            INDArray logits = normal(type, 1, offset, 3);
            double[][] x = logits.toDoubleMatrix();
            try (Tape scope = Tape.noGrad()) {
                assertSoftmaxRows(type, x, Tensor.of(logits).softmax(-1).value().toDoubleMatrix());
            }
        }
    }

    @Test
    void logSoftmaxKeepsEntriesFarBelowTheMaximumExactInFloat32() {
        try (Tape scope = Tape.noGrad()) {
            INDArray near = Tensor.of(Nd4j.createFromArray(0f, -90f, -100f)).logSoftmax(0).value();
            assertEquals(-100f, near.getFloat(2)); // log(softmax) gives -99.9831
            assertEquals(-90f, near.getFloat(1));
            assertEquals(0f, near.getFloat(0));
            INDArray far = Tensor.of(Nd4j.createFromArray(new float[][] {{0, -110, -120}, {-120, 0, -110}})).logSoftmax(1).value();
            assertEquals(-120f, far.getFloat(0, 2)); // log(softmax) gives -inf
            assertEquals(-110f, far.getFloat(1, 2));
        }
    }

    @Test
    void logSoftmaxKeepsEntriesFarBelowTheMaximumExactInFloat64() {
        try (Tape scope = Tape.noGrad()) {
            INDArray out = Tensor.of(Nd4j.createFromArray(new double[][] {{0, -800, -1e300}, {5, 5, -1e5}}))
                    .logSoftmax(-1).value();
            assertEquals(-800, out.getDouble(0, 1));
            assertEquals(-1e300, out.getDouble(0, 2));
            assertEquals(-Math.log(2), out.getDouble(1, 0), Math.ulp(1.0));
            assertEquals(-1e5 - 5 - Math.log(2), out.getDouble(1, 2), Math.ulp(1e5));
        }
    }

    @ParameterizedTest(name = "{0} x {1} + {2}")
    @MethodSource("logits")
    void crossEntropyAndItsGradientAreFiniteAndExactForAnySpread(DataType type, double scale, double offset) {
        INDArray logits = normal(type, scale, offset, 4);
        long[] labels = {3, 0, 6, 2};
        double[][] x = logits.toDoubleMatrix();
        double u = unit(type);

        double expected = 0;
        double largestTerm = 1;
        for (int i = 0; i < ROWS; i++) {
            double term = logSumExpShifted(x[i]) - (x[i][(int) labels[i]] - max(x[i]));
            expected += term / ROWS;
            largestTerm = Math.max(largestTerm, term);
        }
        Parameter p = Tensor.param(logits);
        double loss;
        double[][] grad;
        try (Tape tape = Tape.record()) {
            Tensor out = Ops.crossEntropy(p, Nd4j.createFromArray(labels));
            loss = out.item();
            tape.backward(out);
            grad = p.grad().toDoubleMatrix();
        }
        assertEquals(expected, loss, 4 * ulp(type, largestTerm), "crossEntropy of " + type);

        for (int i = 0; i < ROWS; i++) {
            double m = max(x[i]);
            double lse = logSumExpShifted(x[i]);
            for (int j = 0; j < CLASSES; j++) {
                double softmax = Math.exp(x[i][j] - m - lse);
                double want = (softmax - (j == labels[i] ? 1 : 0)) / ROWS;
                double tolerance = (softmax * (4 + Math.abs(x[i][j] - m)) + 4) * u / ROWS;
                assertEquals(want, grad[i][j], tolerance, "d crossEntropy / d logits[" + i + ", " + j + "] of " + type);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"FLOAT", "DOUBLE"})
    void crossEntropyIsZeroWhenTheLabelIsTheLargestLogitByFar(DataType type) {
        INDArray logits = Nd4j.createFromArray(new double[][] {{0, -200, -300}, {1e4 - 500, 1e4, 1e4 - 120}}).castTo(type);
        try (Tape scope = Tape.noGrad()) {
            double loss = Ops.crossEntropy(Tensor.of(logits), Nd4j.createFromArray(0L, 1L)).item();
            assertEquals(0.0, loss); // masking gave 0 * -inf = NaN here in float32
        }
    }

    @Test
    void softmaxOfIntegersIsAnErrorNamingTheOp() {
        Tensor ints = Tensor.of(Nd4j.createFromArray(1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ints.logSoftmax(0));
        assertEquals("logSoftmax: expected a floating-point tensor, got const int[3]", e.getMessage());
    }

    @Test
    void crossEntropyOfALabelFarBelowTheMaximumIsTheDistance() {
        INDArray logits = Nd4j.createFromArray(new float[][] {{0, -200, -300}});
        try (Tape scope = Tape.noGrad()) {
            double loss = Ops.crossEntropy(Tensor.of(logits), Nd4j.createFromArray(2L)).item();
            assertTrue(Double.isFinite(loss), "loss " + loss);
            assertEquals(300, loss, Math.ulp(300f));
        }
    }

    @Test
    void crossEntropyOfAViewMatchesItsDenseCopyAndItsBackwardKeepsTheLabelsOfItsForward() {
        Nd4j.getRandom().setSeed(8);
        INDArray dense = Nd4j.randn(DataType.DOUBLE, 3, 5);
        INDArray view = dense.transpose().dup('c').transpose(); // the same values, column-major
        INDArray labels = Nd4j.createFromArray(4L, 0L, 2L);
        double[] losses = new double[2];
        INDArray[] grads = new INDArray[2];
        INDArray[] inputs = {dense, view};
        for (int k = 0; k < 2; k++) {
            Parameter p = Tensor.param(inputs[k]);
            INDArray mutable = labels.dup();
            try (Tape tape = Tape.record()) {
                Tensor loss = Ops.crossEntropy(p, mutable);
                mutable.assign(1); // the caller reuses its label buffer before backward
                tape.backward(loss);
                losses[k] = loss.item();
            }
            grads[k] = p.grad().dup();
        }
        // Reference: -mean log softmax at the labels, and (softmax - onehot) / batch.
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double m = dense.getRow(i).maxNumber().doubleValue();
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                sum += Math.exp(dense.getDouble(i, j) - m);
            }
            expected += (Math.log(sum) - (dense.getDouble(i, labels.getLong(i)) - m)) / 3;
            for (int j = 0; j < 5; j++) {
                double want = (Math.exp(dense.getDouble(i, j) - m) / sum - (j == labels.getLong(i) ? 1 : 0)) / 3;
                assertEquals(want, grads[0].getDouble(i, j), 1e-12, "d loss / d logits[" + i + ", " + j + "]");
            }
        }
        assertEquals(expected, losses[0], 1e-12);
        assertEquals(losses[0], losses[1], 1e-12, "a view of the same logits");
        assertTrue(grads[0].equalsWithEps(grads[1], 1e-12), "the view's gradient");
    }

    @Test
    void crossEntropyInJavaPassesMatchesTheKernelPathOfLargeLogits() {
        Nd4j.getRandom().setSeed(9);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray logits = Nd4j.randn(type, 6, 7).muli(5);
            INDArray labels = Nd4j.createFromArray(6, 0, 3, 3, 1, 5);
            double[] losses = new double[2];
            INDArray[] grads = new INDArray[2];
            long[] limits = {Softmax.JAVA_PASS_LIMIT, 0}; // 0: every size takes the kernels
            for (int k = 0; k < 2; k++) {
                Parameter p = Tensor.param(logits.dup());
                try (Tape tape = Tape.record()) {
                    Tensor loss = Softmax.crossEntropy(p, labels, limits[k]);
                    tape.backward(loss);
                    losses[k] = loss.item();
                }
                grads[k] = p.grad().dup();
            }
            double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-12;
            assertEquals(losses[1], losses[0], tolerance * Math.abs(losses[1]), "loss of " + type);
            assertTrue(grads[1].equalsWithEps(grads[0], tolerance), "gradient of " + type + ": " + grads[0] + " vs " + grads[1]);
        }
    }
}
