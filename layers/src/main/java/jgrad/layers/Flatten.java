package jgrad.layers;

import java.util.Arrays;
import jgrad.core.Tensor;

/**
 * Keeps the batch axis and joins the others, in row-major order: the bridge from convolutions (or
 * windows of embeddings) to a {@link Dense} layer; no parameters.
 *
 * <p>Input [batch, d1, d2, ...]; output [batch, d1 d2 ...]. A view when the input is contiguous.
 */
public class Flatten extends Layer {

    /** x [batch, d1, ..., dk] → [batch, d1 ... dk]. */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("Flatten: expected input [batch, ...] of rank 2 or more, got "
                    + Arrays.toString(x.shape()));
        }
        return x.rank() == 2 ? x : x.reshape(x.shape()[0], -1);
    }

    @Override
    protected Flatten newReplica(Replication replica) {
        return new Flatten();
    }
}
