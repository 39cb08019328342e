package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every op's backward against central finite differences, in float64: one row of the table per op. */
class OpsGradCheckTest {

    private static final double TOLERANCE = 1e-6;

    @BeforeAll
    static void seed() {
        Nd4j.getRandom().setSeed(42);
    }

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(4); // in [-2, 2)
    }

    private static INDArray positive(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).addi(0.5); // in [0.5, 1.5)
    }

    /** Values kept away from 0, and from +-1, where relu and hardtanh have kinks. */
    private static INDArray awayFromKinks(long... shape) {
        INDArray signs = Nd4j.rand(DataType.DOUBLE, shape).gt(0.5).castTo(DataType.DOUBLE).muli(2).subi(1);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(0.6).addi(0.2).muli(signs)
                .addi(Nd4j.rand(DataType.DOUBLE, shape).gt(0.5).castTo(DataType.DOUBLE).muli(signs));
    }

    private static Arguments op(String name, Function<List<Tensor>, Tensor> f, INDArray... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Stream<Arguments> ops() {
        Nd4j.getRandom().setSeed(7);
        INDArray images = rand(2, 2, 5, 5);
        INDArray otherImages = rand(2, 2, 5, 5);
        return Stream.of(
                op("add", in -> in.get(0).add(in.get(1)), rand(3, 4), rand(3, 4)),
                op("add broadcast row", in -> in.get(0).add(in.get(1)), rand(3, 4), rand(4)),
                op("add broadcast both", in -> in.get(0).add(in.get(1)), rand(3, 1), rand(1, 4)),
                op("add of a bias over many rows", in -> in.get(0).add(in.get(1)), rand(70, 3), rand(3)),
                op("add scalar", in -> in.get(0).add(2.5), rand(3, 4)),
                op("sub broadcast", in -> in.get(0).sub(in.get(1)), rand(2, 3, 4), rand(3, 1)),
                op("mul", in -> in.get(0).mul(in.get(1)), rand(3, 4), rand(3, 4)),
                op("mul broadcast", in -> in.get(0).mul(in.get(1)), rand(3, 4), rand(1, 4)),
                op("mul scalar", in -> in.get(0).mul(-1.5), rand(3, 4)),
                op("div", in -> in.get(0).div(in.get(1)), rand(3, 4), positive(3, 4)),
                op("div broadcast", in -> in.get(0).div(in.get(1)), rand(3, 4), positive(3, 1)),
                op("neg", in -> in.get(0).neg(), rand(3, 4)),
                op("matmul", in -> in.get(0).matmul(in.get(1)), rand(3, 5), rand(5, 2)),
                op("matmul of transposes", in -> in.get(0).transpose().matmul(in.get(1).transpose()), rand(5, 3), rand(2, 5)),
                op("transpose", in -> in.get(0).transpose(), rand(3, 4)),
                op("reshape", in -> in.get(0).reshape(2, -1), rand(3, 4)),
                op("reshape of a transpose", in -> in.get(0).transpose().reshape(12), rand(3, 4)),
                op("sum", in -> in.get(0).sum(), rand(3, 4)),
                op("sum axis 0", in -> in.get(0).sum(0), rand(3, 4)),
                op("sum axis -1", in -> in.get(0).sum(-1), rand(2, 3, 4)),
                op("mean", in -> in.get(0).mean(), rand(3, 4)),
                op("mean axis 1", in -> in.get(0).mean(1), rand(2, 3, 4)),
                op("max axis 1", in -> in.get(0).max(1), rand(2, 3, 4)),
                op("max axis -1", in -> in.get(0).max(-1), rand(3, 5)),
                op("segmentMax", in -> Ops.segmentMax(in.get(0), new int[] {2, 1, 3}), rand(6, 4)),
                op("exp", in -> in.get(0).exp(), rand(3, 4)),
                op("log", in -> in.get(0).log(), positive(3, 4)),
                op("pow", in -> in.get(0).pow(3), rand(3, 4)),
                op("pow fractional", in -> in.get(0).pow(1.7), positive(3, 4)),
                op("sqrt", in -> in.get(0).sqrt(), positive(3, 4)),
                op("sin", in -> in.get(0).sin(), rand(3, 4)),
                op("cos", in -> in.get(0).cos(), rand(3, 4)),
                op("tanh", in -> in.get(0).tanh(), rand(3, 4)),
                op("sigmoid", in -> in.get(0).sigmoid(), rand(3, 4)),
                op("relu", in -> in.get(0).relu(), awayFromKinks(3, 4)),
                op("relu of a large tensor", in -> in.get(0).relu(), awayFromKinks(1, 16_400)),
                op("hardtanh", in -> in.get(0).hardtanh(), awayFromKinks(3, 4)),
                op("max", in -> in.get(0).max(in.get(1)), rand(3, 4), rand(3, 4)),
                op("min", in -> in.get(0).min(in.get(1)), rand(3, 4), rand(3, 4)),
                op("softmax axis 1", in -> in.get(0).softmax(1), rand(3, 4)),
                op("softmax axis 0", in -> in.get(0).softmax(0), rand(3, 4)),
                op("logSoftmax axis 1", in -> in.get(0).logSoftmax(1), rand(3, 4)),
                op("logSoftmax axis 0", in -> in.get(0).logSoftmax(0), rand(3, 4)),
                op("softmax of a rank-3 tensor along axis 1", in -> in.get(0).softmax(1), rand(2, 3, 4)),
                op("logSoftmax of a vector", in -> in.get(0).logSoftmax(-1), rand(5)),
                op("logSoftmax of widely spread logits", in -> in.get(0).mul(30).logSoftmax(1), rand(3, 4)),
                op("crossEntropy", in -> Ops.crossEntropy(in.get(0), Nd4j.createFromArray(2L, 0L, 3L)), rand(3, 4)),
                op("crossEntropy of int labels", in -> Ops.crossEntropy(in.get(0), Nd4j.createFromArray(1, 1, 0)), rand(3, 2)),
                op("mse", in -> Ops.mse(in.get(0), in.get(1)), rand(3, 4), rand(3, 4)),
                op("gather with a repeated index", in -> Ops.gather(in.get(0), Nd4j.createFromArray(1, 3, 1, 0)), rand(5, 3)),
                op("gather of a window", in -> Ops.gather(in.get(0), Nd4j.createFromArray(new int[][] {{0, 1, 2}, {2, 2, 4}})), rand(5, 3)),
                op("concat axis 0", in -> Ops.concat(0, in.get(0), in.get(1)), rand(2, 3), rand(1, 3)),
                op("concat axis 1", in -> Ops.concat(1, in.get(0), in.get(1), in.get(0)), rand(2, 3), rand(2, 2)),
                op("conv2d", in -> Ops.conv2d(in.get(0), in.get(1), in.get(2), 1, 0), rand(2, 2, 5, 5), rand(3, 2, 3, 3), rand(3)),
                op("conv2d strided and padded", in -> Ops.conv2d(in.get(0), in.get(1), null, 2, 1), rand(1, 2, 6, 5), rand(2, 2, 3, 3)),
                op("conv2d of a constant input (weight and bias gradients alone)",
                        in -> Ops.conv2d(Tensor.of(images), in.get(0), in.get(1), 1, 0), rand(3, 2, 3, 3), rand(3)),
                op("conv2d of two constant inputs, strided and padded, one weight",
                        in -> Ops.conv2d(Tensor.of(images), in.get(0), null, 2, 1).add(Ops.conv2d(Tensor.of(otherImages), in.get(0), null, 2, 1)),
                        rand(2, 2, 3, 3)),
                op("maxPool2d", in -> Ops.maxPool2d(in.get(0), 2, 2), rand(2, 3, 4, 6)),
                op("maxPool2d overlapping", in -> Ops.maxPool2d(in.get(0), 3, 1), rand(1, 2, 5, 5)),
                op("a tensor used twice", in -> in.get(0).mul(in.get(0)).add(in.get(0).sin()), rand(3, 4)));
    }

    @org.junit.jupiter.api.Test
    void existingParametersAreCheckedInPlaceAndRestored() {
        Parameter w = Tensor.param(rand(3, 2));
        INDArray before = w.value().dup();
        Tensor x = Tensor.of(rand(4, 3));
        GradCheck.Result result = GradCheck.check(() -> x.matmul(w).tanh(), List.of(w));
        assertTrue(result.maxError() < TOLERANCE, result.toString());
        assertTrue(before.equals(w.value()), "the parameter's value is restored");
    }

    @org.junit.jupiter.api.Test
    void aGradientThatDisagreesWithFiniteDifferencesIsReported() {
        // x * detach(x): the tape sees d/dx = x, the true derivative is 2x.
        GradCheck.Result result = GradCheck.check(in -> in.get(0).mul(in.get(0).detach()), positive(3));
        assertTrue(result.maxError() > 0.1, result.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void backwardMatchesFiniteDifferences(String name, Function<List<Tensor>, Tensor> f, INDArray[] inputs) {
        GradCheck.Result result = GradCheck.check(f, inputs);
        assertTrue(result.maxError() < TOLERANCE, name + ": " + result);
    }
}
