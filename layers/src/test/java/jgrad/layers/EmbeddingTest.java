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

class EmbeddingTest {

    private static final INDArray WINDOWS = Nd4j.createFromArray(new int[][] {{0, 3, 3}, {5, 0, 2}});

    @Test
    void eachIndexBecomesItsRowOfTheTable() {
        Embedding embedding = new Embedding(6, 4, 1);
        INDArray out = embedding.forward(WINDOWS).value();
        assertArrayEquals(new long[] {2, 3, 4}, out.shape());
        assertEquals(embedding.weight().value().getRow(5), out.slice(1).getRow(0));
        assertEquals(embedding.weight().value().getRow(3), out.slice(0).getRow(2));
    }

    @Test
    void gradientsOfTheTableMatchFiniteDifferences() {
        Embedding embedding = new Embedding(6, 4, DataType.DOUBLE, Init.normal(1), new Random(2));
        assertGradientsMatch("embedding", in -> new Embedding(param(in, 0)).forward(WINDOWS), embedding.weight().value());
    }

    @Test
    void sparseGradientsOfTheTableMatchFiniteDifferences() {
        Embedding embedding = new Embedding(6, 4, DataType.DOUBLE, Init.normal(1), new Random(2));
        assertGradientsMatch("sparse embedding",
                in -> new Embedding(param(in, 0)).sparseGrad(true).forward(WINDOWS).tanh(), embedding.weight().value());
    }

    @Test
    void aSparseGradientListsTheRowsUsedWithTheDenseGradientsRows() {
        Embedding dense = new Embedding(6, 4, 1);
        Embedding sparse = new Embedding(6, 4, 1).sparseGrad(true);
        assertTrue(sparse.isSparseGrad() && !dense.isSparseGrad());
        for (Embedding embedding : new Embedding[] {dense, sparse}) {
            try (Tape tape = Tape.record()) {
                tape.backward(embedding.forward(WINDOWS).tanh().sum());
            }
        }
        jgrad.core.RowSparseGrad rows = sparse.weight().sparseGrad();
        assertArrayEquals(new int[] {0, 3, 5, 2}, rows.rows(), "rows used, each once, in the order backward met them");
        for (int i = 0; i < rows.count(); i++) {
            assertEquals(dense.weight().grad().getRow(rows.row(i)), rows.values().getRow(i), "row " + rows.row(i));
        }
    }

    @Test
    void theGradientTouchesOnlyTheRowsUsedAndSumsRepeats() {
        Embedding embedding = new Embedding(6, 4, 1);
        try (Tape tape = Tape.record()) {
            tape.backward(embedding.forward(WINDOWS).sum());
        }
        INDArray grad = embedding.weight().grad();
        double[] expectedPerRow = {2, 0, 1, 2, 0, 1}; // how often each row is used: 0 twice, 3 twice, 1 and 4 never
        for (int row = 0; row < 6; row++) {
            assertEquals(Nd4j.valueArrayOf(new long[] {4}, expectedPerRow[row], DataType.FLOAT), grad.getRow(row), "row " + row);
        }
    }

    @Test
    void indicesOutsideTheTableAreRefusedNamingTheLayer() {
        Embedding embedding = new Embedding(6, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(Nd4j.createFromArray(0, 7)));
        assertTrue(e.getMessage().startsWith("Embedding(6, 4): gather: indices range over [0, 7]"), e.getMessage());
    }

    @Test
    void aTensorOfIntegerIndicesWorksLikeTheArray() {
        Embedding embedding = new Embedding(6, 4, 1);
        assertEquals(embedding.forward(WINDOWS).value(), embedding.forward(Tensor.of(WINDOWS)).value());
    }

    @Test
    void floatIndicesAreRefusedWithAHint() {
        Embedding embedding = new Embedding(6, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(Tensor.of(Nd4j.ones(DataType.FLOAT, 2, 3))));
        assertTrue(e.getMessage().contains("Embedding(6, 4)") && e.getMessage().contains("integer")
                && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void anIndexOutsideTheVocabularyIsReportedWithTheRange() {
        Embedding embedding = new Embedding(6, 4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(Nd4j.createFromArray(1, 6)));
        assertTrue(e.getMessage().contains("[1, 6]") && e.getMessage().contains("[0, 5]"), e.getMessage());
    }
}
