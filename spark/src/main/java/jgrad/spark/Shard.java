package jgrad.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's examples, held as a list of plain Java objects, with the global index of the first:
 * the partition holds examples {@code first} to {@code first + size() - 1} of the data set.
 */
record Shard<E>(long first, List<E> examples) implements Serializable {

    int size() {
        return examples.size();
    }

    /** The batch's examples that live here, in the batch's order (repeats included). */
    List<E> share(long[] batch) {
        List<E> out = new ArrayList<>();
        long end = first + examples.size();
        for (long index : batch) {
            if (index >= first && index < end) {
                out.add(examples.get((int) (index - first)));
            }
        }
        return out;
    }
}
