package jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.layers.Dense;
import jgrad.layers.Layer;
import jgrad.layers.ReLU;
import jgrad.layers.Sequential;
import jgrad.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The README's "Training on Spark" example, kept compiling and running. */
class ReadmeSparkExampleTest {

    @Test
    void theReadmeExampleTrainsTenStepsAndSavesNoCheckpointBeforeStep100(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("run.npz");
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        // --- README: training on Spark (Path.of("run.npz") becomes checkpoint) ---
        ModelFactory factory = () -> new Sequential(new Dense(784, 128, 1), new ReLU(), new Dense(128, 10, 2));
        Layer model = factory.create();                               // the driver's copy: the one that is trained
        Map<String, Parameter> named = model.namedParameters();
        // Examples are read where each task runs, a range at a time (files, a database, here a generator).
        SliceReader<LabeledExample> reader = (start, end) -> {
            List<LabeledExample> slice = new ArrayList<>();
            for (long i = start; i < end; i++) {
                float[] pixels = new float[784];
                pixels[(int) (i % 10)] = 1;                    // a pixel that gives the label away
                slice.add(new LabeledExample(pixels, (int) (i % 10)));
            }
            return slice;
        };
        try (SparkRun<LabeledExample> run = SparkRun.start("my-run", "local[2]", 2, 1_000, reader,
                new ClassifierReplica(factory, DataType.FLOAT), named)) {
            SyncTrainer trainer = new SyncTrainer(run, named, Adam.builder(named.values(), 1e-2).build())
                    .clipByGlobalNorm(1.0)
                    .checkpointEvery(100, checkpoint);                // parameters, Adam's state, steps done
            for (long step = 0; step < 10; step++) {
                long[] batch = new long[64];                          // the step's global batch: example indices
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = (step * 64 + i) % 1_000;
                }
                StepReport report = trainer.step(batch);              // report.loss(), computeMillis(), sparkOverheadMillis()
                // --- end of the README's example ---
                firstLoss = step == 0 ? report.loss() : firstLoss;
                lastLoss = report.loss();
                assertEquals(64, report.examples());
                assertTrue(report.computeMillis() >= 0 && report.sparkOverheadMillis() >= 0);
            }
            assertEquals(10, trainer.stepsDone());
            assertEquals(List.of(500L, 500L), java.util.Arrays.stream(run.partitionSizes()).boxed().toList());
        }
        assertTrue(lastLoss < firstLoss, "loss " + firstLoss + " -> " + lastLoss);
        assertTrue(!java.nio.file.Files.exists(checkpoint), "no checkpoint before step 100");
    }
}
