package jgrad.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import jgrad.examples.CommandLineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void aShortRunReportsMicrosecondsForEachCase() throws Exception {
        Path report = dir.resolve("ops.json");
        CommandLineRun cli = new CommandLineRun();
        int exit = cli.execute("bench", "ops", "--warmup-seconds", "0", "--repeat-seconds", "0.01",
                "--repeats", "3", "--report", report.toString());
        String output = cli.out();
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
        CommandLineRun cli = new CommandLineRun();
        assertEquals(0, cli.execute("bench", "ops", "--help"));
        assertTrue(cli.out().contains("org.openjdk.jmh.Main"), cli.out());
    }
}
