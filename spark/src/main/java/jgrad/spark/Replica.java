package jgrad.spark;

import java.io.Serializable;
import java.util.List;
import jgrad.core.Tensor;
import jgrad.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an executor needs to compute gradients: how to build a copy of the model, how to turn examples
 * into arrays, and their loss. It travels to the executors inside Spark's tasks, so it must be
 * serializable and small (a recipe, not the weights: every step overwrites a replica's parameters with
 * the driver's).
 *
 * @param <E> one training example, as plain Java arrays (never an INDArray: Spark cannot see, size or
 *     spill off-heap memory)
 */
public interface Replica<E> extends Serializable {

    /**
     * A new model with the same architecture and parameter names as the driver's. Its initial values do
     * not matter. Called once per concurrent task slot of an executor; the model is reused after.
     */
    Layer newModel();

    /**
     * The examples of one task's share of a step as the arrays {@link #lossSum} takes (features, labels,
     * ...). The task closes them when its step is over, so that off-heap memory does not wait for the
     * garbage collector.
     *
     * @param examples at least one example, in the order of the global batch
     */
    INDArray[] arrays(List<E> examples);

    /**
     * The <b>sum</b> (not the mean) of the losses of the examples in {@code arrays}, computed with
     * {@code model} on the tape the caller has open. Sums over partitions add up to the sum over the
     * global batch; the driver divides by the global batch size, so the step equals a mean-loss step on
     * one machine.
     */
    Tensor lossSum(Layer model, INDArray[] arrays);
}
