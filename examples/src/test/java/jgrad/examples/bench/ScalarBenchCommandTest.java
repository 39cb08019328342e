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
import picocli.CommandLine;

class ScalarBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunOnTwentySyntheticImagesWritesEveryFigureAndTheEnginesAgree() throws Exception {
        Path report = dir.resolve("bench.json");
        CommandLineRun cli = new CommandLineRun();
        int exit = cli.execute("bench", "scalar", "--synthetic", "-n", "20", "--batch", "10",
                "--warmup", "0.1", "--repeats", "1", "--report", report.toString());
        String output = cli.out();
        assertEquals(0, exit, output);
        assertTrue(output.contains("loss after the first 10 steps: scalar"), output);

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String key : List.of("scalar_samples_per_second", "tensor_batch1_samples_per_second",
                "tensor_batch10_samples_per_second", "speedup_batch1", "speedup_batch10", "first_steps_loss_scalar",
                "first_steps_loss_tensor", "first_steps_loss_difference")) {
            assertTrue(json.path(key).isNumber(), "no number under " + key + " in " + json);
        }
        assertTrue(json.get("scalar_samples_per_second").asDouble() > 0);
        assertEquals(20, json.at("/configuration/images").asInt());
        assertEquals(10, json.at("/configuration/batchSize").asInt());
        for (String key : List.of("java", "nd4j", "jgrad", "backend", "blasVendor", "ompThreads", "blasThreads", "cores")) {
            assertTrue(json.at("/environment").has(key), "no environment." + key + " in " + json);
        }
        double scalar = json.get("first_steps_loss_scalar").asDouble();
        double tensor = json.get("first_steps_loss_tensor").asDouble();
        assertEquals(scalar, tensor, 1e-5 * Math.max(1, Math.abs(scalar)));
        assertTrue(scalar > 0, "loss " + scalar);
    }

    @Test
    void theFiguresAreKeyedByWhatTheyAreAndTheSpeedupsAreRatios() {
        ScalarBenchCommand.Result result = new ScalarBenchCommand.Result(10, 20, 5000, 128, 2.3, 2.3000001);
        var figures = result.figures();
        assertEquals(List.of("scalar_samples_per_second", "tensor_batch1_samples_per_second",
                "tensor_batch128_samples_per_second", "speedup_batch1", "speedup_batch128", "first_steps_loss_scalar",
                "first_steps_loss_tensor", "first_steps_loss_difference"), List.copyOf(figures.keySet()));
        assertEquals(2.0, (double) figures.get("speedup_batch1"), 1e-12);
        assertEquals(500.0, (double) figures.get("speedup_batch128"), 1e-12);
    }

    @Test
    void aBatchLargerThanTheImagesShrinksToAllOfThem() {
        ScalarBenchCommand command = new ScalarBenchCommand();
        new CommandLine(command).parseArgs("-n", "5");
        assertEquals(5, command.configuration().get("batchSize"));
    }
}
