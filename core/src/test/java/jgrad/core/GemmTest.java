package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GemmTest {

    static Stream<Arguments> layouts() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (String view : new String[] {"plain", "transposed", "slice", "row", "column"}) {
                        cases.add(Arguments.of(type, transA, transB, view));
                    }
                }
            }
        }
        return cases.build();
    }

    /** A [rows, cols] matrix laid out as the case says, filled from the seed. */
    private static INDArray matrix(DataType type, long rows, long cols, String view, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return switch (view) {
            case "plain" -> Nd4j.rand(type, rows, cols);
            case "transposed" -> Nd4j.rand(type, cols, rows).transpose();
            case "slice" -> Nd4j.rand(type, rows + 3, cols + 2).get(NDArrayIndex.interval(2, 2 + rows),
                    NDArrayIndex.interval(1, 1 + cols));
            case "row" -> Nd4j.rand(type, rows * 2, cols).get(NDArrayIndex.interval(rows, 2 * rows), NDArrayIndex.all());
            case "column" -> Nd4j.rand(type, cols + 1, rows).transpose().get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + cols));
            default -> throw new IllegalArgumentException(view);
        };
    }

    @ParameterizedTest(name = "{0} transA {1} transB {2} {3}")
    @MethodSource("layouts")
    void directProductsAgreeWithNd4jOnEveryLayoutAndAddIntoTheTarget(DataType type, boolean transA, boolean transB,
            String view) {
        long m = 5;
        long k = 7;
        long n = 3;
        INDArray a = transA ? matrix(type, k, m, view, 1) : matrix(type, m, k, view, 1);
        INDArray b = transB ? matrix(type, n, k, view, 2) : matrix(type, k, n, view, 2);
        INDArray start = Nd4j.rand(type, m, n);
        INDArray expected = start.dup();
        Nd4j.gemm(a.dup(), b.dup(), expected, transA, transB, 1.0, 0.5);

        INDArray actual = start.dup();
        // The OpenBLAS product itself, not gemm(): gemm falls back to Nd4j.gemm, which would compare ND4J with itself.
        StridedProduct product = StridedProduct.of(a, transA, b, transB, actual, m, n, k, 0.5);
        assertNotNull(product, "OpenBLAS refused the " + view + " layout");
        product.run();

        assertTrue(expected.equalsWithEps(actual, 1e-5), "expected\n" + expected + "\ngot\n" + actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theLeadingDimensionIsPositiveForRowMajorNegativeForColumnMajorAndZeroForNeither(String what, INDArray x,
            long expected) {
        assertEquals(expected, Gemm.leadingDimension(x));
    }

    static Stream<Arguments> shapes() {
        INDArray m = Nd4j.rand(DataType.FLOAT, 4, 6);
        return Stream.of(
                Arguments.of("row-major 4x6", m, 6L),
                Arguments.of("its transpose", m.transpose(), -6L),
                Arguments.of("every other column", m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6)), 0L),
                Arguments.of("a column of a row-major matrix", m.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 3)), 6L));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("columnSumCases")
    void columnSumsAgreeWithTheReductionForFloatAndDoubleAndRowViews(DataType type, String view) {
        INDArray x = matrix(type, 6, 4, view, 3);
        INDArray target = Nd4j.createUninitialized(type, 4);

        boolean direct = Gemm.columnSums(x, Tape.onesRow(type, 6), target);

        assertEquals(!view.equals("transposed") && !view.equals("column"), direct, "whether BLAS could read the layout");
        if (direct) {
            assertTrue(x.sum(0).equalsWithEps(target, 1e-6), x.sum(0) + " against " + target);
        }
    }

    static Stream<Arguments> columnSumCases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (String view : new String[] {"plain", "transposed", "slice", "row", "column"}) {
                cases.add(Arguments.of(type, view));
            }
        }
        return cases.build();
    }
}
