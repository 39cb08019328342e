package jgrad.examples.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.FileErrors;

/**
 * The record of one training run, written as JSON by {@code --report FILE}.
 *
 * <p>The structure is the same for every command, so runs can be compared by one script:
 * <pre>{@code
 * { "command": "xor", "started": "2026-...Z",
 *   "configuration": { "epochs": 5000, "learningRate": 2.0, ... },
 *   "epochs": [ { "epoch": 1, "loss": 0.25, "accuracy": 0.5, "samples": 4, "seconds": 0.01,
 *                 "samplesPerSecond": 400.0 }, ... ],
 *   "throughput": { "samples": 20000, "seconds": 1.9, "samplesPerSecond": 10526.3 },
 *   "environment": { "java": "17.0.15", "nd4j": "1.0.0-M2.1", "jgrad": "0.1.0-SNAPSHOT",
 *                    "backend": "CPU", "nativeBuild": "linux-x86_64-onednn", "oneDnn": true,
 *                    "blasVendor": "OPENBLAS", "ompThreads": 1, "blasThreads": 2, "cores": 2 } }
 * }</pre>
 * An epoch without an accuracy has no {@code accuracy} key.
 */
public final class TrainingReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String command;
    private final Instant started = Instant.now();
    private final Map<String, Object> configuration;
    private final List<EpochMetrics> epochs = new ArrayList<>();

    /**
     * @param command       the subcommand that trained, e.g. {@code xor}
     * @param configuration its settings by name; values must be JSON-friendly (numbers, strings, lists)
     */
    public TrainingReport(String command, Map<String, ?> configuration) {
        this.command = command;
        this.configuration = new LinkedHashMap<>(configuration);
    }

    /** The subcommand that trained. */
    public String command() {
        return command;
    }

    /** Adds one epoch's figures. */
    public void add(EpochMetrics metrics) {
        epochs.add(metrics);
    }

    /** The epochs recorded so far, in order. */
    public List<EpochMetrics> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The report as a tree of maps and lists, in the order it is written. */
    public Map<String, Object> toMap(Backend backend) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("started", started.toString());
        root.put("configuration", configuration);
        List<Map<String, Object>> epochList = new ArrayList<>();
        long samples = 0;
        double seconds = 0;
        for (EpochMetrics e : epochs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("epoch", e.epoch());
            entry.put("loss", e.loss());
            if (e.hasAccuracy()) {
                entry.put("accuracy", e.accuracy());
            }
            entry.put("samples", e.samples());
            entry.put("seconds", e.seconds());
            entry.put("samplesPerSecond", e.samplesPerSecond());
            epochList.add(entry);
            samples += e.samples();
            seconds += e.seconds();
        }
        root.put("epochs", epochList);
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("samples", samples);
        throughput.put("seconds", seconds);
        throughput.put("samplesPerSecond", seconds > 0 ? samples / seconds : 0.0);
        root.put("throughput", throughput);
        root.put("environment", backend.environment());
        return root;
    }

    /** Writes the report as indented JSON, creating missing parent directories. */
    public void write(Path file, Backend backend) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), toMap(backend));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file + ": " + FileErrors.reason(e, file), e);
        }
    }
}
