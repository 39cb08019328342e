package jgrad.layers;

import jgrad.core.Tensor;

/** The elementwise activation x clipped to [-1, 1]; no parameters. Input any shape; output the same shape. */
public class HardTanh extends Layer {

    /** x [...] → x clipped to [-1, 1] [...]. */
    @Override
    public Tensor forward(Tensor x) {
        return x.hardtanh();
    }

    @Override
    protected HardTanh newReplica(Replication replica) {
        return new HardTanh();
    }
}
