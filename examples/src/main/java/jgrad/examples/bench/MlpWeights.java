package jgrad.examples.bench;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The initial weights of an inputs-hidden-classes MLP, shared by both benchmark engines so that they
 * start from the same point: w1 [inputs][hidden], b1 [hidden], w2 [hidden][classes], b2 [classes], applied
 * as {@code logits = sigmoid(x w1 + b1) w2 + b2}. The arrays are copied in and never changed.
 */
public record MlpWeights(float[][] w1, float[] b1, float[][] w2, float[] b2) {

    public MlpWeights {
        if (w1.length == 0 || w1[0].length == 0 || w2.length == 0 || w2[0].length == 0) {
            throw new IllegalArgumentException("MlpWeights: empty weight matrix");
        }
        checkMatrix("w1", w1, w1[0].length);
        checkMatrix("w2", w2, w2[0].length);
        if (w2.length != w1[0].length) {
            throw new IllegalArgumentException("MlpWeights: w1 has " + w1[0].length + " hidden columns but w2 has "
                    + w2.length + " rows; they must match");
        }
        if (b1.length != w1[0].length || b2.length != w2[0].length) {
            throw new IllegalArgumentException("MlpWeights: biases of sizes " + b1.length + " and " + b2.length
                    + " do not match layers of widths " + w1[0].length + " and " + w2[0].length);
        }
        w1 = copy(w1);
        b1 = b1.clone();
        w2 = copy(w2);
        b2 = b2.clone();
    }

    /** Weights drawn uniformly in +-1/sqrt(fan in), as PyTorch's Linear does, with zero biases. */
    public static MlpWeights random(int inputs, int hidden, int classes, long seed) {
        Random random = new Random(seed);
        return new MlpWeights(uniform(inputs, hidden, random), new float[hidden], uniform(hidden, classes, random), new float[classes]);
    }

    /** The weights held in ND4J arrays of the shapes above (any floating-point type). */
    public static MlpWeights of(INDArray w1, INDArray b1, INDArray w2, INDArray b2) {
        return new MlpWeights(w1.castTo(DataType.FLOAT).toFloatMatrix(), b1.castTo(DataType.FLOAT).toFloatVector(),
                w2.castTo(DataType.FLOAT).toFloatMatrix(), b2.castTo(DataType.FLOAT).toFloatVector());
    }

    public int inputs() {
        return w1.length;
    }

    public int hidden() {
        return w1[0].length;
    }

    public int classes() {
        return w2[0].length;
    }

    /** Checks that images and labels fit this network: one label per image, pixels per input, labels per class. */
    void checkData(String engine, float[][] images, int[] labels) {
        if (images.length == 0 || images.length != labels.length) {
            throw new IllegalArgumentException(engine + ": " + images.length + " images and " + labels.length
                    + " labels; expected the same number, at least one");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != inputs()) {
                throw new IllegalArgumentException(engine + ": image " + i + " has " + images[i].length
                        + " pixels, the network takes " + inputs());
            }
            if (labels[i] < 0 || labels[i] >= classes()) {
                throw new IllegalArgumentException(engine + ": label " + i + " is " + labels[i] + ", expected a class in [0, "
                        + (classes() - 1) + "]");
            }
        }
    }

    private static float[][] uniform(int rows, int columns, Random random) {
        float bound = (float) (1 / Math.sqrt(rows));
        float[][] m = new float[rows][columns];
        for (float[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = (2 * random.nextFloat() - 1) * bound;
            }
        }
        return m;
    }

    private static void checkMatrix(String name, float[][] m, int columns) {
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != columns) {
                throw new IllegalArgumentException("MlpWeights: row " + i + " of " + name + " has " + m[i].length
                        + " entries, row 0 has " + columns);
            }
        }
    }

    private static float[][] copy(float[][] m) {
        float[][] c = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
