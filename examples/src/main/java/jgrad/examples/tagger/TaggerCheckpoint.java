package jgrad.examples.tagger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import jgrad.optim.Checkpoint;

/**
 * A trained tagger on disk, as a directory of three files: {@code vocabulary.json} (the featurizer: tag
 * set, window, vocabularies; see {@link WindowFeaturizer#save}), {@code model.json} (the network's
 * sizes, its {@code loss}, "wll" or "sll" (missing in models saved before SLL: they load as WLL), its
 * character features {@code charDim}, {@code charFilters} (0: none) and {@code charWidth} (missing in models
 * saved before them: they load without), and how
 * the checkpoint was chosen) and {@code parameters.npz} (the parameter values by name,
 * an SLL model's tag transitions among them, written by {@link Checkpoint}; {@code np.load} reads it). The directory is saved as one unit
 * ({@link ModelDirectory}): a reader sees the old model or the new one, never a mix.
 */
public final class TaggerCheckpoint {

    static final String FORMAT = "jgrad-tagger-model/1";
    static final String VOCABULARY = "vocabulary.json";
    static final String MODEL = "model.json";
    static final String PARAMETERS = "parameters.npz";

    /** How often {@link #load} reads a model directory that a save replaced while it was read. */
    static final int READ_ATTEMPTS = 10;

    /** A loaded tagger: its featurizer and its network. */
    public record Loaded(WindowFeaturizer featurizer, WindowTagger model, JsonNode info) {}

    private TaggerCheckpoint() {}

    /**
     * Writes the tagger as {@code directory}, replacing any model there as one unit (see
     * {@link ModelDirectory}); {@code info} adds fields to model.json.
     */
    public static void save(Path directory, WindowFeaturizer featurizer, WindowTagger.Sizes sizes, WindowTagger model,
            Map<String, Object> info) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("wordDim", sizes.wordDim());
        json.put("capDim", sizes.capDim());
        json.put("suffixDim", sizes.suffixDim());
        json.put("hidden", sizes.hidden());
        json.put("charDim", sizes.characters().dim());
        json.put("charFilters", sizes.characters().filters());
        json.put("charWidth", sizes.characters().width());
        json.put("loss", model.loss().jsonName());
        json.putAll(info);
        ModelDirectory.save(directory, ModelDirectory.TAGGER, staged -> {
            featurizer.save(staged.resolve(VOCABULARY));
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(staged.resolve(MODEL).toFile(), json);
            Checkpoint.save(staged.resolve(PARAMETERS), model.namedParameters());
        });
    }

    /**
     * Reads a tagger written by {@link #save}. Every file is checked before it is trusted: the JSON files
     * must parse and hold valid values, and the sizes model.json declares must fit in parameters.npz before
     * the network is allocated.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     * @throws IOException if a file cannot be read or parameters.npz is damaged
     */
    public static Loaded load(Path directory) throws IOException {
        // A save that swaps the directory while it is read could mix files of two models: read again,
        // giving the saver time to finish; one save per epoch leaves ample time between swaps.
        for (int attempt = 1; ; attempt++) {
            Path dir = ModelDirectory.readable(directory);
            Object before = ModelDirectory.identity(dir);
            try {
                Loaded loaded = loadFrom(dir, directory);
                if (Objects.equals(before, ModelDirectory.identity(ModelDirectory.readable(directory)))) {
                    return loaded;
                }
            } catch (IOException | RuntimeException e) {
                if (Objects.equals(before, ModelDirectory.identity(ModelDirectory.readable(directory)))) {
                    throw e;
                }
            }
            if (attempt == READ_ATTEMPTS) {
                throw new IOException("tagger model: " + directory + " was replaced " + READ_ATTEMPTS
                        + " times while it was being read; is a training run saving into it every few milliseconds?");
            }
            try {
                Thread.sleep(20L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("tagger model: interrupted while reading " + directory, e);
            }
        }
    }

    private static Loaded loadFrom(Path dir, Path directory) throws IOException {
        Path modelFile = dir.resolve(MODEL);
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("tagger model: " + directory + " holds no " + MODEL
                    + "; expected the output directory of 'jgrad tagger train'");
        }
        Path parameters = dir.resolve(PARAMETERS);
        if (!Files.isRegularFile(parameters)) {
            throw new IllegalArgumentException("tagger model: " + directory + " holds " + MODEL + " but no " + PARAMETERS
                    + " (the network's weights); the directory is incomplete: train the model again");
        }
        JsonNode json = readJson(modelFile);
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new IllegalArgumentException(modelFile + ": format '" + json.path("format").asText() + "'; expected '" + FORMAT + "'");
        }
        WindowTagger.Sizes sizes = inFile(modelFile, () -> new WindowTagger.Sizes(intField(json, "wordDim", modelFile),
                intField(json, "capDim", modelFile), intField(json, "suffixDim", modelFile), intField(json, "hidden", modelFile),
                characters(json, modelFile)));
        JsonNode lossNode = json.get("loss");
        if (lossNode != null && !lossNode.isTextual()) {
            throw new IllegalArgumentException(modelFile + ": the field 'loss' is " + lossNode + "; expected \"wll\" or \"sll\"");
        }
        TaggerLoss loss = TaggerLoss.fromJson(lossNode == null ? null : lossNode.asText(), modelFile);
        WindowFeaturizer featurizer = WindowFeaturizer.load(dir.resolve(VOCABULARY));
        long declaredBytes = WindowTagger.parameterCount(featurizer, sizes, loss) * Float.BYTES;
        long fileBytes = Files.size(parameters);
        if (declaredBytes > fileBytes) {
            throw new IllegalArgumentException(modelFile + ": its sizes (" + sizes + ") with the vocabularies of " + VOCABULARY
                    + " make " + declaredBytes + " bytes of parameters, but " + PARAMETERS + " has only " + fileBytes
                    + " bytes; the files do not belong together");
        }
        WindowTagger model = new WindowTagger(featurizer, sizes, 0, loss);
        Checkpoint.load(parameters, model.namedParameters());
        return new Loaded(featurizer, model, json);
    }

    /** The character features model.json declares; a model saved before them has none (no "charFilters"). */
    private static WindowTagger.Characters characters(JsonNode json, Path modelFile) {
        if (!json.has("charFilters")) {
            return WindowTagger.Characters.NONE;
        }
        return new WindowTagger.Characters(intField(json, "charDim", modelFile), intField(json, "charFilters", modelFile),
                intField(json, "charWidth", modelFile));
    }

    /** Parses a JSON file; a syntax error names the file. */
    public static JsonNode readJson(Path file) throws IOException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() : ""), e);
        }
    }

    /** A whole-number field of a JSON file, named in the message when missing or of another kind. */
    public static int intField(JsonNode json, String name, Path file) {
        JsonNode node = json.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(file + ": the field '" + name + "' is " + (node == null ? "missing" : node)
                    + "; expected a whole number");
        }
        return node.intValue();
    }

    /** Runs {@code build}; an invalid value it refuses is reported with the file it came from. */
    static <T> T inFile(Path file, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw message.startsWith(file.toString()) ? e : new IllegalArgumentException(file + ": " + message, e);
        }
    }
}
