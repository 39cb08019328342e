package jgrad.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jgrad.core.Parameter;
import jgrad.examples.cli.SparkOptions;
import jgrad.spark.LabeledExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code mnist --spark}: an epoch whose gradients come from Spark trains what a local epoch trains. */
class MnistSparkStepsTest {

    @Test
    void anEpochOnTwoPartitionsTrainsTheLocalEpochsParametersAndReportsItsTimeSplitAndResumesFromItsMiddle(@TempDir Path dir)
            throws Exception {
        Path checkpoint = dir.resolve("mnist.npz");
        SmallMnist data = SmallMnist.synthetic(3, 100); // 100 images in batches of 32: a short last batch
        MnistTrainer.Settings settings = new MnistTrainer.Settings(MnistModel.MLP, 1, 32, 0.1, 0.9, 1e-4, 5);
        MnistTrainer local = new MnistTrainer(settings, data.images(), data.labels(), data.images(), data.labels());
        local.trainEpoch(null);

        MnistTrainer distributed = new MnistTrainer(settings, data.images(), data.labels(), data.images(), data.labels());
        List<LabeledExample> examples = MnistSparkSteps.examples(data.images(), data.labels(), 0, 100);
        try (MnistSparkSteps steps = new MnistSparkSteps(SparkOptions.of("local[2]", 2), 100,
                (start, end) -> new ArrayList<>(examples.subList((int) start, (int) end)), settings,
                distributed.model().namedParameters())) {
            distributed.computeGradientsWith(steps);
            distributed.checkpointEvery(3, checkpoint);
            double trainLoss = distributed.trainEpoch(null).trainLoss();
            assertEquals("spark: local[2], 2 partitions of 50, 50 images; each step broadcasts 2.1 MB of parameters "
                    + "and gets 2.1 MB of gradient sums back from each partition", steps.steps.describe());
            String times = steps.steps.epochTimes();
            // 4 steps, each with 2 partitions sending the whole 2.1 MB of gradients.
            assertTrue(times.matches("spark: 4 steps, per step [0-9.]+ ms: compute [0-9.]+ ms \\(slowest task\\), "
                    + "Spark overhead [0-9.]+ ms, driver reduction [0-9.]+ ms; 4.2[0-9] MB of gradient sums back"), times);

            // The checkpoint of step 3 of 4: resuming from it (parameters, momentum and the epoch's first three
            // losses overwritten) and training the last step again must land where the whole epoch did.
            List<INDArray> whole = distributed.model().parameters().stream().map(p -> p.value().dup()).toList();
            distributed.resume(checkpoint);
            assertEquals(3, distributed.stepsIntoEpoch());
            assertEquals(0, distributed.epochsDone());
            assertEquals(trainLoss, distributed.trainEpoch(null).trainLoss(), 1e-12);
            assertTrue(steps.steps.epochTimes().startsWith("spark: 1 steps,"), "only the last step was trained again");
            for (int i = 0; i < whole.size(); i++) {
                assertEquals(whole.get(i), distributed.model().parameters().get(i).value(), "parameter " + i);
            }
        }

        List<Parameter> a = local.model().parameters();
        List<Parameter> b = distributed.model().parameters();
        for (int i = 0; i < a.size(); i++) {
            try (INDArray diff = a.get(i).value().sub(b.get(i).value())) {
                double worst = diff.amaxNumber().doubleValue();
                assertTrue(worst < 1e-5, "parameter " + i + " differs by " + worst);
            }
        }
    }
}
