package jgrad.spark;

import java.util.List;
import jgrad.core.Ops;
import jgrad.core.Tensor;
import jgrad.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classifier trained with softmax cross-entropy on {@link LabeledExample}s: the model maps features
 * [n, d] to logits [n, classes]; the loss of n examples is n times {@link Ops#crossEntropy}'s mean.
 *
 * @param factory builds the model (e.g. {@code () -> MnistModel.MLP.create(seed)})
 * @param featureType the data type the model's first layer expects (float32 or float64)
 */
public record ClassifierReplica(ModelFactory factory, DataType featureType) implements Replica<LabeledExample> {

    public ClassifierReplica {
        if (factory == null) {
            throw new IllegalArgumentException("ClassifierReplica: no model factory given");
        }
        if (featureType != DataType.FLOAT && featureType != DataType.DOUBLE) {
            throw new IllegalArgumentException("ClassifierReplica: features must be float32 or float64, got " + featureType);
        }
    }

    @Override
    public Layer newModel() {
        return factory.create();
    }

    /** Features [n, d] of {@link #featureType} and int64 labels [n]. */
    @Override
    public INDArray[] arrays(List<LabeledExample> examples) {
        int n = examples.size();
        int d = examples.get(0).features().length;
        float[] flat = new float[n * d];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            float[] x = examples.get(i).features();
            if (x.length != d) {
                throw new IllegalArgumentException("ClassifierReplica: example " + i + " of the batch has " + x.length
                        + " features, the first has " + d);
            }
            System.arraycopy(x, 0, flat, i * d, d);
            labels[i] = examples.get(i).label();
        }
        INDArray features = Nd4j.createFromArray(flat).reshape(n, d);
        if (featureType != DataType.FLOAT) {
            INDArray cast = features.castTo(featureType);
            features.close();
            features = cast;
        }
        return new INDArray[] {features, Nd4j.createFromArray(labels)};
    }

    @Override
    public Tensor lossSum(Layer model, INDArray[] arrays) {
        INDArray labels = arrays[1];
        return Ops.crossEntropy(model.forward(Tensor.of(arrays[0])), labels).mul(labels.length());
    }
}
