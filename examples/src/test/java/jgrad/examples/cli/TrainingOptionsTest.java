package jgrad.examples.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jgrad.examples.report.Backend;
import jgrad.examples.report.EpochMetrics;
import jgrad.examples.report.TrainingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainingOptionsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintWriter out = new PrintWriter(new PrintStream(printed, true, StandardCharsets.UTF_8), true);

    @Test
    void startPrintsTheStartUpLineWithTheThreadsAskedFor() {
        TrainingOptions options = CommandLine.populateCommand(new TrainingOptions(), "--threads", "1", "--blas-threads", "1");

        Backend backend = options.start(out);

        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("threads: ops 1, BLAS 1"), printed.toString());
        assertTrue(backend.ompThreads() == 1 && backend.blasThreads() == 1, backend.toString());
    }

    @Test
    void finishWritesTheReportAndThePlotAskedFor() throws Exception {
        Path json = dir.resolve("run.json");
        Path png = dir.resolve("run.png");
        TrainingOptions options = CommandLine.populateCommand(new TrainingOptions(),
                "--report", json.toString(), "--plot", png.toString());
        TrainingReport report = new TrainingReport("test", Map.of("epochs", 2));
        report.add(new EpochMetrics(1, 1.0, 0.5, 10, 0.1));
        report.add(new EpochMetrics(2, 0.5, 0.75, 10, 0.1));

        options.finish(report, Backend.current(), out);

        assertTrue(Files.size(json) > 0 && Files.size(png) > 0);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("report written to " + json), printed.toString());
    }

    @Test
    void runTrainsWithAReportOfTheCommandBetweenStartAndFinish() throws Exception {
        Path json = dir.resolve("run.json");
        TrainingOptions options = CommandLine.populateCommand(new TrainingOptions(), "--report", json.toString());

        options.run(new TrainingReport("test", Map.of("epochs", 1)), out, report -> {
            assertTrue(report.command().equals("test"), report.command());
            report.add(EpochMetrics.withoutAccuracy(1, 1.0, 10, 0.1));
        });

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith(Backend.current().summary()) && text.contains("report written to " + json), text);
        assertTrue(Files.readString(json).contains("\"command\" : \"test\""), Files.readString(json));
    }

    @Test
    void finishWritesNothingWhenNothingWasAskedFor() {
        TrainingOptions options = CommandLine.populateCommand(new TrainingOptions());

        options.finish(new TrainingReport("test", Map.of()), Backend.current(), out);

        assertTrue(printed.toString(StandardCharsets.UTF_8).isEmpty(), printed.toString());
    }
}
