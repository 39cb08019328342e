package jgrad.examples.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.FileErrors;

/**
 * The record of one training run, written as JSON by {@code --report FILE} and drawn by
 * {@code --plot FILE} ({@link CurvePlot}).
 *
 * <p>The structure is the same for every command, so runs can be compared by one script:
 * <pre>{@code
 * { "command": "mnist", "title": "MNIST, MLP 784-512-256-10: ...", "evaluatedOn": "test",
 *   "started": "2026-...Z",
 *   "configuration": { "epochs": 10, "learningRate": 0.1, ... },
 *   "epochs": [ { "epoch": 1, "trainLoss": 0.25, "testLoss": 0.11, "testAccuracy": 0.967,
 *                 "samples": 60000, "seconds": 2.3, "samplesPerSecond": 26100.0 }, ... ],
 *   "throughput": { "samples": 600000, "seconds": 16.2, "samplesPerSecond": 37037.0,
 *                   "firstEpoch": { "epochs": 1, "samples": 60000, "seconds": 2.3, "samplesPerSecond": 26100.0 },
 *                   "laterEpochs": { "epochs": 9, "samples": 540000, "seconds": 13.9, "samplesPerSecond": 38850.0 } },
 *   "environment": { "java": "17.0.15", "nd4j": "1.0.0-M2.1", "jgrad": "0.1.0-SNAPSHOT",
 *                    "backend": "CPU", "nativeBuild": "linux-x86_64-onednn", "oneDnn": true,
 *                    "blasVendor": "OPENBLAS", "ompThreads": 1, "blasThreads": 2, "cores": 2 } }
 * }</pre>
 * The evaluation keys are named after the split they were measured on ({@code testLoss},
 * {@code devAccuracy}, or {@code trainAccuracy} for a task measured on its training set); an epoch
 * without an evaluation loss or accuracy has no such key. The first epoch a process trains is reported
 * apart from the later ones because it includes the warm-up (JIT compilation, the step memory pool,
 * native kernels choosing their plans); {@code laterEpochs} is absent when only one epoch was recorded.
 */
