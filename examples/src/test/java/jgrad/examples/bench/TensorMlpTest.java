package jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorMlpTest {

    @Test
    void aBatchOfTheWholeSetLearnsItAndBatchesWrapAroundTheEnd() {
        Random random = new Random(5);
        float[][] images = new float[6][20];
        int[] labels = new int[6];
        for (int n = 0; n < 6; n++) {
            for (int i = 0; i < 20; i++) {
                images[n][i] = random.nextFloat();
            }
            labels[n] = n % 3;
        }
        MlpWeights weights = MlpWeights.random(20, 8, 3, 2);
        TrainingRun whole = new TensorMlp(weights).train(images, labels, 300, 6, 0.5);
        assertTrue(whole.losses()[299] < 0.5 * whole.losses()[0], "loss " + whole.losses()[0] + " -> " + whole.losses()[299]);

        // Batches of 4 over 6 images: the second batch is images 4, 5, 0, 1.
        TrainingRun wrapped = new TensorMlp(weights).train(images, labels, 2, 4, 0.0);
        float[][] reordered = {images[4], images[5], images[0], images[1]};
        int[] reorderedLabels = {labels[4], labels[5], labels[0], labels[1]};
        TrainingRun direct = new TensorMlp(weights).train(reordered, reorderedLabels, 1, 4, 0.0);
        assertEquals(direct.losses()[0], wrapped.losses()[1], 1e-6);
    }

    @Test
    void weightsReadBackAsTheyWereGivenBeforeTraining() {
        MlpWeights weights = MlpWeights.random(5, 4, 3, 9);
        MlpWeights back = new TensorMlp(weights).weights();
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(weights.w1()[i], back.w1()[i]);
        }
        assertArrayEquals(weights.b2(), back.b2());
    }
}
