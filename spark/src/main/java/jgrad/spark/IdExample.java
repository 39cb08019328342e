package jgrad.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One example of a model over integer ids (a tagger's window of word, capitalization and suffix ids; a
 * language model's context): the ids and the class to predict, as plain arrays that Spark can serialize,
 * measure and spill.
 *
 * @param ids the example's ids, flattened in the order its replica expects
 * @param label its class, 0 to classes - 1
 */
public record IdExample(int[] ids, int label) implements Serializable {

    public IdExample {
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("IdExample: ids must hold at least one id, got "
                    + (ids == null ? "null" : "[]"));
        }
        if (label < 0) {
            throw new IllegalArgumentException("IdExample: label must be >= 0, got " + label);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdExample other && label == other.label && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + label;
    }

    @Override
    public String toString() {
        return "IdExample[" + ids.length + " ids, label " + label + "]";
    }
}