public final class TrainingReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The split name of a task whose accuracy is measured on its own training data. */
    public static final String TRAIN = "train";

    private final String command;
    private final String title;
    private final String evaluatedOn;
    private final Instant started = Instant.now();
    private final Map<String, Object> configuration;
    private final List<EpochMetrics> epochs = new ArrayList<>();

    /** Throughput over some epochs. */
    public record Speed(int epochs, long samples, double seconds) {
        public double samplesPerSecond() {
            return seconds > 0 ? samples / seconds : 0;
        }
    }

    /**
     * A report titled with the command's name whose accuracy, if any, is on the training data.
     *
     * @param command       the subcommand that trained, e.g. {@code xor}
     * @param configuration its settings by name; values must be JSON-friendly (numbers, strings, lists)
     */
    public TrainingReport(String command, Map<String, ?> configuration) {
        this(command, command, TRAIN, configuration);
    }

    /**
     * @param command       the subcommand that trained, e.g. {@code mnist}
     * @param title         what the plot's title says: the model and the settings that matter
     * @param evaluatedOn   the split the evaluation loss and accuracy are measured on, a lowercase word
     *                      such as {@code test} or {@code dev} ({@value #TRAIN} for the training data)
     * @param configuration the settings by name; values must be JSON-friendly (numbers, strings, lists)
     * @throws IllegalArgumentException if {@code evaluatedOn} is not a lowercase word
     */
    public TrainingReport(String command, String title, String evaluatedOn, Map<String, ?> configuration) {
        if (evaluatedOn == null || !evaluatedOn.matches("[a-z]+")) {
            throw new IllegalArgumentException("report: the evaluation split must be a lowercase word such as "
                    + "test or dev, got '" + evaluatedOn + "'");
        }
        this.command = command;
        this.title = title;
        this.evaluatedOn = evaluatedOn;
        this.configuration = new LinkedHashMap<>(configuration);
    }

    /** Sets one setting, known only once training has started (the replicas a first step chose); returns this. */
    public TrainingReport configure(String name, Object value) {
        configuration.put(name, value);
        return this;
    }

    /** The subcommand that trained. */
    public String command() {
        return command;
    }

    /** The model and its key settings, in a line. */
    public String title() {
        return title;
    }

    /** The split the evaluation figures come from: {@code test}, {@code dev} or {@value #TRAIN}. */
    public String evaluatedOn() {
        return evaluatedOn;
    }

    /**
     * Adds one epoch's figures.
     *
     * @throws IllegalArgumentException if it has an evaluation loss but the evaluation is on the
     *     training data, where that loss would be a second, different training loss
     */
    public void add(EpochMetrics metrics) {
        if (metrics.hasEvalLoss() && TRAIN.equals(evaluatedOn)) {
            throw new IllegalArgumentException("report of " + command + ": epoch " + metrics.epoch()
                    + " has an evaluation loss (" + metrics.evalLoss() + ") but the report evaluates on the training "
                    + "data; name the held-out split in the report");
        }
        epochs.add(metrics);
    }

    /** The epochs recorded so far, in order. */
    public List<EpochMetrics> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The JSON key, and the plot legend in words, of a measure on the evaluation split. */
    public String evalKey(String measure) {
        return evaluatedOn + Character.toUpperCase(measure.charAt(0)) + measure.substring(1);
    }

    /** The speed of the first recorded epoch (with the warm-up). */
    public Speed firstEpoch() {
        return speed(epochs.isEmpty() ? List.of() : epochs.subList(0, 1));
    }

    /** The speed of the epochs after the first; zero epochs when only one was recorded. */
    public Speed laterEpochs() {
        return speed(epochs.size() < 2 ? List.of() : epochs.subList(1, epochs.size()));
    }

    /** The speed over every recorded epoch. */
    public Speed allEpochs() {
        return speed(epochs);
    }

    private static Speed speed(List<EpochMetrics> some) {
        long samples = 0;
        double seconds = 0;
        for (EpochMetrics e : some) {
            samples += e.samples();
            seconds += e.seconds();
        }
        return new Speed(some.size(), samples, seconds);
    }

    /** The report as a tree of maps and lists, in the order it is written. */
    public Map<String, Object> toMap(Backend backend) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", command);
        root.put("title", title);
        root.put("evaluatedOn", evaluatedOn);
        root.put("started", started.toString());
        root.put("configuration", configuration);
        List<Map<String, Object>> epochList = new ArrayList<>();
        for (EpochMetrics e : epochs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("epoch", e.epoch());
            entry.put("trainLoss", e.trainLoss());
            if (e.hasEvalLoss()) {
                entry.put(evalKey("loss"), e.evalLoss());
            }
            if (e.hasAccuracy()) {
                entry.put(evalKey("accuracy"), e.accuracy());
            }
            entry.put("samples", e.samples());
            entry.put("seconds", e.seconds());
            entry.put("samplesPerSecond", e.samplesPerSecond());
            epochList.add(entry);
        }
        root.put("epochs", epochList);
        Speed all = allEpochs();
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("samples", all.samples());
        throughput.put("seconds", all.seconds());
        throughput.put("samplesPerSecond", all.samplesPerSecond());
        if (!epochs.isEmpty()) {
            throughput.put("firstEpoch", toMap(firstEpoch()));
        }
        if (epochs.size() > 1) {
            throughput.put("laterEpochs", toMap(laterEpochs()));
        }
        root.put("throughput", throughput);
        root.put("environment", backend.environment());
        return root;
    }

    private static Map<String, Object> toMap(Speed speed) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", speed.epochs());
        map.put("samples", speed.samples());
        map.put("seconds", speed.seconds());
        map.put("samplesPerSecond", speed.samplesPerSecond());
        return map;
    }

    /** A setting as people write it in a title: 0.1, 2, 1e-4, 2.5e-4. */
    public static String setting(double value) {
        String text = Double.toString(value);
        if (text.contains("E")) { // Java writes below 1e-3 and from 1e7 as 1.0E-4
            String[] parts = text.split("E");
            return new java.math.BigDecimal(parts[0]).stripTrailingZeros().toPlainString() + "e" + parts[1];
        }
        return new java.math.BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    /** The line a command prints about the warm-up: the first epoch's speed and the later epochs'. */
    public String speedSummary(String unit) {
        String first = String.format(Locale.ROOT, "first epoch %,.0f %s/s (with warm-up)", firstEpoch().samplesPerSecond(), unit);
        if (epochs.size() < 2) {
            return "speed: " + first;
        }
        return String.format(Locale.ROOT, "speed: %s, later epochs %,.0f %s/s", first, laterEpochs().samplesPerSecond(), unit);
    }

    /** Writes the report as indented JSON, atomically, creating missing parent directories. */
    public void write(Path file, Backend backend) {
        Map<String, Object> tree = toMap(backend);
        try {
            AtomicFile.write(file, out -> JSON.writeValue(out, tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + file + ": " + FileErrors.reason(e, file), e);
        }
    }
}
