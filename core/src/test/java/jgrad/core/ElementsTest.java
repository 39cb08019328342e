package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ElementsTest {

    @Test
    void readAllAndWriteAllReachEachArrayTheyAreGivenThoughTheyReuseOnePointerPerThread() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}).castTo(type);
            INDArray b = Nd4j.createFromArray(new double[][] {{7, 8, 9}, {10, 11, 12}}).castTo(type);
            INDArray secondRowOfB = b.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all()); // a view past the buffer's start
            double[] values = new double[6];

            Elements.readAll(a, values, 6);
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, values, type.toString());
            Elements.readAll(secondRowOfB, values, 3);
            assertArrayEquals(new double[] {10, 11, 12, 4, 5, 6}, values, type.toString());

            Elements.writeAll(new double[] {-1, -2}, a, 2);
            Elements.writeAll(new double[] {-10, -11, -12}, secondRowOfB, 3);
            assertEquals(Nd4j.createFromArray(new double[][] {{-1, -2, 3}, {4, 5, 6}}).castTo(type), a);
            assertEquals(Nd4j.createFromArray(new double[][] {{7, 8, 9}, {-10, -11, -12}}).castTo(type), b);
        }
    }
}
