package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Edge cases of the autodiff core: nested tapes, ties, aliasing, broadcasting corners, float32 against float64. */
class EdgeCasesTest {

    @AfterEach
    void releasePool() {
        Tape.releasePooledMemory();
    }

    private static INDArray rand(DataType type, long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(4).castTo(type);
    }

    private static INDArray positive(DataType type, long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).addi(0.5).castTo(type);
    }

    /** The tape's gradients of sum(f(inputs) * projection) with respect to every input, copied out. */
    private static List<INDArray> grads(Function<List<Tensor>, Tensor> f, INDArray projection, INDArray... inputs) {
        List<Parameter> params = new ArrayList<>();
        for (INDArray in : inputs) {
            params.add(Tensor.param(in.dup('c')));
        }
        List<INDArray> out = new ArrayList<>();
        try (Tape tape = Tape.record()) {
            Tensor y = f.apply(new ArrayList<>(params));
            tape.backward(y, projection.castTo(y.dataType()));
            for (Parameter p : params) {
                out.add(p.grad().dup());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Memory and aliasing
    // ---------------------------------------------------------------------------------------------

    /**
     * An inner tape's backward allocates the gradient of an OUTER tape's tensor from the inner tape's
     * memory (Tape.allocate -> memoryOwner() = innermost recording tape). When the inner tape closes, that
     * buffer goes back to the pool while h still points at it; the outer tape's next allocations of the
     * same shape hand it out again, and h.grad() silently changes.
     */
    @Test
    void aGradientComputedByAnInnerTapeIsNotOverwrittenByTheOuterTapesNextOps() {
        Parameter w = Tensor.param(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}));
        Tensor two = Tensor.of(Nd4j.createFromArray(new double[][] {{2, 2}, {2, 2}}));
        Tensor hundred = Tensor.of(Nd4j.createFromArray(new double[][] {{100, 100}, {100, 100}}));
        try (Tape outer = Tape.record()) {
            Tensor h = w.mul(two); // [[2, 4], [6, 8]], recorded on the outer tape
            try (Tape inner = Tape.record()) {
                inner.backward(h.mul(h).sum()); // h.grad = 2h
            }
            INDArray expected = Nd4j.createFromArray(new double[][] {{4, 8}, {12, 16}});
            assertEquals(expected, h.grad());
            for (int i = 0; i < 4; i++) {
                w.mul(hundred); // the outer tape allocates [2, 2] doubles: the pool hands out h.grad's buffer
            }
            assertEquals(expected, h.grad(), "h.grad() was overwritten by a later op of the outer tape");
        }
    }

    /**
     * Tape.backward(loss) does not check that the loss was recorded on this tape: with a loss recorded on
     * an outer tape, the inner tape walks none of its ops, and parameters silently get no gradient.
     */
    @Test
    void backwardOnATapeThatDidNotRecordTheLossIsAnError() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        try (Tape outer = Tape.record()) {
            Tensor loss = w.mul(w).sum();
            try (Tape inner = Tape.record()) {
                assertThrows(IllegalArgumentException.class, () -> inner.backward(loss),
                        "the loss was recorded on the outer tape; the inner tape cannot differentiate it");
            }
        }
    }

    /** Revealing: the same situation, showing that the parameter gets nothing and nothing is reported. */

    /**
     * Tape.backward clears only the grads of its own nodes' outputs, so an outer tape's tensor used by an
     * inner tape accumulates across the inner tape's backward calls, contrary to Tensor.grad()'s contract
     * ("for a recorded result, the gradient of the last backward").
     */
    @Test
    void aRecordedResultHoldsTheGradientOfTheLastBackwardOnly() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        try (Tape outer = Tape.record()) {
            Tensor h = w.mul(2);
            try (Tape inner = Tape.record().retainGraph()) {
                Tensor loss = h.sum();
                inner.backward(loss);
                inner.backward(loss);
                assertEquals(Nd4j.createFromArray(1.0, 1.0), h.grad());
            }
        }
    }

    /** Control for the above: within one tape that retains its graph, repeated backward resets result grads. */
    @Test
    void backwardTwiceOnATapeThatRetainsItsGraphResetsIntermediateGradsAndAccumulatesParameterGrads() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        try (Tape tape = Tape.record().retainGraph()) {
            Tensor h = w.mul(2);
            Tensor loss = h.sum();
            tape.backward(loss);
            tape.backward(loss);
            assertEquals(Nd4j.createFromArray(1.0, 1.0), h.grad());
            assertEquals(Nd4j.createFromArray(4.0, 4.0), w.grad());
        }
    }

    /**
     * Parameter.grad() flips hasGrad() to true just by being read (it zero-fills and clears gradIsZero),
     * so an optimizer or a logger that reads grad() makes every parameter look as if it received one.
     */
    @Test
    void readingAGradientDoesNotMakeItArrive() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        w.zeroGrad();
        assertEquals(Nd4j.createFromArray(0.0, 0.0), w.grad());
        assertFalse(w.hasGrad());
    }

    /**
     * Pooled arrays are reused with their old contents; every op must write all of its output (and
     * every "first" gradient write must ignore the old contents). Poison the pool with NaN, then compare
     * a second step's gradients with those of a fresh pool. Float32, the default type.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("float32Ops")
    void aPoolPoisonedWithNaNDoesNotLeakIntoTheNextStep(String name, Function<List<Tensor>, Tensor> f, INDArray[] inputs) {
        INDArray projection;
        try (Tape scope = Tape.noGrad()) {
            long[] shape = f.apply(wrap(inputs)).shape();
            projection = rand(DataType.FLOAT, shape);
        }
        Tape.releasePooledMemory();
        List<INDArray> fresh = grads(f, projection, inputs);
        INDArray[] nan = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            nan[i] = inputs[i].dup().assign(Double.NaN);
        }
        for (int i = 0; i < 3; i++) {
            grads(f, projection, nan); // leaves NaN in every pooled buffer this function uses
        }
        List<INDArray> reused = grads(f, projection, inputs);
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(fresh.get(i), reused.get(i), name + ": input " + i);
        }
    }

    private static List<Tensor> wrap(INDArray[] inputs) {
        List<Tensor> list = new ArrayList<>();
        for (INDArray in : inputs) {
            list.add(Tensor.of(in));
        }
        return list;
    }

    /** A parameter whose value is a strided view (columns of a bigger matrix) gets correct gradients. */
    @Test
    void aParameterThatIsAStridedViewGetsCorrectGradients() {
        INDArray big = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        INDArray view = big.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3)); // [3, 2], strides [3, 1]
        Parameter p = Tensor.param(view);
        INDArray c = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray m = Nd4j.createFromArray(new float[][] {{1, -1}, {2, 0.5f}});
        try (Tape tape = Tape.record()) {
            Tensor loss = p.mul(Tensor.of(c)).sum()
                    .add(p.reshape(-1).sum())
                    .add(p.transpose().transpose().matmul(Tensor.of(m)).sum())
                    .add(p.exp().mul(0).sum());
            assertEquals(view.mul(c).sumNumber().doubleValue() + view.sumNumber().doubleValue()
                    + view.mmul(m).sumNumber().doubleValue(), loss.item(), 1e-3);
            tape.backward(loss);
        }
        INDArray expected = c.add(1).addRowVector(m.sum(1).reshape(1, 2));
        assertEquals(expected, p.grad());
    }

    /**
     * Memory.endStep runs whenever an OUTERMOST scope closes, and a standalone noGrad() scope is one: it
     * releases every array that the previous scope left idle. A loop that alternates a training step with
     * an evaluation in a noGrad() scope of other shapes (accuracy after each step, a validation batch of
     * another size) therefore closes all the training arrays after every evaluation and allocates them
     * again in the next training step: the pool never pools. Control: without the evaluation in between,
     * the second training step gets back the very same array object.
     */
    /** One training step's [16, 8] result and its gradient (arrays that go back to the pool). */
    private static INDArray[] trainingStepArrays(Parameter w, Tensor batch) {
        try (Tape tape = Tape.record()) {
            Tensor h = batch.matmul(w);
            tape.backward(h.sum());
            return new INDArray[] {h.value(), h.grad()};
        }
    }

    @Test
    void aNoGradEvaluationBetweenTrainingStepsKeepsTheTrainingArraysPooled() {
        Parameter w = Tensor.param(Nd4j.rand(DataType.FLOAT, 8, 8));
        Tensor batch = Tensor.of(Nd4j.rand(DataType.FLOAT, 16, 8));
        Tensor evalBatch = Tensor.of(Nd4j.rand(DataType.FLOAT, 5, 8));
        INDArray[] firstStep = trainingStepArrays(w, batch);
        INDArray first = firstStep[0];
        INDArray firstGrad = firstStep[1];
        try (Tape scope = Tape.noGrad()) {
            evalBatch.matmul(w).sum().item();
        }
        try (Tape tape = Tape.record()) {
            Tensor h = batch.matmul(w);
            assertTrue(h.value() == first || h.value() == firstGrad, "the [16, 8] training array was released by the evaluation and made again");
            tape.backward(h.sum());
        }
    }

    @Test
    void controlTheSecondTrainingStepReusesTheFirstStepsArray() {
        Parameter w = Tensor.param(Nd4j.rand(DataType.FLOAT, 8, 8));
        Tensor batch = Tensor.of(Nd4j.rand(DataType.FLOAT, 16, 8));
        INDArray[] firstStep = trainingStepArrays(w, batch);
        INDArray first = firstStep[0];
        INDArray firstGrad = firstStep[1];
        try (Tape tape = Tape.record()) {
            INDArray again = batch.matmul(w).value();
            assertTrue(again == first || again == firstGrad);
        }
    }

    /** d(x^0)/dx = 0 everywhere; Unary.pow computes 0 * x^-1, which is NaN at x = 0. */
    @Test
    void theDerivativeOfXToTheZeroIsZeroAtZero() {
        Parameter x = Tensor.param(Nd4j.createFromArray(0.0, 2.0));
        try (Tape tape = Tape.record()) {
            tape.backward(x.pow(0).sum());
        }
        assertEquals(Nd4j.createFromArray(0.0, 0.0), x.grad());
    }

    // ---------------------------------------------------------------------------------------------
    // Gradient correctness in edge cases (float64, central differences)
    // ---------------------------------------------------------------------------------------------

    static Stream<Arguments> edgeCases() {
        Nd4j.getRandom().setSeed(11);
        DataType d = DataType.DOUBLE;
        return Stream.of(
                Arguments.of("rank 3 plus rank 1", (Function<List<Tensor>, Tensor>) in -> in.get(0).add(in.get(1)),
                        new INDArray[] {rand(d, 2, 3, 4), rand(d, 4)}),
                Arguments.of("rank 1 times rank 3", (Function<List<Tensor>, Tensor>) in -> in.get(1).mul(in.get(0)),
                        new INDArray[] {rand(d, 2, 3, 4), rand(d, 4)}),
                Arguments.of("rank 3 divided by [3, 1]", (Function<List<Tensor>, Tensor>) in -> in.get(0).div(in.get(1)),
                        new INDArray[] {rand(d, 2, 3, 4), positive(d, 3, 1)}),
                Arguments.of("[N,1] times [1,M]", (Function<List<Tensor>, Tensor>) in -> in.get(0).mul(in.get(1)),
                        new INDArray[] {rand(d, 3, 1), rand(d, 1, 4)}),
                Arguments.of("[N,1] minus [1,M]", (Function<List<Tensor>, Tensor>) in -> in.get(0).sub(in.get(1)),
                        new INDArray[] {rand(d, 3, 1), rand(d, 1, 4)}),
                Arguments.of("rank-0 times matrix", (Function<List<Tensor>, Tensor>) in -> in.get(0).mul(in.get(1)),
                        new INDArray[] {Nd4j.scalar(d, 1.7), rand(d, 3, 4)}),
                Arguments.of("matrix divided by rank 0", (Function<List<Tensor>, Tensor>) in -> in.get(1).div(in.get(0)),
                        new INDArray[] {Nd4j.scalar(d, 1.7), rand(d, 3, 4)}),
                Arguments.of("rank-0 plus rank-0", (Function<List<Tensor>, Tensor>) in -> in.get(0).add(in.get(1)).mul(in.get(0)),
                        new INDArray[] {Nd4j.scalar(d, 1.7), Nd4j.scalar(d, -0.3)}),
                Arguments.of("sum axis 0 of rank 1", (Function<List<Tensor>, Tensor>) in -> in.get(0).sum(0),
                        new INDArray[] {rand(d, 5)}),
                Arguments.of("mean axis -1 of rank 1", (Function<List<Tensor>, Tensor>) in -> in.get(0).mean(-1).mul(in.get(0)),
                        new INDArray[] {rand(d, 5)}),
                Arguments.of("reshape of a reshape of a transpose", (Function<List<Tensor>, Tensor>) in ->
                        in.get(0).transpose().reshape(2, 6).transpose().reshape(3, 4).mul(in.get(0)), new INDArray[] {rand(d, 3, 4)}),
                Arguments.of("transpose of a parameter, used twice", (Function<List<Tensor>, Tensor>) in ->
                        in.get(0).transpose().mul(in.get(0).transpose().exp()), new INDArray[] {rand(d, 3, 4)}),
                Arguments.of("concat of four parts axis 1", (Function<List<Tensor>, Tensor>) in ->
                        Ops.concat(1, in.get(0), in.get(1), in.get(2), in.get(1)), new INDArray[] {rand(d, 2, 1), rand(d, 2, 3), rand(d, 2, 2)}),
                Arguments.of("concat of three rank-3 parts axis -1", (Function<List<Tensor>, Tensor>) in ->
                        Ops.concat(-1, in.get(0), in.get(1), in.get(2)), new INDArray[] {rand(d, 2, 2, 1), rand(d, 2, 2, 3), rand(d, 2, 2, 2)}),
                Arguments.of("crossEntropy with batch 1", (Function<List<Tensor>, Tensor>) in ->
                        Ops.crossEntropy(in.get(0), Nd4j.createFromArray(2L)), new INDArray[] {rand(d, 1, 4)}),
                Arguments.of("crossEntropy with int32 labels", (Function<List<Tensor>, Tensor>) in ->
                        Ops.crossEntropy(in.get(0), Nd4j.createFromArray(3, 0)), new INDArray[] {rand(d, 2, 4)}),
                Arguments.of("gather with 2-D repeated indices from a [rows, 1] table", (Function<List<Tensor>, Tensor>) in ->
                        Ops.gather(in.get(0), Nd4j.createFromArray(new int[][] {{1, 1}, {3, 1}})), new INDArray[] {rand(d, 4, 1)}),
                Arguments.of("gather with 2-D repeated indices, table used twice", (Function<List<Tensor>, Tensor>) in ->
                        Ops.gather(in.get(0), Nd4j.createFromArray(new long[][] {{0, 2}, {2, 2}})).sum(0)
                                .add(Ops.gather(in.get(0), Nd4j.createFromArray(2L, 1L))), new INDArray[] {rand(d, 3, 5)}),
                Arguments.of("conv2d without bias", (Function<List<Tensor>, Tensor>) in ->
                        Ops.conv2d(in.get(0), in.get(1), null, 1, 1), new INDArray[] {rand(d, 2, 3, 4, 5), rand(d, 2, 3, 3, 2)}),
                Arguments.of("maxPool2d with stride 3 > kernel 2", (Function<List<Tensor>, Tensor>) in ->
                        Ops.maxPool2d(in.get(0), 2, 3), new INDArray[] {rand(d, 2, 2, 7, 8)}),
                Arguments.of("maxPool2d with stride 1 < kernel 2", (Function<List<Tensor>, Tensor>) in ->
                        Ops.maxPool2d(in.get(0), 2, 1), new INDArray[] {rand(d, 1, 2, 4, 5)}),
                Arguments.of("matmul with a parameter used twice (gemm beta = 1)", (Function<List<Tensor>, Tensor>) in ->
                        in.get(0).matmul(in.get(1)).matmul(in.get(1).transpose()).add(in.get(0).matmul(in.get(1)).matmul(in.get(1).transpose())),
                        new INDArray[] {rand(d, 1, 3), rand(d, 3, 3)}),
                Arguments.of("matmul of a row and a column", (Function<List<Tensor>, Tensor>) in ->
                        in.get(0).matmul(in.get(1)).add(in.get(0).matmul(in.get(1))), new INDArray[] {rand(d, 1, 3), rand(d, 3, 1)}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edgeCaseGradientsMatchFiniteDifferences(String name, Function<List<Tensor>, Tensor> f, INDArray[] inputs) {
        GradCheck.Result result = GradCheck.check(f, inputs);
        assertTrue(result.maxError() < 1e-6, name + ": " + result);
    }

    /**
     * libnd4j's gather with 2-D indices on a rank-1 table corrupts the native heap (the JVM aborted with
     * "corrupted size vs. prev_size" within a few hundred calls), so Gather always passes flat indices;
     * this runs the case often enough to have crashed before.
     */
    @Test
    void gatherFromARankOneTableWithTwoDimensionalIndicesWorks() {
        Parameter table = Tensor.param(Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0));
        INDArray indices = Nd4j.createFromArray(new int[][] {{1, 1}, {3, 1}});
        for (int i = 0; i < 300; i++) {
            table.zeroGrad();
            try (Tape tape = Tape.record()) {
                Tensor picked = Ops.gather(table, indices);
                assertEquals(Nd4j.createFromArray(new double[][] {{2, 2}, {4, 2}}), picked.value());
                tape.backward(picked.sum());
            }
            assertEquals(Nd4j.createFromArray(0.0, 3.0, 0.0, 1.0), table.grad());
        }
    }

    @Test
    void aSumOverTheOnlyAxisOfAVectorIsARankZeroScalar() {
        Parameter x = Tensor.param(Nd4j.createFromArray(1f, 2f, 3f, 4f));
        try (Tape tape = Tape.record()) {
            Tensor s = x.mean(0);
            assertEquals(0, s.rank());
            assertEquals(2.5, s.item(), 1e-6);
            tape.backward(s);
        }
        assertEquals(Nd4j.valueArrayOf(new long[] {4}, 0.25f), x.grad());
    }

    /** max(x, x): the two operands are the same element; the total gradient must be 1, not 2 (or 0). */
    @Test
    void theMaximumOfATensorWithItselfHasGradientOne() {
        Parameter x = Tensor.param(Nd4j.createFromArray(1.0, -2.0, 3.0));
        try (Tape tape = Tape.record()) {
            tape.backward(x.max(x).sum());
        }
        assertEquals(Nd4j.createFromArray(1.0, 1.0, 1.0), x.grad());
    }

    // ---------------------------------------------------------------------------------------------
    // Float32, the default type: the tape's float32 gradients agree with its float64 ones
    // ---------------------------------------------------------------------------------------------

    static Stream<Arguments> float32Ops() {
        Nd4j.getRandom().setSeed(5);
        DataType f = DataType.FLOAT;
        return Stream.of(
                op("add broadcast rank 3 and rank 1", in -> in.get(0).add(in.get(1)), rand(f, 2, 3, 4), rand(f, 4)),
                op("sub [N,1] [1,M]", in -> in.get(0).sub(in.get(1)), rand(f, 3, 1), rand(f, 1, 4)),
                op("mul same shape", in -> in.get(0).mul(in.get(1)), rand(f, 3, 4), rand(f, 3, 4)),
                op("mul rank 0", in -> in.get(0).mul(in.get(1)), Nd4j.scalar(f, 1.5f), rand(f, 3, 4)),
                op("div broadcast", in -> in.get(0).div(in.get(1)), rand(f, 3, 4), positive(f, 3, 1)),
                op("affine", in -> in.get(0).mul(3).add(1).sub(2).div(4).neg(), rand(f, 3, 4)),
                op("matmul", in -> in.get(0).matmul(in.get(1)), rand(f, 3, 5), rand(f, 5, 2)),
                op("matmul of transposes, twice", in -> in.get(0).transpose().matmul(in.get(1).transpose())
                        .add(in.get(0).transpose().matmul(in.get(1).transpose())), rand(f, 5, 3), rand(f, 2, 5)),
                op("transpose", in -> in.get(0).transpose().mul(in.get(0).transpose()), rand(f, 3, 4)),
                op("reshape of a transpose", in -> in.get(0).transpose().reshape(12), rand(f, 3, 4)),
                op("sum, mean", in -> in.get(0).sum().add(in.get(0).mean()).mul(in.get(0)), rand(f, 3, 4)),
                op("sum axis, mean axis", in -> in.get(0).sum(0).add(in.get(0).mean(1).sum()), rand(f, 3, 4)),
                op("exp log sqrt pow", in -> in.get(0).exp().add(in.get(0).log()).add(in.get(0).sqrt()).add(in.get(0).pow(2.5)), positive(f, 3, 4)),
                op("sin cos tanh sigmoid", in -> in.get(0).sin().add(in.get(0).cos()).add(in.get(0).tanh()).add(in.get(0).sigmoid()), rand(f, 3, 4)),
                op("relu hardtanh", in -> in.get(0).relu().add(in.get(0).hardtanh()), rand(f, 3, 4)),
                op("max min", in -> in.get(0).max(in.get(1)).add(in.get(0).min(in.get(1))), rand(f, 3, 4), rand(f, 3, 4)),
                op("softmax, logSoftmax", in -> in.get(0).softmax(0).add(in.get(0).logSoftmax(1)), rand(f, 3, 4)),
                op("crossEntropy", in -> Ops.crossEntropy(in.get(0), Nd4j.createFromArray(2L, 0L, 3L)), rand(f, 3, 4)),
                op("crossEntropy batch 1", in -> Ops.crossEntropy(in.get(0), Nd4j.createFromArray(1L)), rand(f, 1, 4)),
                op("mse", in -> Ops.mse(in.get(0), in.get(1)), rand(f, 3, 4), rand(f, 3, 4)),
                op("gather", in -> Ops.gather(in.get(0), Nd4j.createFromArray(new int[][] {{0, 1, 2}, {2, 2, 4}})), rand(f, 5, 3)),
                op("concat", in -> Ops.concat(1, in.get(0), in.get(1), in.get(0)), rand(f, 2, 3), rand(f, 2, 2)),
                op("conv2d", in -> Ops.conv2d(in.get(0), in.get(1), in.get(2), 1, 1), rand(f, 2, 2, 5, 5), rand(f, 3, 2, 3, 3), rand(f, 3)),
                op("conv2d without bias", in -> Ops.conv2d(in.get(0), in.get(1), null, 2, 0), rand(f, 1, 2, 6, 5), rand(f, 2, 2, 3, 3)),
                op("maxPool2d", in -> Ops.maxPool2d(in.get(0), 2, 1), rand(f, 2, 3, 4, 6)));
    }

    private static Arguments op(String name, Function<List<Tensor>, Tensor> f, INDArray... inputs) {
        return Arguments.of(name, f, inputs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("float32Ops")
    void float32GradientsAgreeWithFloat64(String name, Function<List<Tensor>, Tensor> f, INDArray[] inputs) {
        INDArray projection;
        try (Tape scope = Tape.noGrad()) {
            projection = rand(DataType.DOUBLE, f.apply(wrap(inputs)).shape());
        }
        List<INDArray> single = grads(f, projection, inputs);
        INDArray[] doubles = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            doubles[i] = inputs[i].castTo(DataType.DOUBLE);
        }
        List<INDArray> reference = grads(f, projection, doubles);
        for (int i = 0; i < single.size(); i++) {
            assertEquals(DataType.FLOAT, single.get(i).dataType());
            INDArray diff = single.get(i).castTo(DataType.DOUBLE).sub(reference.get(i));
            double scale = Math.max(1, reference.get(i).amaxNumber().doubleValue());
            assertTrue(diff.amaxNumber().doubleValue() / scale < 1e-4, name + ": input " + i + " float32 "
                    + single.get(i) + " float64 " + reference.get(i));
        }
    }

    /** Legacy pairwise kernels on mixed orderings: an 'f'-ordered transpose view plus a 'c' array. */
    @Test
    void pairwiseKernelsReadTransposedViewsCorrectly() {
        INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray b = Nd4j.createFromArray(new float[][] {{10, 20, 30}, {40, 50, 60}});
        try (Tape scope = Tape.noGrad()) {
            assertEquals(a.transpose().add(b), Tensor.of(a).transpose().add(Tensor.of(b)).value());
            assertEquals(a.transpose().mul(b), Tensor.of(a).transpose().mul(Tensor.of(b)).value());
            assertEquals(b.div(a.transpose()), Tensor.of(b).div(Tensor.of(a).transpose()).value());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Gather with many repeated indices: scatter_add must not race
    // ---------------------------------------------------------------------------------------------

    @Test
    void gatherBackwardSumsEveryRepeatOfAHeavilyRepeatedIndex() {
        int repeats = 20_000;
        Parameter table = Tensor.param(Nd4j.rand(DataType.FLOAT, 4, 256));
        INDArray indices = Nd4j.zeros(DataType.INT32, repeats);
        for (int trial = 0; trial < 5; trial++) {
            table.zeroGrad();
            try (Tape tape = Tape.record()) {
                tape.backward(Ops.gather(table, indices).sum());
            }
            INDArray row0 = table.grad().getRow(0);
            assertEquals(repeats, row0.minNumber().doubleValue(), 0.5, "trial " + trial);
            assertEquals(repeats, row0.maxNumber().doubleValue(), 0.5, "trial " + trial);
            assertEquals(0, table.grad().getRow(1).amaxNumber().doubleValue());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Dtypes and error messages
    // ---------------------------------------------------------------------------------------------

    @Test
    void mixedTypesAreRejectedNamingTheOpAndBothOperands() {
        Tensor f = Tensor.of(Nd4j.ones(DataType.FLOAT, 2, 2));
        Tensor d = Tensor.param(Nd4j.ones(DataType.DOUBLE, 2, 2));
        for (Function<Tensor, Tensor> op : List.<Function<Tensor, Tensor>>of(d::add, d::mul, d::matmul, d::max,
                t -> Ops.concat(0, d, t), t -> Ops.mse(d, t))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(f));
            assertTrue(e.getMessage().contains("float") && e.getMessage().contains("double"), e.getMessage());
        }
    }

    /** mse of mismatched types fails inside sub: the message names 'sub', which the user never called. */
    @Test
    void mseOfMixedTypesNamesMse() {
        Tensor f = Tensor.of(Nd4j.ones(DataType.FLOAT, 2, 2));
        Tensor d = Tensor.param(Nd4j.ones(DataType.DOUBLE, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.mse(d, f));
        assertTrue(e.getMessage().startsWith("mse"), e.getMessage());
    }

    /** A unary op on an integer tensor: ND4J's own error, or a wrong result, instead of a jgrad message. */
    @Test
    void aUnaryOpOnAnIntegerTensorIsRejectedNamingTheOp() {
        Tensor i = Tensor.of(Nd4j.createFromArray(1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> i.exp());
        assertTrue(e.getMessage().contains("exp"), e.getMessage());
    }

    @Test
    void concatOfDifferentRanksSaysSo() {
        Tensor a = Tensor.of(Nd4j.ones(2, 3));
        Tensor b = Tensor.of(Nd4j.ones(2, 3, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.concat(0, a, b));
        assertTrue(e.getMessage().contains("rank"), e.getMessage());
    }

    @Test
    void backwardWithASeedOfAnotherTypeIsAccepted() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1f, 2f));
        try (Tape tape = Tape.record()) {
            tape.backward(w.mul(3), Nd4j.createFromArray(1.0, 2.0));
        }
        assertArrayEquals(new float[] {3, 6}, w.grad().toFloatVector(), 1e-6f);
    }

    // ---------------------------------------------------------------------------------------------
    // Allocation outside the step memory
    // ---------------------------------------------------------------------------------------------

    /**
     * Ops outside any tape allocate a fresh, garbage-collected array per op (documented); the same is true
     * of the label and index checks of crossEntropy and gather on every call inside a tape (minNumber and
     * maxNumber run a reduction into a new array and synchronise with the host). This test only shows that
     * a training step's pool stays flat; the per-call allocations are not visible in liveArrays().
     */
    @Test
    void aStepWithGatherAndCrossEntropyKeepsThePoolFlat() {
        Parameter table = Tensor.param(Nd4j.rand(DataType.FLOAT, 10, 4));
        INDArray indices = Nd4j.createFromArray(new int[][] {{1, 2}, {3, 3}, {0, 9}});
        INDArray labels = Nd4j.createFromArray(0L, 3L, 1L);
        long after2 = 0;
        for (int step = 0; step < 20; step++) {
            try (Tape tape = Tape.record()) {
                tape.backward(Ops.crossEntropy(Ops.gather(table, indices).sum(1), labels));
            }
            if (step == 2) {
                after2 = Tape.liveArrays();
            }
        }
        assertEquals(after2, Tape.liveArrays());
    }
}
