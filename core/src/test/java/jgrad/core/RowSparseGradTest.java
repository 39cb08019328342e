package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Row-sparse gradients of lookups: the same numbers as the dense gradient, kept as rows. */
class RowSparseGradTest {

    private static final INDArray INDICES = Nd4j.createFromArray(new int[][] {{1, 4, 1}, {0, 4, 4}});

    private static INDArray table() {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, 6, 3).subi(0.5);
    }

    /** A loss that weighs each looked-up element differently, so a wrong row or a lost duplicate shows. */
    private static Tensor loss(Tensor table, INDArray indices) {
        INDArray weights = Nd4j.linspace(DataType.DOUBLE, 1, indices.length() * 3, 1).reshape(indices.length(), 3);
        return Ops.gather(table, indices).reshape(indices.length(), 3).tanh().mul(Tensor.of(weights)).sum();
    }

    private static INDArray gradient(Parameter p, Function<Parameter, Tensor> f) {
        p.zeroGrad();
        try (Tape tape = Tape.record()) {
            tape.backward(f.apply(p));
        }
        return p.grad().dup();
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    @Test
    void aLookupLeavesEachUsedRowOnceWithItsGradientsSummed() {
        Parameter sparse = Tensor.param(table()).useSparseGrad(true);
        try (Tape tape = Tape.record()) {
            tape.backward(loss(sparse, INDICES));
        }
        RowSparseGrad rows = sparse.sparseGrad();
        assertNotNull(rows, "the gradient stays row-sparse");
        assertArrayEquals(new int[] {1, 4, 0}, rows.rows(), "rows in the order they first arrived, each once");
        assertArrayEquals(new long[] {3, 3}, rows.values().shape());

        INDArray dense = gradient(Tensor.param(table()), p -> loss(p, INDICES));
        for (int i = 0; i < rows.count(); i++) {
            assertArrayEquals(dense.getRow(rows.row(i)).toDoubleVector(), rows.values().getRow(i).toDoubleVector(), 1e-15);
        }
        assertArrayEquals(flat(dense), flat(sparse.grad()), 1e-15, "densified equals dense");
        assertNull(sparse.sparseGrad(), "reading grad() turns the gradient dense for the rest of the step");
    }

    @Test
    void drawingTheGraphShowsTheGradientAndLeavesItRowSparse() {
        Parameter sparse = Tensor.param(table()).useSparseGrad(true);
        String dot;
        try (Tape tape = Tape.record()) {
            tape.backward(loss(sparse, INDICES));
            dot = tape.toDot();
        }

        assertTrue(dot.contains("grad "), dot);
        assertNotNull(sparse.sparseGrad(), "a debug view must not change which update the optimizer takes");
        INDArray dense = gradient(Tensor.param(table()), p -> loss(p, INDICES));
        assertArrayEquals(flat(dense), flat(sparse.grad()), 1e-15);
    }

    @Test
    void theSparsePathPassesTheGradientCheck() {
        Parameter sparse = Tensor.param(table()).useSparseGrad(true);
        GradCheck.Result result = GradCheck.check(() -> loss(sparse, INDICES), List.of(sparse));
        assertTrue(result.maxError() < 1e-6, result.toString());
    }

    @Test
    void lookupsAndBackwardsAddUpUntilZeroGrad() {
        INDArray other = Nd4j.createFromArray(5, 1);
        Function<Parameter, Tensor> twoLookups = p -> loss(p, INDICES).add(loss(p, other));
        Parameter sparse = Tensor.param(table()).useSparseGrad(true);
        INDArray dense = gradient(Tensor.param(table()), twoLookups);
        for (int pass = 0; pass < 2; pass++) {
            try (Tape tape = Tape.record()) {
                tape.backward(twoLookups.apply(sparse));
            }
        }
        assertArrayEquals(new int[] {5, 1, 4, 0}, sparse.sparseGrad().rows(), "backward meets the second lookup first");
        assertArrayEquals(flat(dense.mul(2)), flat(sparse.grad()), 1e-14);

        sparse.zeroGrad();
        assertNull(sparse.sparseGrad());
        try (Tape tape = Tape.record()) {
            tape.backward(loss(sparse, other));
        }
        assertArrayEquals(new int[] {5, 1}, sparse.sparseGrad().rows(), "a new step lists only its own rows");
    }

    @Test
    void aDenseContributionTurnsTheGradientDenseAndKeepsEveryTerm() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6);
        Function<Parameter, Tensor> lookupAndMatmul = p -> loss(p, INDICES).add(Tensor.of(x).matmul(p).sum());
        Parameter sparse = Tensor.param(table()).useSparseGrad(true);
        try (Tape tape = Tape.record()) {
            tape.backward(lookupAndMatmul.apply(sparse));
        }
        assertNull(sparse.sparseGrad());
        assertTrue(sparse.hasGrad());
        assertArrayEquals(flat(gradient(Tensor.param(table()), lookupAndMatmul)), flat(sparse.grad()), 1e-14);
    }

    @Test
    void setSparseGradChecksItsArgumentsAndSumsRepeatedRows() {
        Parameter p = Tensor.param(table());
        assertThrows(IllegalStateException.class, () -> p.setSparseGrad(new int[] {0}, Nd4j.ones(DataType.DOUBLE, 1, 3)));
        p.useSparseGrad(true);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> p.setSparseGrad(new int[] {0, 1}, Nd4j.ones(DataType.DOUBLE, 1, 3)));
        assertTrue(shape.getMessage().contains("expected [2, 3]"), shape.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> p.setSparseGrad(new int[] {6}, Nd4j.ones(DataType.DOUBLE, 1, 3)));
        assertTrue(row.getMessage().contains("row 6 is outside [0, 6)"), row.getMessage());

        p.setSparseGrad(new int[] {2, 2, 0}, Nd4j.createFromArray(new double[][] {{1, 2, 3}, {10, 20, 30}, {-1, -1, -1}}));
        assertArrayEquals(new int[] {2, 0}, p.sparseGrad().rows());
        assertArrayEquals(new double[] {11, 22, 33}, p.sparseGrad().values().getRow(0).toDoubleVector());
    }

    @Test
    void deferredUpdatesAreAppliedBeforeAnyoneReadsTheValue() {
        Parameter p = Tensor.param(table()).useSparseGrad(true);
        List<String> calls = new ArrayList<>();
        p.deferUpdates(new DeferredUpdates() {
            @Override
            public void catchUpRows(int[] rows) {
                calls.add("rows " + java.util.Arrays.toString(rows));
            }

            @Override
            public void catchUpAll() {
                calls.add("all");
            }
        });
        try (Tape tape = Tape.record()) {
            Ops.gather(p, Nd4j.createFromArray(3, 1));
        }
        assertEquals(List.of("rows [3, 1]"), calls, "a lookup brings up to date only the rows it reads");
        p.storedValue();
        assertEquals(1, calls.size(), "the stored value applies nothing");
        p.value();
        assertEquals("all", calls.get(1));
        assertThrows(IllegalStateException.class, () -> p.deferUpdates(new DeferredUpdates() {
            @Override
            public void catchUpRows(int[] rows) {}

            @Override
            public void catchUpAll() {}
        }));
    }
}
