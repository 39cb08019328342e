package jgrad.layers;

import jgrad.core.Tensor;

/** The elementwise activation tanh x; no parameters. Input any shape; output the same shape. */
public class Tanh extends Layer {

    /** x [...] → tanh x [...]. */
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    @Override
    protected Tanh newReplica(Replication replica) {
        return new Tanh();
    }
}
