package jgrad.examples.bench;

import java.util.List;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The benchmark MLP on the tensor engine, in float32: {@code logits = sigmoid(x w1 + b1) w2 + b2} with x
 * [batch, inputs], w1 [inputs, hidden], b1 [hidden], w2 [hidden, classes], b2 [classes]; the loss is
 * {@link Ops#crossEntropy} (the mean over the batch), and SGD updates each parameter in place by
 * {@code p -= learningRate * grad}.
 */
public final class TensorMlp {

    private final MlpWeights initial;
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;
    private final List<Parameter> parameters;

    public TensorMlp(MlpWeights weights) {
        this.initial = weights;
        this.w1 = Tensor.param(Nd4j.createFromArray(weights.w1()));
        this.b1 = Tensor.param(Nd4j.createFromArray(weights.b1()));
        this.w2 = Tensor.param(Nd4j.createFromArray(weights.w2()));
        this.b2 = Tensor.param(Nd4j.createFromArray(weights.b2()));
        this.parameters = List.of(w1, b1, w2, b2);
    }

    /**
     * Runs {@code steps} SGD steps over the images in order, {@code batchSize} at a time (wrapping
     * around), each loss measured before its step's update. Continues from the weights left by earlier
     * calls. Copying the images into one array happens before the clock starts.
     *
     * @param images pixel values in [0, 1], {@code inputs} per image
     * @param labels the class of each image
     */
    public TrainingRun train(float[][] images, int[] labels, int steps, int batchSize, double learningRate) {
        initial.checkData("TensorMlp", images, labels);
        if (batchSize < 1 || batchSize > images.length) {
            throw new IllegalArgumentException("TensorMlp: batch size " + batchSize + " for " + images.length
                    + " images; expected 1 to " + images.length);
        }
        INDArray data = Nd4j.createFromArray(images);
        INDArray classes = Nd4j.createFromArray(labels).reshape(labels.length, 1); // a matrix, so that rows() serves both
        double[] losses = new double[steps];
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            int first = (int) ((long) step * batchSize % images.length);
            INDArray x = rows(data, first, batchSize);
            INDArray y = rows(classes, first, batchSize).reshape(batchSize);
            try (Tape tape = Tape.record()) {
                Tensor hidden = Tensor.of(x).matmul(w1).add(b1).sigmoid();
                Tensor loss = Ops.crossEntropy(hidden.matmul(w2).add(b2), y);
                tape.backward(loss);
                losses[step] = loss.item();
            }
            for (Parameter p : parameters) {
                // p -= learningRate * grad as one BLAS axpy: one native call instead of a scale and a subtract.
                Nd4j.getBlasWrapper().level1().axpy(p.value().length(), -learningRate, p.grad(), p.value());
                p.zeroGrad();
            }
        }
        return new TrainingRun("tensor engine, batch " + batchSize, losses, System.nanoTime() - start);
    }

    /**
     * Rows first .. first + count - 1 of a matrix, wrapping past the end: a view when they do not wrap,
     * else one concatenation of views (which, unlike {@code getRows}, does not copy row by row: at
     * batch 128 over 1,000 images a {@code getRows} of the wrapping batch took a fifth of the epoch).
     */
    private static INDArray rows(INDArray m, int first, int count) {
        long n = m.size(0);
        if (first + count <= n) {
            return m.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all());
        }
        if (count > n) {
            throw new IllegalArgumentException("TensorMlp: " + count + " rows of a matrix of " + n);
        }
        long rest = first + count - n;
        return Nd4j.concat(0, m.get(NDArrayIndex.interval(first, n), NDArrayIndex.all()),
                m.get(NDArrayIndex.interval(0, rest), NDArrayIndex.all()));
    }

    /** The current weights, as float32 copies. */
    public MlpWeights weights() {
        return MlpWeights.of(w1.value(), b1.value(), w2.value(), b2.value());
    }
}
