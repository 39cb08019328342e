package jgrad.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A labelled data set held in memory: example i is row i of {@code features} with label i of
 * {@code labels}. The arrays are the data set itself, not copies; a {@link DataLoader} reads batches
 * out of them without copying the whole set.
 *
 * @param features [n, ...], any data type (MNIST's images are float32 [n, 784])
 * @param labels [n], any data type (class indices as int64 suit {@code Ops.crossEntropy})
 */
public record Dataset(INDArray features, INDArray labels) {

    /** Checks that there is one label per example. */
    public Dataset {
        if (features == null || labels == null) {
            throw new IllegalArgumentException("Dataset: features and labels must not be null, got features " + features
                    + " and labels " + labels);
        }
        if (features.rank() < 1 || labels.rank() != 1 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("Dataset: expected features [n, ...] and labels [n], got features "
                    + Arrays.toString(features.shape()) + " and labels " + Arrays.toString(labels.shape()));
        }
        if (features.size(0) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Dataset: " + features.size(0) + " examples is more than "
                    + Integer.MAX_VALUE);
        }
    }

    /** The number of examples n. */
    public int size() {
        return (int) features.size(0);
    }
}
