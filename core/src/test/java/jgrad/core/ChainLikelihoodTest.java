package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ChainLikelihoodTest {

    private static final int[] LENGTHS = {1, 2, 3, 4, 5};

    private static INDArray random(Random rng, double spread, int... shape) {
        long[] longs = new long[shape.length];
        int n = 1;
        for (int k = 0; k < shape.length; k++) {
            longs[k] = shape[k];
            n *= shape[k];
        }
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = spread * (2 * rng.nextDouble() - 1);
        }
        return Nd4j.createFromArray(values).reshape('c', longs);
    }

    private static int[] randomTags(Random rng, int tokens, int tags) {
        int[] out = new int[tokens];
        for (int t = 0; t < tokens; t++) {
            out[t] = rng.nextInt(tags);
        }
        return out;
    }

    private static int sum(int[] lengths) {
        int total = 0;
        for (int length : lengths) {
            total += length;
        }
        return total;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 12})
    void negLogLikelihoodBackwardMatchesFiniteDifferencesForEveryInput(int tags) {
        Random rng = new Random(tags);
        int tokens = sum(LENGTHS);
        int[] gold = randomTags(rng, tokens, tags);
        GradCheck.Result result = GradCheck.check(
                in -> Ops.chainNegLogLikelihood(in.get(0), in.get(1), in.get(2), gold, LENGTHS),
                random(rng, 2, tokens, tags), random(rng, 2, tags, tags), random(rng, 2, tags));
        assertTrue(result.maxError() < 1e-6, result.toString());
    }

    @Test
    void gradientsAddUpWhenTheLossIsUsedTwice() {
        Random rng = new Random(5);
        int tags = 3;
        int[] lengths = {2, 3};
        int[] gold = randomTags(rng, 5, tags);
        GradCheck.Result result = GradCheck.check(in -> Ops.chainNegLogLikelihood(in.get(0), in.get(1), in.get(2), gold, lengths)
                .add(Ops.chainNegLogLikelihood(in.get(0).mul(2), in.get(1), in.get(2), gold, lengths)),
                random(rng, 1, 5, tags), random(rng, 1, tags, tags), random(rng, 1, tags));
        assertTrue(result.maxError() < 1e-6, result.toString());
    }

    /** log Z - s(gold) with Z summed over all T^n paths, for one sentence: the definition, by brute force. */
    private static double bruteForce(double[][] e, double[][] a, double[] s, int[] gold) {
        int n = e.length;
        int tags = s.length;
        int paths = (int) Math.pow(tags, n);
        double[] scores = new double[paths];
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < paths; p++) {
            int[] path = new int[n];
            for (int t = 0, code = p; t < n; t++, code /= tags) {
                path[t] = code % tags;
            }
            scores[p] = score(e, a, s, path);
            max = Math.max(max, scores[p]);
        }
        double sum = 0;
        for (double score : scores) {
            sum += Math.exp(score - max);
        }
        return max + Math.log(sum) - score(e, a, s, gold);
    }

    private static double score(double[][] e, double[][] a, double[] s, int[] path) {
        double score = s[path[0]];
        for (int t = 0; t < path.length; t++) {
            score += e[t][path[t]] + (t > 0 ? a[path[t - 1]][path[t]] : 0);
        }
        return score;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 30, 1000})
    void negLogLikelihoodIsTheLogSumOverAllPathsMinusTheGoldScore(double spread) {
        Random rng = new Random(11);
        for (int tags = 1; tags <= 4; tags++) {
            int tokens = sum(LENGTHS);
            INDArray e = random(rng, spread, tokens, tags);
            // Transitions within the op's range; emissions of any size (1000 would overflow a naive exp).
            INDArray a = random(rng, Math.min(spread, 200), tags, tags);
            INDArray s = random(rng, spread, tags);
            int[] gold = randomTags(rng, tokens, tags);
            double[] nll = Ops.chainNegLogLikelihood(Tensor.of(e), Tensor.of(a), Tensor.of(s), gold, LENGTHS).value().toDoubleVector();
            int offset = 0;
            for (int k = 0; k < LENGTHS.length; k++) {
                int n = LENGTHS[k];
                double[][] rows = new double[n][];
                int[] sentenceGold = new int[n];
                for (int t = 0; t < n; t++) {
                    rows[t] = e.getRow(offset + t).toDoubleVector();
                    sentenceGold[t] = gold[offset + t];
                }
                double expected = bruteForce(rows, a.toDoubleMatrix(), s.toDoubleVector(), sentenceGold);
                assertEquals(expected, nll[k], 1e-9 * Math.max(1, Math.abs(expected)),
                        "sentence " + k + " of length " + n + ", " + tags + " tags, scores up to " + spread);
                assertTrue(nll[k] >= -1e-12 * Math.max(1, Math.abs(expected)), "a probability is at most 1, to rounding: " + nll[k]);
                offset += n;
            }
        }
    }

    @Test
    void float32ScoresGiveTheFloat64ValueRounded() {
        Random rng = new Random(3);
        INDArray e = random(rng, 3, 6, 4);
        INDArray a = random(rng, 3, 4, 4);
        INDArray s = random(rng, 3, 4);
        int[] gold = {0, 1, 2, 3, 0, 1};
        int[] lengths = {4, 2};
        double[] exact = Ops.chainNegLogLikelihood(Tensor.of(e), Tensor.of(a), Tensor.of(s), gold, lengths).value().toDoubleVector();
        INDArray single = Ops.chainNegLogLikelihood(Tensor.of(e.castTo(DataType.FLOAT)), Tensor.of(a.castTo(DataType.FLOAT)),
                Tensor.of(s.castTo(DataType.FLOAT)), gold, lengths).value();
        assertEquals(DataType.FLOAT, single.dataType());
        assertEquals(exact[0], single.getDouble(0), 1e-5 * Math.abs(exact[0]));
        assertEquals(exact[1], single.getDouble(1), 1e-5 * Math.abs(exact[1]));
    }

    @Test
    void misuseIsRefusedWithTheValuesReceived() {
        Tensor e = Tensor.of(Nd4j.zeros(DataType.DOUBLE, 3, 2));
        Tensor a = Tensor.of(Nd4j.zeros(DataType.DOUBLE, 2, 2));
        Tensor s = Tensor.of(Nd4j.zeros(DataType.DOUBLE, 2));
        String lengths = assertThrows(IllegalArgumentException.class,
                () -> Ops.chainNegLogLikelihood(e, a, s, new int[] {0, 1, 1}, new int[] {2, 2})).getMessage();
        assertTrue(lengths.contains("add up to 4") && lengths.contains("3 tokens"), lengths);
        String tag = assertThrows(IllegalArgumentException.class,
                () -> Ops.chainNegLogLikelihood(e, a, s, new int[] {0, 2, 1}, new int[] {3})).getMessage();
        assertTrue(tag.contains("tag 2 at token 1") && tag.contains("[0, 1]"), tag);
        String shape = assertThrows(IllegalArgumentException.class, () -> Ops.chainNegLogLikelihood(e,
                Tensor.of(Nd4j.zeros(DataType.DOUBLE, 3, 3)), s, new int[] {0, 1, 1}, new int[] {3})).getMessage();
        assertTrue(shape.contains("[3, 3]") && shape.contains("expected [tokens, T], [T, T] and [T]"), shape);
        INDArray wide = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        wide.putScalar(0, 1, -700);
        String spread = assertThrows(IllegalArgumentException.class,
                () -> Ops.chainNegLogLikelihood(e, Tensor.of(wide), s, new int[] {0, 1, 1}, new int[] {3})).getMessage();
        assertTrue(spread.contains("[-700.0, 0.0]"), spread);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HALF", "BFLOAT16"})
    void halfPrecisionScoresAreRefusedByNameOfTheOpAndType(String name) {
        DataType type = DataType.valueOf(name);
        String message = assertThrows(IllegalArgumentException.class, () -> Ops.chainNegLogLikelihood(
                Tensor.of(Nd4j.zeros(type, 3, 2)), Tensor.of(Nd4j.zeros(type, 2, 2)), Tensor.of(Nd4j.zeros(type, 2)),
                new int[] {0, 1, 1}, new int[] {3})).getMessage();
        assertTrue(message.startsWith("chainNegLogLikelihood: ") && message.contains("FLOAT or DOUBLE")
                && message.contains(name), message);
    }
}
