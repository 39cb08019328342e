package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static jgrad.layers.Checks.param;
import static jgrad.layers.Checks.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CharacterConvolutionTest {

    /** Three words of 4, 1 and 2 characters (ids 1 to 5), padded to a common length of 4. */
    private static final INDArray WORDS = Nd4j.createFromArray(new int[][] {{3, 1, 4, 1}, {5, 0, 0, 0}, {2, 5, 0, 0}});

    @Test
    void eachWordBecomesOneVectorOfFilters() {
        CharacterConvolution layer = new CharacterConvolution(6, 3, 7, 3, DataType.FLOAT, Init.normal(1), new Random(1));
        try (Tape tape = Tape.noGrad()) {
            assertArrayEquals(new long[] {3, 7}, layer.forward(WORDS).shape());
        }
    }

    @Test
    void eachFilterKeepsItsLargestWindowWhichTheWordsFirstCharacterOpensWithPadding() {
        // One 1-wide character vector, one filter of width 3 reading (left, middle, right) with weights (1, 10, 100).
        INDArray table = Nd4j.createFromArray(new double[][] {{0}, {1}, {2}, {3}, {4}, {5}});
        INDArray weight = Nd4j.createFromArray(new double[][] {{1}, {10}, {100}});
        INDArray bias = Nd4j.createFromArray(0.5);
        CharacterConvolution layer = new CharacterConvolution(Tensor.param(table), Tensor.param(weight), Tensor.param(bias), 3);
        try (Tape tape = Tape.noGrad()) {
            double[] out = layer.forward(WORDS).value().reshape(3).toDoubleVector();
            // Word 1: windows (0,3,1) (3,1,4) (1,4,1) (4,1,0) score 130, 413, 141, 14: the max is 413.5.
            // Word 2: only (0,5,0), 50.5, though its row has three more columns. Word 3: (0,2,5) 520.5 and (2,5,0) 52.
            assertArrayEquals(new double[] {413.5, 50.5, 520.5}, out, 1e-12);
        }
    }

    @Test
    void theFeaturesOfAWordDoNotDependOnTheLengthItsRowIsPaddedTo() {
        CharacterConvolution layer = new CharacterConvolution(6, 3, 4, 3, DataType.DOUBLE, Init.normal(1), new Random(2));
        try (Tape tape = Tape.noGrad()) {
            INDArray alone = layer.forward(Nd4j.createFromArray(new int[][] {{2, 5}})).value();
            assertEquals(alone.getRow(0), layer.forward(WORDS).value().getRow(2));
        }
    }

    @Test
    void gradientsOfTheCharactersAndFiltersMatchFiniteDifferences() {
        CharacterConvolution layer = new CharacterConvolution(6, 3, 4, 3, DataType.DOUBLE, Init.normal(1), new Random(3));
        assertGradientsMatch("character convolution",
                in -> new CharacterConvolution(param(in, 0), param(in, 1), param(in, 2), 3).forward(WORDS).tanh(),
                layer.namedParameters().get("characters.weight").value(), layer.namedParameters().get("filters.weight").value(),
                rand(4, 4));
    }

    @Test
    void aSparseCharacterGradientHoldsOnlyTheCharactersUsed() {
        CharacterConvolution layer = new CharacterConvolution(9, 3, 4, 5, DataType.FLOAT, Init.normal(1), new Random(4)).sparseGrad(true);
        try (Tape tape = Tape.record()) {
            tape.backward(layer.forward(WORDS).sum());
        }
        int[] rows = layer.namedParameters().get("characters.weight").sparseGrad().rows().clone();
        java.util.Arrays.sort(rows);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, rows, "padding and the five characters, never 6 to 8");
    }

    @Test
    void aCharacterAfterPaddingAndAnEmptyWordAreRefusedNamingTheRow() {
        CharacterConvolution layer = new CharacterConvolution(6, 3, 4, 3, DataType.FLOAT, Init.normal(1), new Random(5));
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Nd4j.createFromArray(new int[][] {{1, 2, 0}, {1, 0, 3}})));
        assertTrue(gap.getMessage().contains("row 1 has a character (id 3) at column 2 after padding at column 1"), gap.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Nd4j.createFromArray(new int[][] {{0, 0}})));
        assertTrue(empty.getMessage().contains("row 0 holds no character"), empty.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Nd4j.createFromArray(new int[][] {{1, 2, 0}, {3, 6, 0}})));
        assertTrue(outside.getMessage().contains("row 1 has id 6 at column 1; expected character ids in [0, 6)"),
                outside.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CharacterConvolution(6, 3, 4, 2, DataType.FLOAT, Init.normal(1), new Random(5)));
    }

    @Test
    void aReplicaReadsTheSameValuesInPlaceAndComputesTheSameFeatures() {
        CharacterConvolution layer = new CharacterConvolution(6, 3, 4, 3, DataType.FLOAT, Init.normal(1), new Random(6));
        CharacterConvolution copy = (CharacterConvolution) layer.replica(1);
        assertEquals(3, copy.width());
        assertTrue(layer.namedParameters().get("filters.weight").storedValue() == copy.namedParameters().get("filters.weight").storedValue());
        try (Tape tape = Tape.noGrad()) {
            assertEquals(layer.forward(WORDS).value(), copy.forward(WORDS).value());
        }
    }
}
