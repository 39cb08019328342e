package jgrad.layers;

import jgrad.core.Tensor;

/** The elementwise activation 1 / (1 + e^-x); no parameters. Input any shape; output the same shape. */
public class Sigmoid extends Layer {

    /** x [...] → 1 / (1 + e^-x) [...]. */
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    @Override
    protected Sigmoid newReplica(Replication replica) {
        return new Sigmoid();
    }
}
