package jgrad.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.FileErrors;
import jgrad.examples.cli.OutputCheck;
import jgrad.examples.cli.ThreadOptions;
import jgrad.examples.report.AtomicFile;
import jgrad.examples.report.Backend;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options the benchmark commands share, as a picocli mixin: the thread settings (with the same
 * defaults as the training commands' {@code TrainingOptions}) and {@code --report}. A benchmark reports
 * figures, not epochs, so its JSON is its own: the figures at the top level, beside {@code command},
 * {@code started}, {@code configuration} and the same {@code environment} block as a training report.
 */
public final class BenchOptions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--report", paramLabel = "FILE", description = "Write the figures as JSON to FILE.")
    Path report;

    private final Instant started = Instant.now();

    /** The longest warm-up or repeat a benchmark accepts, in seconds: an hour, far beyond any steady state. */
    public static final double MAX_SECONDS = 3600;
    /** The most repeats a benchmark accepts. */
    public static final int MAX_REPEATS = 1000;

    /**
     * Checks the thread counts and that the {@code --report} file can be written, before the benchmark runs.
     *
     * @throws IOException if the report cannot be written
     */
    public void check() throws IOException {
        threads.check();
        if (report != null) {
            OutputCheck.writable("--report", report);
        }
    }

    /** Applies the thread settings, prints the back end and returns it. */
    public Backend start(PrintStream out) {
        return threads.apply(new PrintWriter(out, true), 0);
    }

    /**
     * Writes {@code command}, {@code started}, the configuration, the figures and the environment to the
     * {@code --report} file, if one was asked for, and says where.
     */
    public void finish(String command, Map<String, ?> configuration, Map<String, ?> figures, Backend backend, PrintStream out) {
        if (report == null) {
            return;
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("started", started.toString());
        root.put("configuration", configuration);
        root.putAll(figures);
        root.put("environment", backend.environment());
        try {
            AtomicFile.write(report, stream -> JSON.writeValue(stream, root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + report + ": " + FileErrors.reason(e, report), e);
        }
        out.println("report written to " + report);
    }
}
