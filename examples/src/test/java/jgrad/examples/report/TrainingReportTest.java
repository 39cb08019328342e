package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        TrainingReport report = new TrainingReport("mnist", configuration);
        report.add(new EpochMetrics(1, 0.9, 0.7, 600, 2.0));
        report.add(new EpochMetrics(2, 0.4, 0.9, 600, 1.0));
        return report;
    }

    @Test
    void writtenJsonParsesBackWithTheExpectedKeys() throws Exception {
        Path file = dir.resolve("nested/report.json");

        twoEpochs().write(file, BACKEND);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals(List.of("command", "started", "configuration", "epochs", "throughput", "environment"),
                iterable(root.fieldNames()));
        assertEquals("mnist", root.get("command").asText());
        assertEquals(0.1, root.get("configuration").get("learningRate").asDouble());
        assertEquals(2, root.get("epochs").size());
        JsonNode second = root.get("epochs").get(1);
        assertEquals(List.of("epoch", "loss", "accuracy", "samples", "seconds", "samplesPerSecond"),
                iterable(second.fieldNames()));
        assertEquals(600.0, second.get("samplesPerSecond").asDouble(), 1e-9);
        assertEquals(1200, root.get("throughput").get("samples").asLong());
        assertEquals(400.0, root.get("throughput").get("samplesPerSecond").asDouble(), 1e-9);
        JsonNode environment = root.get("environment");
        for (String key : List.of("java", "nd4j", "jgrad", "backend", "nativeBuild", "oneDnn", "blasVendor",
                "ompThreads", "blasThreads", "cores")) {
            assertTrue(environment.has(key), "environment lacks " + key + ": " + environment);
        }
        assertEquals("1.0.0-M2.1", environment.get("nd4j").asText());
        assertEquals(2, environment.get("blasThreads").asInt());
    }

    @Test
    void epochWithoutAccuracyHasNoAccuracyKey() {
        TrainingReport report = new TrainingReport("line", Map.of());
        report.add(EpochMetrics.withoutAccuracy(1, 68, 3, 0.001));

        @SuppressWarnings("unchecked")
        Map<String, Object> epoch = ((List<Map<String, Object>>) report.toMap(BACKEND).get("epochs")).get(0);

        assertFalse(epoch.containsKey("accuracy"), epoch.toString());
        assertEquals(68.0, epoch.get("loss"));
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
