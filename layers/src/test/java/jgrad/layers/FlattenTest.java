package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static jgrad.layers.Checks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class FlattenTest {

    @Test
    void keepsTheBatchAxisAndJoinsTheRestInRowMajorOrder() {
        var x = Nd4j.arange(24).castTo(DataType.DOUBLE).reshape(2, 3, 2, 2);
        var y = new Flatten().forward(Tensor.of(x)).value();
        assertArrayEquals(new long[] {2, 12}, y.shape());
        assertEquals(x.reshape('c', 2, 12), y);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        assertGradientsMatch("flatten", in -> new Flatten().forward(in.get(0).transpose().reshape(2, 3, 2)), rand(1, 6, 2));
    }

    @Test
    void aVectorIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Flatten().forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 5))));
        assertTrue(e.getMessage().contains("Flatten") && e.getMessage().contains("[5]"), e.getMessage());
    }
}
