package example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.layers.Conv2D;
import jgrad.layers.Dense;
import jgrad.layers.Flatten;
import jgrad.layers.MaxPool2D;
import jgrad.layers.ReLU;
import jgrad.layers.Replicas;
import jgrad.layers.Sequential;
import jgrad.layers.Tanh;
import jgrad.optim.Adam;
import jgrad.optim.Checkpoint;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Uses jgrad the way a program of one's own would: makes a data set (points of the square [-1, 1]^2,
 * labelled 1 where x * y > 0, the XOR of their signs), trains a small network on it with shuffled
 * mini-batches, saves a checkpoint, reloads it into a fresh network, and checks that the reloaded
 * network answers exactly as the trained one and that both classify held-out points well. Then it trains
 * the MNIST CNN's architecture for a few steps on made-up images through {@link Replicas}, as the README
 * shows: no replica count and no arithmetic, and the loss must fall.
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
        String cnn = trainCnnThroughReplicas();
        System.out.printf("jgrad user project: test accuracy %.3f after %d epochs; checkpoint %s reloaded, same answers; %s%n",
                accuracy, EPOCHS, checkpoint.getFileName(), cnn);
        Files.delete(checkpoint);
        Files.delete(checkpoint.getParent());
    }

    private static final int CNN_STEPS = 6;
    private static final int CNN_BATCH = 128;

    /**
     * Trains the MNIST CNN (conv 5x5 1-20, pool, conv 5x5 20-50, pool, dense 800-500-2) for a few steps on
     * images [128, 1, 28, 28] whose class is the brighter half, left or right, with the replicas that
     * {@link Replicas#of} chooses; says how many, and the first and last losses.
     */
    private static String trainCnnThroughReplicas() {
        Sequential cnn = new Sequential(
                new Conv2D(1, 20, 5, 1, 0, 1), new MaxPool2D(2), new ReLU(),
                new Conv2D(20, 50, 5, 1, 0, 2), new MaxPool2D(2), new ReLU(),
                new Flatten(), new Dense(800, 500, 3), new ReLU(), new Dense(500, 2, 4));
        Random random = new Random(11);
        float[][][][] pixels = new float[CNN_BATCH][1][28][28];
        long[] labels = new long[CNN_BATCH];
        for (int i = 0; i < CNN_BATCH; i++) {
            labels[i] = i % 2;
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    boolean bright = (c < 14) == (labels[i] == 0);
                    pixels[i][0][r][c] = random.nextFloat() * (bright ? 1f : 0.5f);
                }
            }
        }
        INDArray images = Nd4j.createFromArray(pixels);
        INDArray classes = Nd4j.createFromArray(labels);
        Optimizer sgd = SGD.builder(cnn.parameters(), 0.05).momentum(0.9).build();
        double first = 0;
        double last = 0;
        int replicas;
        try (Replicas<Sequential> parallel = Replicas.of(cnn)) {
            for (int step = 0; step < CNN_STEPS; step++) {
                last = parallel.gradients(CNN_BATCH, (replica, from, to) -> Ops.crossEntropy(
                        replica.forward(Tensor.of(images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(),
                                NDArrayIndex.all(), NDArrayIndex.all()))),
                        classes.get(NDArrayIndex.interval(from, to))));
                sgd.step();
                sgd.zeroGrad();
                first = step == 0 ? last : first;
            }
            replicas = parallel.count();
        }
        if (!(last < first)) {
            throw new AssertionError("the CNN's loss did not fall in " + CNN_STEPS + " steps: " + first + " then " + last);
        }
        return String.format("CNN through Replicas: %d replica%s, loss %.3f to %.3f in %d steps", replicas,
                replicas == 1 ? "" : "s", first, last, CNN_STEPS);
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
