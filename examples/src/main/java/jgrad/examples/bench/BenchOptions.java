package jgrad.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.examples.report.Backend;
import jgrad.examples.report.Versions;
import picocli.CommandLine.Option;

/**
 * The options the benchmark commands share, as a picocli mixin: the thread settings (with the same
 * defaults as the training commands' {@code TrainingOptions}) and {@code --report}. A benchmark reports
 * figures, not epochs, so its JSON is its own: the figures at the top level, beside {@code command},
 * {@code started}, {@code configuration} and the same {@code environment} block as a training report.
 */
public final class BenchOptions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for ND4J's own ops (elementwise, reductions). "
                    + "Default: OMP_NUM_THREADS, which the jgrad launcher sets to 1 unless you did.")
    int threads;

    @Option(names = "--blas-threads", paramLabel = "N", description = "Threads for BLAS (matrix products). Default: all cores.")
    int blasThreads;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the figures as JSON to FILE.")
    Path report;

    private final Instant started = Instant.now();

    /** Applies the thread settings, prints the back end and returns it. */
    public Backend start(PrintStream out) {
        Backend.setThreads(threads, blasThreads > 0 ? blasThreads : Runtime.getRuntime().availableProcessors());
        Backend backend = Backend.current();
        out.println(backend.summary());
        return backend;
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
        root.put("environment", environment(backend));
        try {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(report.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + report + ": " + e.getMessage(), e);
        }
        out.println("report written to " + report);
    }

    /** The versions and the back end, keyed as in {@code TrainingReport}. */
    static Map<String, Object> environment(Backend backend) {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("java", Versions.java());
        environment.put("nd4j", Versions.nd4j());
        environment.put("jgrad", Versions.jgrad());
        environment.put("backend", backend.backend());
        environment.put("nativeBuild", backend.nativeBuild());
        environment.put("oneDnn", backend.oneDnn());
        environment.put("blasVendor", backend.blasVendor());
        environment.put("ompThreads", backend.ompThreads());
        environment.put("blasThreads", backend.blasThreads());
        environment.put("cores", backend.cores());
        return environment;
    }
}
