package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct kernel paths give what the ND4J calls they replace give. */
class KernelsTest {

    static Stream<Arguments> rowAdds() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (String matrix : new String[] {"plain", "transposed", "slice"}) {
                for (String row : new String[] {"vector", "[1, d]", "strided"}) {
                    for (boolean rowFirst : new boolean[] {false, true}) {
                        cases.add(Arguments.of(type, matrix, row, rowFirst));
                    }
                }
            }
        }
        return cases.build();
    }

    @Test
    void aBiasAddedToAPlainBatchTakesTheOpenBlasPath() {
        // The comparison below cannot tell the OpenBLAS path from the broadcasting fallback: pin the path here.
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray matrix = Nd4j.rand(type, 5, 3);
            INDArray out = Nd4j.createUninitialized(type, 5, 3);
            assertTrue(Kernels.addRow(matrix, Nd4j.rand(type, 3), out), type + " [5, 3] + [3]");
            INDArray row = Nd4j.rand(type, 1, 3);
            assertTrue(Kernels.addRow(row, matrix, out), type + " [1, 3] + [5, 3]");
            assertTrue(matrix.addRowVector(row).equalsWithEps(out, 1e-6), "expected " + matrix.addRowVector(row) + " got " + out);
        }
    }

    @ParameterizedTest(name = "{0} matrix {1}, row {2}, row first {3}")
    @MethodSource("rowAdds")
    void addingARowToAMatrixMatchesNd4jsRowBroadcast(DataType type, String matrixLayout, String rowLayout, boolean rowFirst) {
        Nd4j.getRandom().setSeed(5);
        INDArray matrix = switch (matrixLayout) {
            case "plain" -> Nd4j.rand(type, 5, 3);
            case "transposed" -> Nd4j.rand(type, 3, 5).transpose();
            default -> Nd4j.rand(type, 7, 4).get(NDArrayIndex.interval(1, 6), NDArrayIndex.interval(0, 3));
        };
        INDArray row = switch (rowLayout) {
            case "vector" -> Nd4j.rand(type, 3);
            case "[1, d]" -> Nd4j.rand(type, 1, 3);
            default -> Nd4j.rand(type, 6).get(NDArrayIndex.interval(0, 2, 6)); // every other element
        };
        INDArray expected = matrix.dup().addRowVector(row.reshape(1, 3));
        INDArray out = Nd4j.createUninitialized(type, 5, 3);
        if (rowFirst) {
            Kernels.add(row, matrix, out);
        } else {
            Kernels.add(matrix, row, out);
        }
        assertTrue(expected.equalsWithEps(out, 1e-6), "expected " + expected + " got " + out);
    }

    @Test
    void everyDirectTransformMatchesItsNd4jOp() {
        Nd4j.getRandom().setSeed(6);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.rand(type, 4, 6).addi(0.1); // positive, for the logarithm
            for (Kernels.Strict f : Kernels.Strict.values()) {
                INDArray expected = Nd4j.createUninitialized(type, 4, 6);
                Nd4j.exec(f.op.apply(x, expected));
                INDArray direct = Nd4j.createUninitialized(type, 4, 6);
                assertTrue(NativeKernels.strict(x, direct, f.number), f + " takes a dense array");
                assertEquals(expected, direct, f + " of " + type);
                INDArray viaView = Nd4j.createUninitialized(type, 6, 4).transpose();
                Kernels.strict(f, x, viaView); // a view goes through Nd4j.exec
                assertTrue(expected.equalsWithEps(viaView, 1e-12), f + " into a view");
            }
        }
    }

    @Test
    void reluMatchesNd4jsRectifier() {
        INDArray x = Nd4j.createFromArray(new float[][] {{-2, -0f, 0}, {0.5f, 3, -1e-8f}});
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 2, 3);
        Kernels.relu(x, out);
        assertEquals(org.nd4j.linalg.ops.transforms.Transforms.relu(x, true), out);
    }

    @Test
    void stepMatchesNd4jsStep() {
        INDArray x = Nd4j.createFromArray(new float[][] {{-2, -0f, 0}, {0.5f, 3, 1e-30f}});
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 2, 3);
        Kernels.step(x, out);
        INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, 2, 3);
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.Step(x, expected, 0.0));
        assertEquals(expected, out);
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 0, 0}, {1, 1, 1}}), out);
    }
}
