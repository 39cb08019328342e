package jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import jgrad.examples.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void aShortRunReportsMicrosecondsForEachCase() throws Exception {
        Path report = dir.resolve("ops.json");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("bench", "ops", "--warmup-seconds", "0", "--repeat-seconds", "0.01",
                    "--repeats", "3", "--report", report.toString());
        } finally {
            System.setOut(stdout);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, output);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String key : List.of("tiny_add_microseconds", "matmul256_microseconds", "mlp_batch128_microseconds",
                "tiny_add_cpu_microseconds", "matmul256_cpu_microseconds", "mlp_batch128_cpu_microseconds")) {
            assertTrue(json.path(key).asDouble() > 0, "no positive number under " + key + " in " + json);
        }
        assertTrue(output.contains("4-element add") && output.contains("thread CPU time"), output);
    }

    @Test
    void theHelpPointsToTheJmhBenchmarks() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Main.commandLine().execute("bench", "ops", "--help");
        } finally {
            System.setOut(stdout);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("org.openjdk.jmh.Main"), printed.toString(StandardCharsets.UTF_8));
    }
}
