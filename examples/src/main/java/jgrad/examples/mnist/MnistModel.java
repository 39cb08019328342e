package jgrad.examples.mnist;

import java.util.Random;
import jgrad.core.Tensor;
import jgrad.data.Mnist;
import jgrad.layers.Conv2D;
import jgrad.layers.Dense;
import jgrad.layers.Flatten;
import jgrad.layers.Init;
import jgrad.layers.MaxPool2D;
import jgrad.layers.Layer;
import jgrad.layers.ReLU;
import jgrad.layers.Replication;
import jgrad.layers.Sequential;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The two networks {@code jgrad mnist} trains. Both take flat images [batch, 784] and give logits
 * [batch, 10], so the training loop, the evaluation and the checkpoints are the same for both.
 *
 * <p>Weights of layers followed by ReLU start He uniform, the output layer Glorot uniform, all drawn
 * in order from one {@code new Random(seed)}; biases start at zero.
 */
public enum MnistModel {

    /** 784-512-256-10 with ReLU: [batch, 784] → [batch, 10]. */
    MLP {
        @Override
        Sequential build(Random rng) {
            return new Sequential(
                    dense(784, 512, Init.heUniform(), rng), new ReLU(),
                    dense(512, 256, Init.heUniform(), rng), new ReLU(),
                    dense(256, Mnist.CLASSES, Init.glorotUniform(), rng));
        }
    },

    /**
     * LeNet-style: [batch, 784] → [batch, 1, 28, 28] → conv 5x5 1→20, max-pool 2, ReLU → [batch, 20, 12, 12]
     * → conv 5x5 20→50, max-pool 2, ReLU → [batch, 50, 4, 4] → flatten [batch, 800] → dense 800→500, ReLU
     * → dense 500→10.
     *
     * <p>Each ReLU runs after its max-pool rather than before: max(0, max of a window) is the max of the
     * rectified window, and the gradients agree too (a window whose maximum is not positive passes none
     * either way), so the network is the same function, with its ReLU on a quarter of the elements
     * (forward + backward 1.4 ms against 0.4 at batch 64 for the first).
     */
    CNN {
        @Override
        Sequential build(Random rng) {
            return new Sequential(
                    new ToImages(),
                    conv(1, 20, rng), new MaxPool2D(2), new ReLU(),
                    conv(20, 50, rng), new MaxPool2D(2), new ReLU(),
                    new Flatten(),
                    dense(800, 500, Init.heUniform(), rng), new ReLU(),
                    dense(500, Mnist.CLASSES, Init.glorotUniform(), rng));
        }
    };

    /** The network in a few words, for titles: its layer widths, or its kind. */
    public String title() {
        return this == MLP ? "MLP 784-512-256-10" : "LeNet-style CNN";
    }

    /** A new float32 network with weights drawn from the seed. */
    public Sequential create(long seed) {
        return build(new Random(seed));
    }

    private static final int KERNEL = 5;

    /** The network, its layers' weights drawn from {@code rng} in order. */
    abstract Sequential build(Random rng);

    /** A float32 dense layer with a bias, its weight drawn by {@code init} from {@code rng}. */
    private static Dense dense(long in, long out, Init init, Random rng) {
        return new Dense(in, out, true, DataType.FLOAT, init, rng);
    }

    /** A float32 {@value #KERNEL}x{@value #KERNEL} convolution with a bias, stride 1, no padding, He uniform from {@code rng}. */
    private static Conv2D conv(long in, long out, Random rng) {
        return new Conv2D(in, out, KERNEL, 1, 0, true, DataType.FLOAT, Init.heUniform(), rng);
    }

    /** Flat images back to their grid, a view: [batch, 784] → [batch, 1, 28, 28]; no parameters. */
    static final class ToImages extends Layer {
        @Override
        public Tensor forward(Tensor x) {
            if (x.rank() != 2 || x.shape()[1] != Mnist.PIXELS) {
                throw new IllegalArgumentException("ToImages: expected flat images [batch, " + Mnist.PIXELS + "], got "
                        + java.util.Arrays.toString(x.shape()));
            }
            return x.reshape(x.shape()[0], 1, Mnist.SIDE, Mnist.SIDE);
        }

        @Override
        protected ToImages newReplica(Replication replica) {
            return new ToImages();
        }
    }
}
