package jgrad.examples.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.optim.Checkpoint;

/**
 * A trained tagger on disk, as a directory of three files: {@code vocabulary.json} (the featurizer: tag
 * set, window, vocabularies; see {@link WindowFeaturizer#save}), {@code model.json} (the network's
 * sizes and how the checkpoint was chosen) and {@code parameters.npz} (the parameter values by name,
 * written by {@link Checkpoint}; {@code np.load} reads it).
 */
public final class TaggerCheckpoint {

    static final String FORMAT = "jgrad-tagger-model/1";
    static final String VOCABULARY = "vocabulary.json";
    static final String MODEL = "model.json";
    static final String PARAMETERS = "parameters.npz";

    /** A loaded tagger: its featurizer and its network. */
    public record Loaded(WindowFeaturizer featurizer, WindowTagger model, JsonNode info) {}

    private TaggerCheckpoint() {}

    /** Writes the tagger into {@code directory} (made if missing); {@code info} adds fields to model.json. */
    public static void save(Path directory, WindowFeaturizer featurizer, WindowTagger.Sizes sizes, WindowTagger model,
            Map<String, Object> info) throws IOException {
        Files.createDirectories(directory);
        featurizer.save(directory.resolve(VOCABULARY));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("wordDim", sizes.wordDim());
        json.put("capDim", sizes.capDim());
        json.put("suffixDim", sizes.suffixDim());
        json.put("hidden", sizes.hidden());
        json.putAll(info);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(directory.resolve(MODEL).toFile(), json);
        Checkpoint.save(directory.resolve(PARAMETERS), model.namedParameters());
    }

    /** Reads a tagger written by {@link #save}. */
    public static Loaded load(Path directory) throws IOException {
        Path modelFile = directory.resolve(MODEL);
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("tagger model: " + directory + " holds no " + MODEL
                    + "; expected the output directory of 'jgrad tagger train'");
        }
        JsonNode json = new ObjectMapper().readTree(modelFile.toFile());
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new IllegalArgumentException(modelFile + ": format '" + json.path("format").asText() + "'; expected '" + FORMAT + "'");
        }
        WindowTagger.Sizes sizes = new WindowTagger.Sizes(json.path("wordDim").asInt(), json.path("capDim").asInt(),
                json.path("suffixDim").asInt(), json.path("hidden").asInt());
        WindowFeaturizer featurizer = WindowFeaturizer.load(directory.resolve(VOCABULARY));
        WindowTagger model = new WindowTagger(featurizer, sizes, 0);
        Checkpoint.load(directory.resolve(PARAMETERS), model.namedParameters());
        return new Loaded(featurizer, model, json);
    }
}
