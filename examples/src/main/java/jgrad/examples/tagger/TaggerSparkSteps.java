package jgrad.examples.tagger;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * {@code tagger train --spark}: each step's gradient computed by Spark tasks over the training tokens,
 * held in an RDD as {@link IdExample}s (a token's window ids, kind after kind, and its tag), cut out of the
 * featurized training split that the driver sends each executor once; the order, the optimizer and the
 * dev evaluation stay in {@link TaggerTraining}, on the driver. The tables' row-sparse gradients travel as
 * the rows a task's share looked up.
 *
 * <p>The rare-word dropout is drawn by the tasks, each from a generator seeded by the run's seed and its
 * share's ids, so that two runs with the same partitioning are identical; a run on Spark with
 * {@code --rare-dropout 0} trains the parameters of a run without Spark, to float rounding, and with
 * dropout it draws other (equally likely) masks than that run.
 */
final class TaggerSparkSteps implements TaggerTraining.StepGradients, AutoCloseable {

    final SparkSteps<IdExample> steps;

    /**
     * Starts Spark over the tokens of {@code train}, with replicas of {@code model}'s network for
     * {@code featurizer}, and prints the partitions to {@code out}.
     */
    TaggerSparkSteps(SparkOptions spark, WindowBatches train, WindowFeaturizer featurizer, WindowTagger.Sizes sizes,
            TaggerTraining.Settings settings, WindowTagger model, PrintWriter out) {
        if (model.readsCharacters()) {
            // The tasks cut their batches from the window ids alone, which do not carry the words' characters.
            throw new IllegalArgumentException("tagger train --spark: the network reads characters (" + sizes.characters()
                    + "), which the Spark tasks do not carry; pass --char-filters 0");
        }
        train.rareDropout(settings.rareDropout()); // the rare ids, for the replicas (run() marks the same)
        WindowBatches.Windows windows = train.windows();
        TaggerReplica replica = new TaggerReplica(WindowTagger.Shape.of(featurizer), sizes, settings.seed(),
                windows.ids().length, windows.window(), settings.rareDropout(), train.rareIds());
        this.steps = new SparkSteps<>(SparkRun.startShared("jgrad tagger train", spark.master(), spark.partitions(),
                windows, train.tokens(), TaggerSparkSteps::tokens, replica, model.namedParameters()), "words",
                model.namedParameters());
        out.println(steps.describe());
        out.flush();
    }

    /** {@code listener}, then the time split of the epoch's steps on a line of its own after each epoch. */
    TaggerTraining.Listener printingTimes(TaggerTraining.Listener listener, PrintWriter out) {
        return new TaggerTraining.Listener() {
            @Override
            public void epochStarted(int epoch, long tokens) {
                listener.epochStarted(epoch, tokens);
            }

            @Override
            public void stepped(int tokens, double loss) {
                listener.stepped(tokens, loss);
            }

            @Override
            public void epoch(TaggerTraining.Epoch epoch, boolean best) {
                listener.epoch(epoch, best);
                out.println(steps.epochTimes());
                out.flush();
            }
        };
    }

    /** Tokens start to end - 1 as examples. */
    static List<IdExample> tokens(WindowBatches.Windows windows, long start, long end) {
        List<IdExample> out = new ArrayList<>(Math.toIntExact(end - start));
        for (int t = (int) start; t < end; t++) {
            out.add(new IdExample(windows.packed(t), windows.tags()[t]));
        }
        return out;
    }

    @Override
    public double compute(WindowBatches train, int[] order, int from, int to, Random rng) {
        return steps.compute(SparkSteps.rows(order, from, to));
    }

    @Override
    public void close() {
        steps.close();
    }

    /**
     * A {@link WindowTagger} on an executor: ids [n, kinds, window] and tags [n] from the examples, with
     * the rare-word dropout; the loss is n times the mean cross-entropy. It travels with every task, rare
     * tables included (a byte per id of the vocabularies: some 100 kB for Brown, against the parameters'
     * megabytes each step).
     */
    record TaggerReplica(WindowTagger.Shape shape, WindowTagger.Sizes sizes, long seed, int kinds, int window,
            double rareDropout, boolean[][] rare) implements Replica<IdExample> {

        @Override
        public Layer newModel() {
            return new WindowTagger(shape, sizes, seed, TaggerLoss.WLL);
        }

        @Override
        public INDArray[] arrays(List<IdExample> examples) {
            int n = examples.size();
            int row = kinds * window;
            int[] packed = new int[n * row];
            int[] labels = new int[n];
            long seen = seed;
            for (int i = 0; i < n; i++) {
                IdExample e = examples.get(i);
                System.arraycopy(e.ids(), 0, packed, i * row, row);
                labels[i] = e.label();
                seen = 31 * seen + e.hashCode();
            }
            if (rareDropout > 0) {
                WindowBatches.dropRare(packed, kinds, window, rare, rareDropout, new Random(seen));
            }
            return new INDArray[] {Nd4j.createFromArray(packed).reshape('c', n, kinds, window), Nd4j.createFromArray(labels)};
        }

        @Override
        public Tensor lossSum(Layer model, INDArray[] arrays) {
            INDArray labels = arrays[1];
            return Ops.crossEntropy(((WindowTagger) model).forward(arrays[0]), labels).mul(labels.length());
        }
    }
}
