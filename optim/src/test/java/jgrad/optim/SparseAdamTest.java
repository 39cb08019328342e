package jgrad.optim;

import static jgrad.optim.SparseSGDTest.flat;
import static jgrad.optim.SparseSGDTest.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.optim.SparseSGDTest.SparseStep;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adam on row-sparse gradients: dense Adam makes them dense; lazy Adam updates their rows only. */
class SparseAdamTest {

    private static void train(Optimizer adam, Parameter table, List<SparseStep> steps) {
        for (SparseStep step : steps) {
            step.applyTo(table, DataType.DOUBLE);
            adam.step();
        }
    }

    @Test
    void denseAdamGivenARowSparseGradientUpdatesEveryRowAsWithTheDenseGradient() {
        List<SparseStep> steps = SparseStep.draw(50, 9);
        Parameter dense = table(DataType.DOUBLE, false);
        Parameter sparse = table(DataType.DOUBLE, true);
        train(Adam.builder(List.of(dense), 0.01).build(), dense, steps);
        train(Adam.builder(List.of(sparse), 0.01).build(), sparse, steps);
        assertArrayEquals(flat(dense.value()), flat(sparse.value()), 1e-14);
    }

    @Test
    void lazyAdamLeavesRowsOutsideTheGradientExactlyAsTheyWere() {
        Parameter table = table(DataType.DOUBLE, true);
        Adam adam = Adam.builder(List.of(table), 0.01).lazy(true).build();
        train(adam, table, List.of(new SparseStep(new int[] {0, 3}, new double[][] {{1, 2, 3}, {-1, 0, 1}})));
        INDArray before = table.value().dup();
        Map<String, INDArray> state = adam.state(Map.of("t", table));
        INDArray m = state.get("m/t").dup();
        INDArray v = state.get("v/t").dup();
        train(adam, table, List.of(new SparseStep(new int[] {0}, new double[][] {{0.5, 0.5, 0.5}})));
        state = adam.state(Map.of("t", table));
        for (int row : new int[] {1, 3, 5}) {
            assertArrayEquals(flat(before.getRow(row)), flat(table.value().getRow(row)), 0, "w of row " + row);
            assertArrayEquals(flat(m.getRow(row)), flat(state.get("m/t").getRow(row)), 0, "m of row " + row);
            assertArrayEquals(flat(v.getRow(row)), flat(state.get("v/t").getRow(row)), 0, "v of row " + row);
        }
        // row 0 at t = 2, by hand: m = 0.9 * 0.1 * 1 + 0.1 * 0.5 = 0.14, v = 0.999 * 0.001 * 1 + 0.001 * 0.25,
        // w -= 0.01 * (m / (1 - 0.81)) / (sqrt(v / (1 - 0.998001)) + 1e-8)
        double m0 = 0.14;
        double v0 = 0.999 * 0.001 + 0.001 * 0.25;
        double expected = before.getDouble(0, 0) - 0.01 * (m0 / 0.19) / (Math.sqrt(v0 / (1 - 0.998001)) + 1e-8);
        assertEquals(expected, table.value().getDouble(0, 0), 1e-14);
        assertEquals(m0, state.get("m/t").getDouble(0, 0), 1e-15);
        assertEquals(2, state.get("step/t").getLong(0), "t counts the parameter's steps");
    }

    @Test
    void lazyAdamIsAdamWhenEveryRowIsInEveryGradient() {
        int[] all = new int[SparseSGDTest.ROWS];
        double[][] values = new double[all.length][SparseSGDTest.DIM];
        for (int r = 0; r < all.length; r++) {
            all[r] = r;
            for (int j = 0; j < values[r].length; j++) {
                values[r][j] = Math.sin(r + 3 * j);
            }
        }
        List<SparseStep> steps = List.of(new SparseStep(all, values), new SparseStep(all, values), new SparseStep(all, values));
        Parameter dense = table(DataType.DOUBLE, false);
        Parameter lazy = table(DataType.DOUBLE, true);
        train(Adam.builder(List.of(dense), 0.01).build(), dense, steps);
        train(Adam.builder(List.of(lazy), 0.01).lazy(true).build(), lazy, steps);
        assertArrayEquals(flat(dense.value()), flat(lazy.value()), 1e-14);
    }

    @Test
    void lazyUpdatesRefuseWeightDecay() {
        Parameter table = table(DataType.DOUBLE, true);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AdamW.builder(List.of(table), 0.01).lazy(true).build());
        assertTrue(e.getMessage().contains("AdamW: lazy updates take no weight decay (as PyTorch's SparseAdam), got 0.01"),
                e.getMessage());
        assertTrue(AdamW.builder(List.of(table), 0.01).weightDecay(0).lazy(true).build().lazy());
    }
}
