package jgrad.layers;

import jgrad.core.Tensor;

/** The elementwise activation max(x, 0); no parameters. Input any shape; output the same shape. */
public class ReLU extends Layer {

    /** x [...] → max(x, 0) [...]. */
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    @Override
    protected ReLU newReplica(Replication replica) {
        return new ReLU();
    }
}
