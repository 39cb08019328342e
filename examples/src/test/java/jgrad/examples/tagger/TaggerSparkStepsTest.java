package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jgrad.examples.cli.SparkOptions;
import org.junit.jupiter.api.Test;

/** {@code tagger train --spark}: epochs whose gradients come from Spark train what local epochs train. */
class TaggerSparkStepsTest {

    @Test
    void twoEpochsOnTwoPartitionsTrainTheLocalParametersWithoutRareWordDropoutAndPrintTheirTimeSplit() {
        BrownCorpus corpus = BrownCorpus.of(ToyCorpus.documents(6, 12, 7));
        List<BrownCorpus.Document> train = corpus.documents(CorpusSplit.TRAIN);
        WindowFeaturizer featurizer = WindowFeaturizer.fit(train, TagSet.of(TagScheme.UNIVERSAL), WindowFeaturizer.Options.defaults());
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(8, 2, 4, 16);
        // No rare-word dropout: the tasks would draw other masks than the single process.
        TaggerTraining.Settings settings = new TaggerTraining.Settings(2, 64, 0.2, 0.8, 0.9, 0, 5);
        WindowBatches dev = new WindowBatches(featurizer.extract(corpus.documents(CorpusSplit.DEV)));
        TaggerTraining.Listener quiet = (epoch, best) -> {};

        WindowTagger local = new WindowTagger(featurizer, sizes, 3);
        new TaggerTraining(local, settings).run(new WindowBatches(featurizer.extract(train)), dev, quiet);

        WindowTagger distributed = new WindowTagger(featurizer, sizes, 3);
        WindowBatches batches = new WindowBatches(featurizer.extract(train));
        StringWriter printed = new StringWriter();
        PrintWriter out = new PrintWriter(printed);
        try (TaggerSparkSteps steps = new TaggerSparkSteps(SparkOptions.of("local[2]", 2), batches, featurizer, sizes,
                settings, distributed, out)) {
            new TaggerTraining(distributed, settings).computeGradientsWith(steps).run(batches, dev, steps.printingTimes(quiet, out));
        }
        String[] lines = printed.toString().split("\n");
        assertTrue(lines.length == 3 && lines[0].startsWith("spark: local[2], 2 partitions of ")
                && lines[0].contains("words; each step broadcasts") && lines[0].contains("of row-sparse tables, the rows its share looked up")
                && lines[1].startsWith("spark: ") && lines[1].contains(" steps, per step ") && lines[2].contains("MB of gradient sums back"),
                printed.toString());
        local.namedParameters().forEach((name, p) -> {
            double difference = p.value().sub(distributed.namedParameters().get(name).value()).amaxNumber().doubleValue();
            assertTrue(difference < 1e-5, name + " differs by " + difference);
            if (Boolean.getBoolean("jgrad.spark.figures")) { // the figures for the closing note, printed only when asked
                System.out.printf(java.util.Locale.ROOT, "equivalence tagger train, 2 epochs, 2 partitions, %s: largest difference %.3g%n", name, difference);
            }
        });
    }
}
