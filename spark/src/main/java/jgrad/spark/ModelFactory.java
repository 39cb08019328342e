package jgrad.spark;

import java.io.Serializable;
import jgrad.layers.Layer;

/** Builds a model; serializable, so that a lambda such as {@code () -> MnistModel.MLP.create(1)} can travel to executors. */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    Layer create();
}
