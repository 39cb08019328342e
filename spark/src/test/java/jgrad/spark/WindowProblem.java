package jgrad.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.layers.Dense;
import jgrad.layers.Embedding;
import jgrad.layers.Init;
import jgrad.layers.Layer;
import jgrad.optim.GradientClipping;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small model with a row-sparse embedding table, for the sparse-traffic tests: windows of 3 word
 * indices from a vocabulary of {@link #VOCAB} (a step of 11 windows touches at most 33 rows, so most
 * rows sit out most steps), looked up in a [vocab, 4] table with {@code sparseGrad(true)}, then a dense
 * layer to 3 classes. {@link ToyProblem}'s 37-example batches, SGD with momentum and L2, schedule and
 * clipping.
 */
final class WindowProblem {

    static final int VOCAB = 60;
    static final int WINDOW = 3;
    static final int DIM = 4;

    private WindowProblem() {}

    /** The table [vocab, 4] (row-sparse gradient) and the layer on the concatenated window. */
    static final class WindowModel extends Layer {
        final Embedding words;
        final Dense out;

        WindowModel(DataType type, int vocab) {
            Random rng = new Random(5);
            words = child("words", new Embedding(vocab, DIM, type, Init.normal(1), rng).sparseGrad(true));
            out = child("out", new Dense(WINDOW * DIM, ToyProblem.CLASSES, true, type, Init.glorotUniform(), rng));
        }

        /** Word indices [n, 3] (int64) → logits [n, 3]. */
        @Override
        public Tensor forward(Tensor indices) {
            long n = indices.shape()[0];
            return out.forward(words.forward(indices).reshape(n, WINDOW * DIM));
        }
    }

    /** Builds the model on executors; the features of an example are its word indices, as floats. */
    record WindowReplica(DataType type, int vocab) implements Replica<LabeledExample> {
        @Override
        public Layer newModel() {
            return new WindowModel(type, vocab);
        }

        @Override
        public INDArray[] arrays(List<LabeledExample> examples) {
            long[] words = new long[examples.size() * WINDOW];
            long[] labels = new long[examples.size()];
            for (int i = 0; i < examples.size(); i++) {
                for (int k = 0; k < WINDOW; k++) {
                    words[i * WINDOW + k] = (long) examples.get(i).features()[k];
                }
                labels[i] = examples.get(i).label();
            }
            return new INDArray[] {Nd4j.createFromArray(words).reshape(examples.size(), WINDOW),
                    Nd4j.createFromArray(labels)};
        }

        @Override
        public Tensor lossSum(Layer model, INDArray[] arrays) {
            return Ops.crossEntropy(model.forward(Tensor.of(arrays[0])), arrays[1]).mul(arrays[1].length());
        }
    }

    /** 37 windows; the label is the class of the centre word, so the table has something to learn. */
    static List<LabeledExample> examples() {
        Random rng = new Random(11);
        List<LabeledExample> out = new ArrayList<>();
        for (int i = 0; i < ToyProblem.EXAMPLES; i++) {
            float[] words = new float[WINDOW];
            for (int k = 0; k < WINDOW; k++) {
                words[k] = rng.nextInt(VOCAB);
            }
            out.add(new LabeledExample(words, (int) words[1] % ToyProblem.CLASSES));
        }
        return out;
    }

    static Optimizer optimizer(Map<String, Parameter> named) {
        return SGD.builder(named.values(), 0.5).momentum(0.9)
                .weightDecay(1e-3, Optimizer.select(named, n -> !n.endsWith("bias"))).build();
    }

    /** The single-process trainer with sparse gradients: mean loss over each batch, clip, step. */
    static WindowModel trainPlain(DataType type, int steps) {
        WindowModel model = new WindowModel(type, VOCAB);
        Optimizer optimizer = optimizer(model.namedParameters());
        LearningRateSchedule schedule = ToyProblem.schedule(ToyProblem.Kind.SGD_MOMENTUM, steps);
        List<LabeledExample> data = examples();
        WindowReplica arrays = new WindowReplica(type, VOCAB);
        for (int t = 0; t < steps; t++) {
            optimizer.setLearningRate(schedule.learningRate(t));
            List<LabeledExample> batch = new ArrayList<>();
            for (long i : ToyProblem.batch(t)) {
                batch.add(data.get((int) i));
            }
            INDArray[] xy = arrays.arrays(batch);
            try (Tape tape = Tape.record()) {
                tape.backward(Ops.crossEntropy(model.forward(Tensor.of(xy[0])), xy[1]));
            }
            GradientClipping.clipByGlobalNorm(optimizer.parameters(), ToyProblem.MAX_NORM);
            optimizer.step();
            optimizer.zeroGrad();
        }
        return model;
    }

    /** Trains through Spark with the plain trainer's recipe; the optimizer sees the table's gradient row-sparse. */
    static WindowModel trainOnSpark(DistributedGradients<LabeledExample> gradients, WindowModel model, int steps)
            throws java.io.IOException {
        Map<String, Parameter> named = model.namedParameters();
        SyncTrainer trainer = new SyncTrainer(gradients, named, optimizer(named))
                .schedule(ToyProblem.schedule(ToyProblem.Kind.SGD_MOMENTUM, steps))
                .clipByGlobalNorm(ToyProblem.MAX_NORM);
        for (int t = 0; t < steps; t++) {
            trainer.step(ToyProblem.batch(t));
        }
        return model;
    }
}
