package example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.layers.Dense;
import jgrad.layers.Sequential;
import jgrad.layers.Tanh;
import jgrad.optim.Adam;
import jgrad.optim.Checkpoint;
import jgrad.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Uses jgrad the way a program of one's own would: makes a data set (points of the square [-1, 1]^2,
 * labelled 1 where x * y > 0, the XOR of their signs), trains a small network on it with shuffled
 * mini-batches, saves a checkpoint, reloads it into a fresh network, and checks that the reloaded
 * network answers exactly as the trained one and that both classify held-out points well.
 */
public final class TrainAndReload {

    private static final int EPOCHS = 40;
    private static final double REQUIRED_ACCURACY = 0.9;

    public static void main(String[] args) throws Exception {
        Random random = new Random(7);
        INDArray[] train = quadrants(2000, random);
        INDArray[] test = quadrants(500, random);

        Sequential model = network(1);
        Optimizer adam = Adam.builder(model.parameters(), 0.02).build();
        DataLoader batches = DataLoader.shuffled(new Dataset(train[0], train[1]), 50, 42, false);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (DataLoader.Batch batch : batches.epoch(epoch)) {
                try (Tape tape = Tape.record()) {
                    tape.backward(Ops.crossEntropy(model.forward(Tensor.of(batch.features())), batch.labels()));
                }
                adam.step();
                adam.zeroGrad();
            }
        }

        Path checkpoint = Files.createTempDirectory("jgrad-user-project").resolve("model.npz");
        Checkpoint.save(checkpoint, model.namedParameters(), adam);
        Sequential reloaded = network(99);        // other initial weights, replaced by the checkpoint's
        Checkpoint.load(checkpoint, reloaded.namedParameters());

        INDArray trained = logits(model, test[0]);
        INDArray restored = logits(reloaded, test[0]);
        if (!trained.equals(restored)) {
            throw new AssertionError("the reloaded network answers differently from the one that was saved");
        }
        double accuracy = accuracy(trained, test[1]);
        if (accuracy < REQUIRED_ACCURACY) {
            throw new AssertionError("test accuracy " + accuracy + " is below " + REQUIRED_ACCURACY);
        }
        System.out.printf("jgrad user project: test accuracy %.3f after %d epochs; checkpoint %s reloaded, same answers%n",
                accuracy, EPOCHS, checkpoint.getFileName());
        Files.delete(checkpoint);
        Files.delete(checkpoint.getParent());
    }

    /** A 2-16-2 network with tanh hidden units; the seed draws its initial weights. */
    private static Sequential network(long seed) {
        return new Sequential(new Dense(2, 16, seed), new Tanh(), new Dense(16, 2, seed + 1));
    }

    /** n points [n, 2] drawn uniformly from [-1, 1]^2, and their labels [n]: 1 where x * y > 0, else 0. */
    private static INDArray[] quadrants(int n, Random random) {
        float[][] points = new float[n][2];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            points[i][0] = 2 * random.nextFloat() - 1;
            points[i][1] = 2 * random.nextFloat() - 1;
            labels[i] = points[i][0] * points[i][1] > 0 ? 1 : 0;
        }
        return new INDArray[] {Nd4j.createFromArray(points), Nd4j.createFromArray(labels)};
    }

    /** The network's outputs for the points, computed without recording, copied out of the step. */
    private static INDArray logits(Sequential model, INDArray points) {
        try (Tape scope = Tape.noGrad()) {
            return model.forward(Tensor.of(points)).value().dup();
        }
    }

    private static double accuracy(INDArray logits, INDArray labels) {
        INDArray predicted = Nd4j.argMax(logits, 1);
        return predicted.eq(labels).castTo(DataType.INT64).sumNumber().doubleValue() / labels.length();
    }
}
