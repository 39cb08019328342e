package jgrad.layers;

import java.util.List;
import jgrad.core.Tensor;

/**
 * Layers applied one after another, each to the previous one's output; its children are named
 * {@code 0}, {@code 1}, {@code 2}... in order, so parameters read {@code 0.weight}, {@code 2.bias}.
 *
 * <p>Input: what the first module takes; output: what the last one gives (the identity when empty).
 *
 * <pre>{@code
 * Layer mlp = new Sequential(new Dense(784, 128, 1), new ReLU(), new Dense(128, 10, 2));
 * }</pre>
 */
public class Sequential extends Layer {

    private int size;

    public Sequential(Layer... modules) {
        for (Layer module : modules) {
            add(module);
        }
    }

    /** Appends a module, named by its position; returns this. */
    public Sequential add(Layer module) {
        child(Integer.toString(size), module);
        size++;
        return this;
    }

    /** The module at {@code index}. */
    public Layer get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Sequential: index " + index + " out of range for " + size + " modules");
        }
        return children().get(Integer.toString(index));
    }

    public int size() {
        return size;
    }

    /** The modules, in order. */
    public List<Layer> modules() {
        return List.copyOf(children().values());
    }

    /** x → the last module's forward of ... of the first module's forward of x. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x;
        for (Layer module : children().values()) {
            out = module.forward(out);
        }
        return out;
    }

    /** The replicas of the modules, in order. */
    @Override
    protected Sequential newReplica(Replication replica) {
        Sequential copy = new Sequential();
        for (Layer module : children().values()) {
            copy.add(replica.of(module));
        }
        return copy;
    }
}
