package jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalarMlpTest {

    /** Random images with pixels in [0, 1] and random labels. */
    private static float[][] images(int count, int pixels, Random random) {
        float[][] images = new float[count][pixels];
        for (float[] image : images) {
            for (int i = 0; i < pixels; i++) {
                image[i] = random.nextFloat();
            }
        }
        return images;
    }

    private static int[] labels(int count, int classes, Random random) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }

    @Test
    void theFirstTenLossesAgreeWithTheTensorEngineAtBatchOne() {
        Random random = new Random(3);
        float[][] images = images(4, 784, random);
        int[] labels = labels(4, 10, random);
        MlpWeights weights = MlpWeights.random(784, 32, 10, 11);
        ScalarMlp scalar = new ScalarMlp(weights);
        TrainingRun s = scalar.train(images, labels, 10, 0.1);
        TrainingRun t = new TensorMlp(weights).train(images, labels, 10, 1, 0.1);
        for (int step = 0; step < 10; step++) {
            // The scalar engine computes in float64, the tensor engine in float32.
            assertEquals(s.losses()[step], t.losses()[step], 1e-5 * Math.max(1, Math.abs(s.losses()[step])), "loss of step " + step);
        }
        assertTrue(s.losses()[8] < s.losses()[0], "the second pass over the images has a lower loss than the first");
    }

    @Test
    void theGraphHasANodePerWeightProductSumAndActivation() {
        ScalarMlp mlp = new ScalarMlp(MlpWeights.random(784, 32, 10, 1));
        int inputs = 784;
        int variables = 784 * 32 + 32 + 32 * 10 + 10;
        int products = 784 * 32 + 32 * 10;
        int sums = 32 + 10;
        int sigmoids = 32;
        assertEquals(inputs + variables + products + sums + sigmoids, mlp.size());
    }

    @Test
    void trainingRejectsImagesOfTheWrongSize() {
        ScalarMlp mlp = new ScalarMlp(MlpWeights.random(4, 3, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.train(new float[][] {{0, 1, 0}}, new int[] {1}, 1, 0.1));
        assertTrue(e.getMessage().contains("3 pixels"), e.getMessage());
    }
}
