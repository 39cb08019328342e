package jgrad.examples.lm;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import jgrad.core.Ops;
import jgrad.core.Tensor;
import jgrad.examples.cli.SparkOptions;
import jgrad.examples.spark.SparkSteps;
import jgrad.layers.Layer;
import jgrad.spark.IdExample;
import jgrad.spark.Replica;
import jgrad.spark.SparkRun;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code lm train --spark}: each step's gradient computed by Spark tasks over the training examples, held
 * in an RDD as {@link IdExample}s (a context's n - 1 word ids and the class of the next word), cut out of
 * the training examples that the driver sends each executor once; the order, the optimizer, the
 * validation and the checkpoints stay in {@link LmTraining}, on the driver. The word table's gradient is
 * row-sparse, so a task sends back only the rows of the words its share's contexts hold.
 *
 * <p>With {@code --dropout 0} the run trains the parameters of a run without Spark, to float rounding;
 * with dropout, each replica draws its own masks (the single process's come from its layers' native
 * generators, which no other process can replay).
 */
final class LmSparkSteps implements LmTraining.StepGradients, AutoCloseable {

    final SparkSteps<IdExample> steps;

    /** Starts Spark over {@code train}, with replicas of {@code model}, and prints the partitions to {@code out}. */
    LmSparkSteps(SparkOptions spark, LmCorpus.Examples train, NeuralLanguageModel model, int vocabulary, long seed,
            PrintStream out) {
        LmReplica replica = new LmReplica(model.sizes(), vocabulary, model.predicted(), seed);
        this.steps = new SparkSteps<>(SparkRun.startShared("jgrad lm train", spark.master(), spark.partitions(), train,
                train.size(), LmSparkSteps::examples, replica, model.namedParameters()), "words", model.namedParameters());
        out.println(steps.describe());
    }

    /** Examples start to end - 1: a context and the next word's class, its id - 1. */
    static List<IdExample> examples(LmCorpus.Examples train, long start, long end) {
        List<IdExample> out = new ArrayList<>(Math.toIntExact(end - start));
        for (int i = (int) start; i < end; i++) {
            out.add(new IdExample(train.context(i), train.targets()[i] - 1));
        }
        return out;
    }

    @Override
    public double compute(int[] order, int from, int to) {
        return steps.compute(SparkSteps.rows(order, from, to));
    }

    @Override
    public void close() {
        steps.close();
    }

    /** A {@link NeuralLanguageModel} on an executor: contexts [n, n - 1] and classes [n]; n times the mean cross-entropy. */
    record LmReplica(NeuralLanguageModel.Sizes sizes, int vocabulary, int predicted, long seed) implements Replica<IdExample> {

        @Override
        public Layer newModel() {
            return new NeuralLanguageModel(sizes, vocabulary, predicted, seed);
        }

        @Override
        public INDArray[] arrays(List<IdExample> examples) {
            int n = examples.size();
            int width = sizes.context();
            int[] contexts = new int[n * width];
            long[] classes = new long[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(examples.get(i).ids(), 0, contexts, i * width, width);
                classes[i] = examples.get(i).label();
            }
            return new INDArray[] {Nd4j.createFromArray(contexts).reshape(n, width), Nd4j.createFromArray(classes)};
        }

        @Override
        public Tensor lossSum(Layer model, INDArray[] arrays) {
            INDArray classes = arrays[1];
            return Ops.crossEntropy(((NeuralLanguageModel) model).forward(arrays[0]), classes).mul(classes.length());
        }
    }
}
