package jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The driver's reduction of the tasks' gradients, dense and row-sparse, with sums worked by hand. */
class GradientReductionTest {

    /** A table [4, 2] with row-sparse gradients. */
    private static Parameter table(boolean sparse) {
        return Tensor.param(Nd4j.zeros(DataType.DOUBLE, 4, 2)).useSparseGrad(sparse);
    }

    private static ParameterLayout layout(Parameter table) {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("table", table);
        return new ParameterLayout(named);
    }

    @Test
    void rowsFromSeveralPartitionsAreSummedIntoOneRowSparseGradientInArrivalOrder() {
        Parameter table = table(true);
        GradientReduction reduction = new GradientReduction(layout(table));
        reduction.add(new Object[] {new SparseRows(new int[] {3, 1}, new double[] {1, 2, 3, 4})});
        reduction.add(new Object[] {null});
        reduction.add(new Object[] {new SparseRows(new int[] {1, 0}, new double[] {10, 20, 30, 40})});
        reduction.storeInto(List.of(table), 0.5);
        assertArrayEquals(new int[] {3, 1, 0}, table.sparseGrad().rows());
        assertArrayEquals(new double[] {0.5, 1, 6.5, 12, 15, 20}, table.sparseGrad().values().dup('c').data().asDouble());
        assertEquals(4 * 2 + 8 * 4 + 4 * 2 + 8 * 4, reduction.bytes(0));
    }

    @Test
    void aTaskThatSentTheTableDenseMakesTheSumDense() {
        Parameter table = table(true);
        GradientReduction reduction = new GradientReduction(layout(table));
        reduction.add(new Object[] {new SparseRows(new int[] {2}, new double[] {1, 2})});
        reduction.add(new Object[] {new double[] {1, 1, 1, 1, 1, 1, 1, 1}});
        reduction.add(new Object[] {new SparseRows(new int[] {0}, new double[] {5, 6})});
        reduction.storeInto(List.of(table), 1.0);
        assertNull(table.sparseGrad());
        assertArrayEquals(new double[] {6, 7, 1, 1, 2, 3, 1, 1}, table.grad().data().asDouble());
    }

    @Test
    void aDenseDriverParameterGetsTheRowsWrittenOutDense() {
        Parameter table = table(false);
        GradientReduction reduction = new GradientReduction(layout(table));
        reduction.add(new Object[] {new SparseRows(new int[] {1}, new double[] {2, 4})});
        reduction.storeInto(List.of(table), 0.5);
        assertArrayEquals(new double[] {0, 0, 1, 2, 0, 0, 0, 0}, table.grad().data().asDouble());
    }

    @Test
    void aRowOutsideTheTableIsAnError() {
        Parameter table = table(true);
        GradientReduction reduction = new GradientReduction(layout(table));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reduction.add(new Object[] {new SparseRows(new int[] {4}, new double[] {1, 2})}));
        assertEquals("spark: a task sent row 4 of table, outside [0, 4)", e.getMessage());
    }

    @Test
    void rowsSentAfterTheSumWentDenseAreCheckedAndAddedStraightIntoIt() {
        Parameter table = table(true);
        GradientReduction reduction = new GradientReduction(layout(table));
        reduction.add(new Object[] {new double[] {1, 1, 1, 1, 1, 1, 1, 1}});
        reduction.add(new Object[] {new SparseRows(new int[] {3, 0}, new float[] {1, 2, 3, 4})});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reduction.add(new Object[] {new SparseRows(new int[] {-1}, new float[] {1, 2})}));
        assertEquals("spark: a task sent row -1 of table, outside [0, 4)", e.getMessage());
        IllegalStateException wrongLength = assertThrows(IllegalStateException.class,
                () -> reduction.add(new Object[] {new SparseRows(new int[] {1}, new float[] {1})}));
        assertEquals("spark: a task sent 1 values for 1 rows of table, whose rows hold 2", wrongLength.getMessage());
        reduction.storeInto(List.of(table), 1.0);
        assertArrayEquals(new double[] {4, 5, 1, 1, 1, 1, 2, 3}, table.grad().data().asDouble());
    }
}
