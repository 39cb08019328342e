package jgrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import jgrad.core.GradCheck;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearChainTest {

    private static double score(double[] e, double[] a, double[] s, int tags, int offset, int[] path) {
        double score = s[path[0]];
        for (int t = 0; t < path.length; t++) {
            score += e[(offset + t) * tags + path[t]] + (t > 0 ? a[path[t - 1] * tags + path[t]] : 0);
        }
        return score;
    }

    /**
     * The best of all T^n paths; of equal ones the path that is smallest read from its last tag back to
     * its first (the order decode promises).
     */
    private static int[] bruteForce(double[] e, double[] a, double[] s, int tags, int offset, int n) {
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int paths = (int) Math.pow(tags, n);
        for (int p = 0; p < paths; p++) {
            // Code p counts with the last tag as its most significant digit: ascending p is the promised order.
            int[] path = new int[n];
            for (int t = 0, code = p; t < n; t++, code /= tags) {
                path[t] = code % tags;
            }
            double score = score(e, a, s, tags, offset, path);
            if (best == null || score > bestScore) {
                best = path;
                bestScore = score;
            }
        }
        return best;
    }

    private static INDArray values(double[] values, long... shape) {
        return Nd4j.createFromArray(values).reshape('c', shape);
    }

    private static void assertDecodesLikeBruteForce(Random rng, int tags, int[] lengths, boolean smallIntegers) {
        int tokens = 0;
        for (int length : lengths) {
            tokens += length;
        }
        double[] e = new double[tokens * tags];
        double[] a = new double[tags * tags];
        double[] s = new double[tags];
        for (double[] array : new double[][] {e, a, s}) {
            for (int k = 0; k < array.length; k++) {
                array[k] = smallIntegers ? rng.nextInt(2) : 4 * rng.nextDouble() - 2;
            }
        }
        LinearChain chain = new LinearChain(tags, DataType.DOUBLE);
        chain.transitions().value().assign(values(a, tags, tags));
        chain.start().value().assign(values(s, tags));
        int[] decoded = chain.decode(values(e, tokens, tags), lengths);
        int offset = 0;
        for (int length : lengths) {
            int[] expected = bruteForce(e, a, s, tags, offset, length);
            int[] got = java.util.Arrays.copyOfRange(decoded, offset, offset + length);
            assertArrayEquals(expected, got, "sentence of " + length + " words, " + tags + " tags, scores "
                    + (smallIntegers ? "0 or 1 (many ties)" : "random"));
            offset += length;
        }
    }

    @Test
    void decodeFindsTheBestOfAllPathsOfShortSentences() {
        Random rng = new Random(1);
        for (int tags = 1; tags <= 4; tags++) {
            for (int trial = 0; trial < 20; trial++) {
                assertDecodesLikeBruteForce(rng, tags, new int[] {1, 2, 3, 4, 5}, false);
            }
        }
    }

    @Test
    void decodeBreaksTiesTowardsTheLowestTagsFromTheEndBack() {
        Random rng = new Random(2);
        for (int tags = 1; tags <= 4; tags++) {
            for (int trial = 0; trial < 40; trial++) {
                assertDecodesLikeBruteForce(rng, tags, new int[] {5, 3, 1, 4}, true);
            }
        }
        LinearChain flat = new LinearChain(3, DataType.FLOAT);
        assertArrayEquals(new int[] {0, 0, 0, 0}, flat.decode(Nd4j.zeros(DataType.FLOAT, 4, 3), new int[] {4}));
    }

    @Test
    void transitionsCanOverruleTheEmissions() {
        LinearChain chain = new LinearChain(2, DataType.DOUBLE);
        // Tag 1 may never follow tag 0: the second word's slight preference for 1 loses.
        chain.transitions().value().assign(values(new double[] {0, -10, 0, 0}, 2, 2));
        INDArray emissions = values(new double[] {5, 0, 0, 1}, 2, 2);
        assertArrayEquals(new int[] {0, 0}, chain.decode(emissions, new int[] {2}));
        assertArrayEquals(new int[] {0, 1}, new LinearChain(2, DataType.DOUBLE).decode(emissions, new int[] {2}));
    }

    @Test
    void lossIsTheMeanPerWordAndItsGradientsMatchFiniteDifferences() {
        int tags = 3;
        int[] lengths = {2, 1, 3};
        int[] gold = {0, 2, 1, 1, 0, 2};
        LinearChain chain = new LinearChain(tags, DataType.DOUBLE);
        chain.transitions().value().assign(Nd4j.rand(DataType.DOUBLE, tags, tags));
        chain.start().value().assign(Nd4j.rand(DataType.DOUBLE, tags));
        Tensor emissions = Tensor.param(Nd4j.rand(DataType.DOUBLE, 6, tags));
        double perSentence = chain.negLogLikelihood(emissions, gold, lengths).sum().item();
        assertEquals(perSentence / 6, chain.loss(emissions, gold, lengths).item(), 1e-12);
        var params = new java.util.ArrayList<>(chain.parameters());
        params.add((jgrad.core.Parameter) emissions);
        GradCheck.Result result = GradCheck.check(() -> chain.loss(emissions, gold, lengths), params);
        assertTrue(result.maxError() < 1e-6, result.toString());
        assertEquals(List.of("transitions", "start"), List.copyOf(chain.namedParameters().keySet()));
        assertEquals(tags * tags + tags, chain.parameterCount());
    }

    @Test
    void misuseNamesTheShapesAndLengths() {
        LinearChain chain = new LinearChain(3, DataType.FLOAT);
        String shape = assertThrows(IllegalArgumentException.class,
                () -> chain.decode(Nd4j.zeros(DataType.FLOAT, 4, 2), new int[] {4})).getMessage();
        assertTrue(shape.contains("[tokens, 3]") && shape.contains("[4, 2]"), shape);
        String lengths = assertThrows(IllegalArgumentException.class,
                () -> chain.decode(Nd4j.zeros(DataType.FLOAT, 4, 3), new int[] {2, 1})).getMessage();
        assertTrue(lengths.contains("add up to 3") && lengths.contains("4 tokens"), lengths);
        assertThrows(UnsupportedOperationException.class, () -> chain.forward(Tensor.of(Nd4j.zeros(DataType.FLOAT, 4, 3))));
        assertThrows(IllegalArgumentException.class, () -> new LinearChain(0, DataType.FLOAT));
    }
}
