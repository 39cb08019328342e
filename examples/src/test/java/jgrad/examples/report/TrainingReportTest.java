package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingReportTest {

    private static final Backend BACKEND =
            new Backend("CPU", "OPENBLAS", true, "linux-x86_64-onednn", 1, 2, 2, "17.0.15");

    @TempDir
    Path dir;

    private static TrainingReport twoEpochs() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("epochs", 2);
        configuration.put("learningRate", 0.1);
        TrainingReport report = new TrainingReport("mnist", "MNIST, MLP: 2 epochs", "test", configuration);
        report.add(new EpochMetrics(1, 0.9, 0.8, 0.7, 600, 2.0));
        report.add(new EpochMetrics(2, 0.4, 0.5, 0.9, 600, 1.0));
        return report;
    }

    @Test
    void writtenJsonParsesBackWithTheExpectedKeys() throws Exception {
        Path file = dir.resolve("nested/report.json");

        twoEpochs().write(file, BACKEND);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals(List.of("command", "title", "evaluatedOn", "started", "configuration", "epochs", "throughput",
                "environment"), iterable(root.fieldNames()));
        assertEquals("mnist", root.get("command").asText());
        assertEquals("MNIST, MLP: 2 epochs", root.get("title").asText());
        assertEquals("test", root.get("evaluatedOn").asText());
        assertEquals(0.1, root.get("configuration").get("learningRate").asDouble());
        assertEquals(2, root.get("epochs").size());
        JsonNode second = root.get("epochs").get(1);
        assertEquals(List.of("epoch", "trainLoss", "testLoss", "testAccuracy", "samples", "seconds", "samplesPerSecond"),
                iterable(second.fieldNames()));
        assertEquals(0.4, second.get("trainLoss").asDouble());
        assertEquals(0.5, second.get("testLoss").asDouble());
        assertEquals(0.9, second.get("testAccuracy").asDouble());
        assertEquals(600.0, second.get("samplesPerSecond").asDouble(), 1e-9);
        JsonNode throughput = root.get("throughput");
        assertEquals(1200, throughput.get("samples").asLong());
        assertEquals(400.0, throughput.get("samplesPerSecond").asDouble(), 1e-9);
        JsonNode environment = root.get("environment");
        for (String key : List.of("java", "nd4j", "jgrad", "backend", "nativeBuild", "oneDnn", "blasVendor",
                "ompThreads", "blasThreads", "cores")) {
            assertTrue(environment.has(key), "environment lacks " + key + ": " + environment);
        }
        assertEquals("1.0.0-M2.1", environment.get("nd4j").asText());
        assertEquals(2, environment.get("blasThreads").asInt());
    }

    @Test
    void theFirstEpochsSpeedIsReportedApartFromTheLaterEpochs() {
        JsonNode throughput = new ObjectMapper().valueToTree(twoEpochs().toMap(BACKEND)).get("throughput");

        assertEquals(300.0, throughput.get("firstEpoch").get("samplesPerSecond").asDouble(), 1e-9); // 600 in 2 s: warm-up
        assertEquals(1, throughput.get("firstEpoch").get("epochs").asInt());
        assertEquals(600.0, throughput.get("laterEpochs").get("samplesPerSecond").asDouble(), 1e-9);
        assertEquals(1, throughput.get("laterEpochs").get("epochs").asInt());
        assertEquals("speed: first epoch 300 samples/s (with warm-up), later epochs 600 samples/s",
                twoEpochs().speedSummary("samples"));
    }

    @Test
    void oneEpochHasNoLaterEpochsBlock() {
        TrainingReport report = new TrainingReport("mnist", "one", "test", Map.of());
        report.add(new EpochMetrics(1, 0.9, 0.8, 0.7, 600, 2.0));

        JsonNode throughput = new ObjectMapper().valueToTree(report.toMap(BACKEND)).get("throughput");

        assertTrue(throughput.has("firstEpoch") && !throughput.has("laterEpochs"), throughput.toString());
        assertEquals("speed: first epoch 300 samples/s (with warm-up)", report.speedSummary("samples"));
    }

    @Test
    void aReportOnTheTrainingDataNamesItsAccuracyTrainAccuracyAndRefusesASecondLoss() {
        TrainingReport report = new TrainingReport("xor", Map.of());
        report.add(new EpochMetrics(1, 0.25, 0.5, 4, 0.01));

        @SuppressWarnings("unchecked")
        Map<String, Object> epoch = ((List<Map<String, Object>>) report.toMap(BACKEND).get("epochs")).get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report.add(new EpochMetrics(2, 0.2, 0.3, 0.5, 4, 0.01)));

        assertEquals(0.5, epoch.get("trainAccuracy"));
        assertTrue(e.getMessage().contains("xor") && e.getMessage().contains("training data"), e.getMessage());
    }

    @Test
    void theSplitMustBeALowercaseWord() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingReport("mnist", "t", "Test set", Map.of()));

        assertTrue(e.getMessage().contains("'Test set'"), e.getMessage());
    }

    @Test
    void settingsAreWrittenAsPeopleWriteThem() {
        assertEquals("0.1", TrainingReport.setting(0.1));
        assertEquals("2", TrainingReport.setting(2.0));
        assertEquals("1e-4", TrainingReport.setting(1e-4));
        assertEquals("2.5e-4", TrainingReport.setting(2.5e-4));
    }

    @Test
    void epochWithoutAccuracyHasNoAccuracyKey() {
        TrainingReport report = new TrainingReport("line", Map.of());
        report.add(EpochMetrics.withoutAccuracy(1, 68, 3, 0.001));

        @SuppressWarnings("unchecked")
        Map<String, Object> epoch = ((List<Map<String, Object>>) report.toMap(BACKEND).get("epochs")).get(0);

        assertFalse(epoch.containsKey("trainAccuracy"), epoch.toString());
        assertEquals(68.0, epoch.get("trainLoss"));
    }

    @Test
    void unwritableFileIsReportedWithItsPath() {
        Path file = dir.resolve("report.json");
        // A directory where the file should be makes the write fail.
        assertTrue(file.toFile().mkdir());

        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> twoEpochs().write(file, BACKEND));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
