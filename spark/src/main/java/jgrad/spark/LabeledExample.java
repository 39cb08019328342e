package jgrad.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One example of a classifier: its features and its class, as plain arrays that Spark can serialize,
 * measure and spill.
 *
 * @param features the example's features, flattened (e.g. 784 pixels)
 * @param label its class, 0 to classes - 1
 */
public record LabeledExample(float[] features, int label) implements Serializable {

    public LabeledExample {
        if (features == null || features.length == 0) {
            throw new IllegalArgumentException("LabeledExample: features must hold at least one value, got "
                    + (features == null ? "null" : "[]"));
        }
        if (label < 0) {
            throw new IllegalArgumentException("LabeledExample: label must be >= 0, got " + label);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabeledExample other && label == other.label && Arrays.equals(features, other.features);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + label;
    }

    @Override
    public String toString() {
        return "LabeledExample[" + features.length + " features, label " + label + "]";
    }
}
