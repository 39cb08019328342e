package jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Threads;
import jgrad.layers.Sequential;
import jgrad.spark.ToyProblem.Kind;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Spark in local mode trains the same parameters as the plain single-process trainer. */
class SyncTrainerTest extends LocalSparkTest {

    static final int STEPS = 12;
    /** Partitionings of the 37 examples: one, two, four, and four with an empty one. */
    static final int[][] PARTITIONINGS = {{37}, {19, 18}, {10, 9, 9, 9}, {20, 0, 9, 8}};

    /** Float64 shows the method (differences at the last bit); float32 is what MNIST trains in. */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"SGD_MOMENTUM, DOUBLE, 1e-12", "ADAM, DOUBLE, 1e-12", "SGD_MOMENTUM, FLOAT, 1e-5", "ADAM, FLOAT, 1e-5"})
    void everyPartitioningTrainsWhatThePlainTrainerTrains(Kind kind, DataType type, double tolerance) throws Exception {
        Sequential plain = ToyProblem.trainPlain(kind, type, STEPS);
        for (int[] sizes : PARTITIONINGS) {
            Sequential distributed = ToyProblem.trainOnSpark(spark, ToyProblem.partitioned(spark, sizes), kind, type,
                    STEPS);
            double difference = ToyProblem.largestDifference(plain, distributed);
            report(kind, type, sizes, difference);
            assertTrue(difference < tolerance, kind + " in " + type + " on partitions " + java.util.Arrays.toString(sizes)
                    + ": largest parameter difference " + difference);
        }
    }

    @Test
    void twoRunsWithTheSamePartitioningAreBitIdentical() throws Exception {
        for (Kind kind : Kind.values()) {
            Sequential first = ToyProblem.trainOnSpark(spark, ToyProblem.partitioned(spark, 20, 0, 9, 8), kind,
                    DataType.FLOAT, STEPS);
            Sequential second = ToyProblem.trainOnSpark(spark, ToyProblem.partitioned(spark, 20, 0, 9, 8), kind,
                    DataType.FLOAT, STEPS);
            List<Parameter> a = first.parameters();
            List<Parameter> b = second.parameters();
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).value().data().asFloat(), b.get(i).value().data().asFloat(),
                        kind + ": parameter " + i);
            }
        }
    }

    @Test
    void resumingFromACheckpointContinuesExactlyAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        JavaRDD<LabeledExample> data = ToyProblem.partitioned(spark, 19, 18);
        Sequential uninterrupted = ToyProblem.trainOnSpark(spark, data, Kind.ADAM, DataType.FLOAT, STEPS);

        Path file = dir.resolve("run.npz");
        Sequential first = ToyProblem.model(DataType.FLOAT);
        try (DistributedGradients<LabeledExample> gradients = gradients(data, first)) {
            SyncTrainer trainer = trainer(gradients, first).checkpointEvery(4, file);
            for (int t = 0; t < 9; t++) { // the checkpoint of step 8 is the last one written
                trainer.step(ToyProblem.batch(t));
            }
        }
        Sequential resumed = ToyProblem.model(DataType.FLOAT);
        try (DistributedGradients<LabeledExample> gradients = gradients(data, resumed)) {
            SyncTrainer trainer = trainer(gradients, resumed);
            trainer.resume(file);
            assertEquals(8, trainer.stepsDone());
            for (long t = trainer.stepsDone(); t < STEPS; t++) {
                trainer.step(ToyProblem.batch((int) t));
            }
        }
        assertEquals(0.0, ToyProblem.largestDifference(uninterrupted, resumed));
    }

    @Test
    void tasksReleaseTheirStepMemoryAndRunOneThreadEachOnTwoCores() throws Exception {
        JavaRDD<LabeledExample> data = ToyProblem.partitioned(spark, 19, 18);
        ToyProblem.trainOnSpark(spark, data, Kind.SGD_MOMENTUM, DataType.FLOAT, 3); // warm: replicas built
        long before = Tape.liveArrays();
        ToyProblem.trainOnSpark(spark, data, Kind.SGD_MOMENTUM, DataType.FLOAT, STEPS);
        assertEquals(before, Tape.liveArrays(), "arrays held by jgrad's step memory after 12 more steps");
        assertEquals(1, Threads.ops(), "local[2] runs two tasks at once: one OpenMP thread each");
    }

    @Test
    void aReplicaOfAnotherArchitectureIsRefusedWithBothLayouts() {
        JavaRDD<LabeledExample> data = ToyProblem.partitioned(spark, 37);
        Sequential model = ToyProblem.model(DataType.FLOAT);
        ClassifierReplica wrong = new ClassifierReplica(() -> new Sequential(
                new jgrad.layers.Dense(ToyProblem.FEATURES, ToyProblem.CLASSES, 1)), DataType.FLOAT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DistributedGradients<>(spark, data, wrong, model.namedParameters()));
        assertTrue(e.getMessage().startsWith("spark: the replica has parameters {0.weight float32[5, 3], 0.bias "
                + "float32[3]} but the driver's model has {0.weight float32[5, 8]"), e.getMessage());
    }

    @Test
    void aBatchIndexOutsideTheDataSetIsRefused() {
        Sequential model = ToyProblem.model(DataType.FLOAT);
        try (DistributedGradients<LabeledExample> gradients = gradients(ToyProblem.partitioned(spark, 37), model)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gradients.compute(new long[] {3, 37}));
            assertEquals("DistributedGradients: example index 37 is outside the data set [0, 37)", e.getMessage());
        }
    }

    private static DistributedGradients<LabeledExample> gradients(JavaRDD<LabeledExample> data, Sequential model) {
        return new DistributedGradients<>(spark, data, ToyProblem.replica(DataType.FLOAT), model.namedParameters());
    }

    private static SyncTrainer trainer(DistributedGradients<LabeledExample> gradients, Sequential model) {
        Map<String, Parameter> named = model.namedParameters();
        return new SyncTrainer(gradients, named, ToyProblem.optimizer(Kind.ADAM, named))
                .schedule(ToyProblem.schedule(Kind.ADAM, STEPS))
                .clipByGlobalNorm(ToyProblem.MAX_NORM);
    }

    /** The figures for the closing note, printed only when asked: -Djgrad.spark.figures=true. */
    private static void report(Kind kind, DataType type, int[] sizes, double difference) {
        if (Boolean.getBoolean("jgrad.spark.figures")) {
            System.out.printf(Locale.ROOT, "equivalence %s %s partitions %s: largest parameter difference %.3g%n",
                    kind, type, java.util.Arrays.toString(sizes), difference);
        }
    }
}
