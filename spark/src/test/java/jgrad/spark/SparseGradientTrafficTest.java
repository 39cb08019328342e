package jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jgrad.core.RowSparseGrad;
import jgrad.spark.WindowProblem.WindowModel;
import jgrad.spark.WindowProblem.WindowReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** A row-sparse embedding table travels and reduces as rows, and trains what the plain trainer trains. */
class SparseGradientTrafficTest extends LocalSparkTest {

    static final int STEPS = 12;
    static final String TABLE = "words.weight";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DOUBLE, 1e-12", "FLOAT, 1e-5"})
    void everyPartitioningTrainsWhatThePlainTrainerTrainsWithSparseGradients(DataType type, double tolerance)
            throws Exception {
        WindowModel plain = WindowProblem.trainPlain(type, STEPS);
        for (int[] sizes : SyncTrainerTest.PARTITIONINGS) {
            WindowModel model = new WindowModel(type, WindowProblem.VOCAB);
            try (DistributedGradients<LabeledExample> gradients = gradients(model, WindowProblem.VOCAB, sizes)) {
                WindowProblem.trainOnSpark(gradients, model, STEPS);
            }
            double difference = ToyProblem.largestDifference(plain, model);
            if (Boolean.getBoolean("jgrad.spark.figures")) {
                System.out.printf(Locale.ROOT, "equivalence sparse table SGD_MOMENTUM %s partitions %s: largest parameter difference %.3g%n", type,
                        Arrays.toString(sizes), difference);
            }
            assertTrue(difference < tolerance, type + " on partitions " + Arrays.toString(sizes)
                    + ": largest parameter difference " + difference);
        }
    }

    @Test
    void theDriverHandsTheOptimizerOneRowSparseGradientOfTheBatchsRows() {
        WindowModel model = new WindowModel(DataType.FLOAT, WindowProblem.VOCAB);
        long[] batch = ToyProblem.batch(0);
        try (DistributedGradients<LabeledExample> gradients = gradients(model, WindowProblem.VOCAB, 10, 9, 9, 9)) {
            gradients.compute(batch);
        }
        RowSparseGrad rows = model.words.weight().sparseGrad();
        assertNotNull(rows, "the table's gradient reached the driver dense");
        assertEquals(rowsOf(WindowProblem.examples(), batch, 0, ToyProblem.EXAMPLES).size(), rows.count(),
                "rows touched by several partitions are listed once");
        assertEquals(new HashSet<>(rowsOf(WindowProblem.examples(), batch, 0, ToyProblem.EXAMPLES)),
                toSet(rows.rows()));
    }

    @Test
    void theBytesSentForTheTableAreProportionalToTheRowsTouchedNotToTheTable() {
        int[] sizes = {20, 0, 9, 8};
        long[] batch = ToyProblem.batch(1);
        List<LabeledExample> data = WindowProblem.examples();
        long expected = 0;
        int from = 0;
        for (int size : sizes) {
            // Per partition: a 4-byte index and DIM float32 values for each distinct row its share looked up.
            expected += rowsOf(data, batch, from, from + size).size() * (4L + 4L * WindowProblem.DIM);
            from += size;
        }
        for (int vocab : new int[] {WindowProblem.VOCAB, 100 * WindowProblem.VOCAB}) {
            WindowModel model = new WindowModel(DataType.FLOAT, vocab);
            Map<String, Long> sent;
            try (DistributedGradients<LabeledExample> gradients = gradients(model, vocab, sizes)) {
                gradients.compute(batch);
                sent = gradients.lastGradientBytes();
            }
            assertEquals(expected, sent.get(TABLE), "table of " + vocab + " rows");
            // The dense layer's gradient is whole, once per partition that had examples of the batch.
            long denseBytes = 4L * (WindowProblem.WINDOW * WindowProblem.DIM + 1) * ToyProblem.CLASSES;
            assertEquals(3 * denseBytes, sent.get("out.weight") + sent.get("out.bias"));
        }
        assertTrue(expected < 4L * WindowProblem.VOCAB * WindowProblem.DIM, "a batch of 11 touches few of the rows");
    }

    private static DistributedGradients<LabeledExample> gradients(WindowModel model, int vocab, int... sizes) {
        return new DistributedGradients<>(spark, ToyProblem.partitioned(spark, WindowProblem.examples(), sizes),
                new WindowReplica(model.words.weight().dataType(), vocab), model.namedParameters());
    }

    /** The distinct word rows that the batch's examples with indices in [from, to) look up. */
    private static Set<Integer> rowsOf(List<LabeledExample> data, long[] batch, int from, int to) {
        Set<Integer> rows = new HashSet<>();
        for (long i : batch) {
            if (i >= from && i < to) {
                for (float word : data.get((int) i).features()) {
                    rows.add((int) word);
                }
            }
        }
        return rows;
    }

    private static Set<Integer> toSet(int[] rows) {
        Set<Integer> out = new HashSet<>();
        for (int r : rows) {
            out.add(r);
        }
        return out;
    }
}
