package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jgrad.examples.cli.SparkOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code lm train --spark}: an epoch whose gradients come from Spark trains what a local epoch trains. */
class LmSparkStepsTest {

    static final int PARTITIONS = 3;
    static final int BATCH = 300;
    static final int DIM = 8;

    private final LmCorpus corpus = KneserNeyTest.corpus();
    private final LmCorpus.Examples train = corpus.examples(LmCorpus.Split.TRAIN, 3);

    private LmTraining trainer() {
        NeuralLanguageModel model = new NeuralLanguageModel(new NeuralLanguageModel.Sizes(3, DIM, 16, false, 0),
                corpus.vocabulary().size(), corpus.predicted(), 5);
        return new LmTraining(model, new LmTraining.Settings(LmTraining.Method.ADAM, 2, BATCH, 0.01, 0.8, 1e-5, 0.9, 2), train);
    }

    @Test
    void anEpochOnThreePartitionsTrainsTheLocalParametersSendsOnlyTheWordRowsItsSharesUsedAndResumesFromItsMiddle(
            @TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("checkpoint.npz");
        LmTraining local = trainer();
        local.trainEpoch(null);

        LmTraining distributed = trainer();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long sent;
        try (LmSparkSteps steps = new LmSparkSteps(SparkOptions.of("local[2]", PARTITIONS), train, distributed.model(),
                corpus.vocabulary().size(), 5, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertEquals(5, distributed.stepsPerEpoch(), "steps per epoch (examples " + train.size() + ")");
            distributed.computeGradientsWith(steps).checkpointEvery(3, checkpoint);
            double trainLoss = distributed.trainEpoch(null).trainLoss();
            sent = steps.steps.gradientBytes();

            // The checkpoint of step 3 (of 5): resuming from it and training steps 4 and 5 again on Spark
            // must land where the uninterrupted epoch did, exactly.
            List<INDArray> whole = distributed.model().parameters().stream().map(p -> p.value().dup()).toList();
            distributed.resume(checkpoint);
            assertEquals(3, distributed.stepsIntoEpoch());
            assertEquals(trainLoss, distributed.trainEpoch(null).trainLoss(), 1e-12);
            for (int i = 0; i < whole.size(); i++) {
                assertEquals(whole.get(i), distributed.model().parameters().get(i).value(), "parameter " + i);
            }
        }
        assertEquals(description(distributed.model()), printed.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        local.model().namedParameters().forEach((name, p) -> {
            double difference = p.value().sub(distributed.model().namedParameters().get(name).value()).amaxNumber().doubleValue();
            assertTrue(difference < 1e-5, name + " differs by " + difference);
            if (Boolean.getBoolean("jgrad.spark.figures")) { // the figures for the closing note, printed only when asked
                System.out.printf(java.util.Locale.ROOT, "equivalence lm train, 1 epoch, 3 partitions, %s: largest difference %.3g%n", name, difference);
            }
        });
        assertEquals(expectedBytes(local.order(1), distributed.model()), sent);
    }

    /**
     * The line that starts the run: the contiguous partitions of the examples, the float32 parameters
     * broadcast, and the dense and row-sparse (the word table) shares of the gradients back.
     */
    private String description(NeuralLanguageModel model) {
        long all = model.namedParameters().values().stream().mapToLong(p -> 4 * p.value().length()).sum();
        long table = 4 * model.namedParameters().get("embedding.weight").value().length();
        String sizes = java.util.stream.LongStream.range(0, PARTITIONS)
                .mapToObj(p -> String.format(java.util.Locale.ROOT, "%,d", train.size() * (p + 1) / PARTITIONS - train.size() * p / PARTITIONS))
                .collect(java.util.stream.Collectors.joining(", "));
        return String.format(java.util.Locale.ROOT, "spark: local[2], %d partitions of %s words; each step broadcasts %.1f MB of "
                + "parameters and gets back from each partition %.1f MB of dense gradient sums and, of the %.1f MB of "
                + "row-sparse tables, the rows its share looked up", PARTITIONS, sizes, all / 1e6, (all - table) / 1e6, table / 1e6);
    }

    /**
     * Per step and partition that holds some of the batch: the dense layers' float32 gradients whole, and
     * for the word table a 4-byte index and m float32 values per distinct word its share's contexts hold.
     */
    private long expectedBytes(int[] order, NeuralLanguageModel model) {
        long dense = model.namedParameters().entrySet().stream().filter(e -> !e.getKey().equals("embedding.weight"))
                .mapToLong(e -> 4 * e.getValue().value().length()).sum();
        long bytes = 0;
        for (int from = 0; from < order.length; from += BATCH) {
            for (int p = 0; p < PARTITIONS; p++) {
                long first = (long) train.size() * p / PARTITIONS;
                long end = (long) train.size() * (p + 1) / PARTITIONS;
                Set<Integer> words = new HashSet<>();
                boolean any = false;
                for (int i = from; i < Math.min(order.length, from + BATCH); i++) {
                    if (order[i] >= first && order[i] < end) {
                        any = true;
                        for (int word : train.context(order[i])) {
                            words.add(word);
                        }
                    }
                }
                bytes += (any ? dense : 0) + words.size() * (4L + 4L * DIM);
            }
        }
        return bytes;
    }
}
