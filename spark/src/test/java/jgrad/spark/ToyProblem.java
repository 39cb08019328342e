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
import jgrad.layers.Init;
import jgrad.layers.Layer;
import jgrad.layers.Sequential;
import jgrad.layers.Tanh;
import jgrad.optim.Adam;
import jgrad.optim.CosineDecay;
import jgrad.optim.GradientClipping;
import jgrad.optim.LearningRateSchedule;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small classification problem for the equivalence tests: 37 examples of 5 features in 3 classes, a
 * 5-8-3 tanh network, batches of 11 (divisible by neither 2 nor 4) in an order drawn from a seed, and
 * the plain single-process trainer to compare against.
 */
final class ToyProblem {

    static final int EXAMPLES = 37;
    static final int FEATURES = 5;
    static final int CLASSES = 3;
    static final int BATCH = 11;
    static final double MAX_NORM = 1.0;

    enum Kind { SGD_MOMENTUM, ADAM }

    private ToyProblem() {}

    static List<LabeledExample> examples() {
        Random rng = new Random(7);
        List<LabeledExample> out = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            float[] x = new float[FEATURES];
            int label = rng.nextInt(CLASSES);
            for (int k = 0; k < FEATURES; k++) {
                x[k] = (float) (rng.nextGaussian() + (k == label ? 1.5 : 0));
            }
            out.add(new LabeledExample(x, label));
        }
        return out;
    }

    static Sequential model(DataType type) {
        Random rng = new Random(3);
        return new Sequential(
                new Dense(FEATURES, 8, true, type, Init.glorotUniform(), rng), new Tanh(),
                new Dense(8, CLASSES, true, type, Init.glorotUniform(), rng));
    }

    static ClassifierReplica replica(DataType type) {
        return new ClassifierReplica(() -> model(type), type);
    }

    /** SGD with momentum and L2 on the weights, or Adam; both under a warm-up and cosine schedule. */
    static Optimizer optimizer(Kind kind, Map<String, Parameter> named) {
        return switch (kind) {
            case SGD_MOMENTUM -> SGD.builder(named.values(), 0.5).momentum(0.9)
                    .weightDecay(1e-3, Optimizer.select(named, n -> !n.endsWith("bias"))).build();
            case ADAM -> Adam.builder(named.values(), 0.05).build();
        };
    }

    static LearningRateSchedule schedule(Kind kind, int steps) {
        return new CosineDecay(kind == Kind.ADAM ? 0.05 : 0.5, 0, 2, steps);
    }

    /** The global batch of step t: consecutive slices of a seeded permutation, reshuffled each pass. */
    static long[] batch(int t) {
        int perEpoch = EXAMPLES / BATCH;
        int epoch = t / perEpoch;
        List<Long> order = new ArrayList<>();
        for (long i = 0; i < EXAMPLES; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(100 + epoch));
        long[] out = new long[BATCH];
        int start = (t % perEpoch) * BATCH;
        for (int i = 0; i < BATCH; i++) {
            out[i] = order.get(start + i);
        }
        return out;
    }

    /** Trains on one machine, without Spark: mean loss over each batch, clip, step. */
    static Sequential trainPlain(Kind kind, DataType type, int steps) {
        Sequential model = model(type);
        Map<String, Parameter> named = model.namedParameters();
        Optimizer optimizer = optimizer(kind, named);
        LearningRateSchedule schedule = schedule(kind, steps);
        List<LabeledExample> data = examples();
        ClassifierReplica arrays = replica(type);
        for (int t = 0; t < steps; t++) {
            optimizer.setLearningRate(schedule.learningRate(t));
            List<LabeledExample> batch = new ArrayList<>();
            for (long i : batch(t)) {
                batch.add(data.get((int) i));
            }
            INDArray[] xy = arrays.arrays(batch);
            try (Tape tape = Tape.record()) {
                tape.backward(Ops.crossEntropy(model.forward(Tensor.of(xy[0])), xy[1]));
            }
            GradientClipping.clipByGlobalNorm(optimizer.parameters(), MAX_NORM);
            optimizer.step();
            optimizer.zeroGrad();
        }
        return model;
    }

    /** The examples as an RDD whose partitions hold these many examples each, in order (0 gives an empty one). */
    static JavaRDD<LabeledExample> partitioned(JavaSparkContext spark, int... sizes) {
        return partitioned(spark, examples(), sizes);
    }

    /** {@code data} as an RDD whose partitions hold these many examples each, in order. */
    static JavaRDD<LabeledExample> partitioned(JavaSparkContext spark, List<LabeledExample> data, int... sizes) {
        JavaRDD<LabeledExample> rdd = null;
        int from = 0;
        for (int size : sizes) {
            JavaRDD<LabeledExample> part = spark.parallelize(new ArrayList<>(data.subList(from, from + size)), 1);
            rdd = rdd == null ? part : rdd.union(part);
            from += size;
        }
        if (from != data.size()) {
            throw new IllegalArgumentException("partition sizes add up to " + from + ", not " + data.size());
        }
        return rdd;
    }

    /** Trains through Spark with the plain trainer's recipe. */
    static Sequential trainOnSpark(JavaSparkContext spark, JavaRDD<LabeledExample> examples, Kind kind, DataType type,
            int steps) throws java.io.IOException {
        Sequential model = model(type);
        Map<String, Parameter> named = model.namedParameters();
        try (DistributedGradients<LabeledExample> gradients =
                new DistributedGradients<>(spark, examples, replica(type), named)) {
            SyncTrainer trainer = new SyncTrainer(gradients, named, optimizer(kind, named))
                    .schedule(schedule(kind, steps))
                    .clipByGlobalNorm(MAX_NORM);
            for (int t = 0; t < steps; t++) {
                trainer.step(batch(t));
            }
        }
        return model;
    }

    /** The largest absolute difference between two models' parameters. */
    static double largestDifference(Layer a, Layer b) {
        double worst = 0;
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        for (int i = 0; i < pa.size(); i++) {
            try (INDArray diff = pa.get(i).value().sub(pb.get(i).value())) {
                worst = Math.max(worst, diff.amaxNumber().doubleValue());
            }
        }
        return worst;
    }
}
