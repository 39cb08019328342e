package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class MomentumStepTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (double decay : new double[] {0, 1e-3}) {
                for (int threads : new int[] {1, 2}) {
                    for (long length : new long[] {37, 2L * MomentumStep.CHUNK + 37}) {
                        cases.add(Arguments.of(type, decay, threads, length));
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} decay {1} threads {2} length {3}")
    @MethodSource("cases")
    void theChunkedStepGivesExactlyTheBitsOfTheThreeWholeArrayBlasCallsItReplaces(DataType type, double decay, int threads,
            long length) {
        Nd4j.getRandom().setSeed(length);
        INDArray w = Nd4j.rand(type, 3, length).subi(0.5);
        INDArray g = Nd4j.rand(type, 3, length).subi(0.5);
        INDArray v = Nd4j.rand(type, 3, length).subi(0.5);
        INDArray expectedW = w.dup();
        INDArray expectedV = v.dup();
        var blas = Nd4j.getBlasWrapper().level1();
        ProductChoice before = Threads.products();
        try {
            Threads.configureProducts(threads);
            for (int step = 0; step < 3; step++) {
                // SGD's classic momentum before this class: v = mu v + g (+ wd w), then w -= lr v.
                blas.scal(expectedV.length(), 0.9, expectedV);
                blas.axpy(expectedV.length(), 1, g, expectedV);
                if (decay != 0) {
                    blas.axpy(expectedV.length(), decay, expectedW, expectedV);
                }
                blas.axpy(expectedW.length(), -0.05, expectedV, expectedW);
                assertTrue(MomentumStep.apply(w, g, v, 0.05, 0.9, decay));
            }
        } finally {
            Threads.restore(before);
        }
        if (type == DataType.FLOAT) {
            assertArrayEquals(expectedW.data().asFloat(), w.data().asFloat());
            assertArrayEquals(expectedV.data().asFloat(), v.data().asFloat());
        } else {
            assertArrayEquals(expectedW.data().asDouble(), w.data().asDouble());
            assertArrayEquals(expectedV.data().asDouble(), v.data().asDouble());
        }
    }

    @Test
    void viewsMixedTypesAndLengthsThatDifferAreLeftToTheCaller() {
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray before = w.dup();
        INDArray column = Nd4j.rand(DataType.FLOAT, 6, 4).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 4));
        assertFalse(MomentumStep.apply(column, Nd4j.rand(DataType.FLOAT, 6, 2), Nd4j.rand(DataType.FLOAT, 6, 2), 0.1, 0.9, 0));
        assertFalse(MomentumStep.apply(w, Nd4j.rand(DataType.DOUBLE, 4, 6), Nd4j.rand(DataType.FLOAT, 4, 6), 0.1, 0.9, 0));
        assertFalse(MomentumStep.apply(w, Nd4j.rand(DataType.FLOAT, 4, 5), Nd4j.rand(DataType.FLOAT, 4, 6), 0.1, 0.9, 0));
        assertTrue(before.equals(w), "a refused step changes nothing");
    }
}
