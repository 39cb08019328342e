package jgrad.examples.lm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.examples.report.AtomicFile;
import jgrad.examples.tagger.ModelDirectory;
import jgrad.examples.tagger.TaggerCheckpoint;
import jgrad.examples.tagger.Vocabulary;
import jgrad.optim.Checkpoint;

/**
 * A trained language model on disk, as a directory: {@code model.json} (format, sizes, the vocabulary's
 * words in id order, and how the kept epoch was chosen), {@code parameters.npz} (the best epoch's
 * parameters by name, written by {@link Checkpoint}; {@code np.load} reads it) and, while training,
 * {@code checkpoint.npz} (the last epoch's parameters, optimizer state and counters, for
 * {@code --resume}). A save replaces the directory as one unit ({@link ModelDirectory}: written beside it,
 * forced to disk, renamed into place), carrying the resume checkpoint over, so that a reader never sees the
 * parameters of one epoch with the model.json of another, and a failed save leaves the model saved before.
 * The directory may hold nothing else; the checkpoint alone is replaced on its own, atomically ({@link Checkpoint}).
 */
public final class LmModelFiles {

    static final String FORMAT = "jgrad-lm-model/1";
    static final String MODEL = "model.json";
    static final String PARAMETERS = "parameters.npz";
    static final String CHECKPOINT = "checkpoint.npz";
    /** What a language model's directory holds. */
    public static final ModelDirectory.Contents CONTENTS = new ModelDirectory.Contents("a language model",
            Set.of(MODEL, PARAMETERS, CHECKPOINT));

    /** A loaded model: its vocabulary, its network and what model.json says. */
    public record Loaded(Vocabulary vocabulary, NeuralLanguageModel model, JsonNode info) {}

    private LmModelFiles() {}

    /** The resume checkpoint's file in a model directory. */
    public static Path checkpoint(Path directory) {
        return directory.resolve(CHECKPOINT);
    }

    /**
     * Replaces {@code directory} (made if missing) with the network and its vocabulary, keeping its resume
     * checkpoint; {@code info} adds fields to model.json.
     */
    public static void save(Path directory, Vocabulary vocabulary, NeuralLanguageModel model, Map<String, Object> info)
            throws IOException {
        NeuralLanguageModel.Sizes sizes = model.sizes();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("order", sizes.order());
        json.put("embedding", sizes.embedding());
        json.put("hidden", sizes.hidden());
        json.put("direct", sizes.direct());
        json.put("dropout", sizes.dropout());
        json.putAll(info);
        json.put("words", vocabulary.known());
        ModelDirectory.save(directory, CONTENTS, staged -> {
            Checkpoint.save(staged.resolve(PARAMETERS), model.namedParameters());
            AtomicFile.writeJson(staged.resolve(MODEL), json);
            Path resume = checkpoint(directory);
            if (Files.isRegularFile(resume)) {
                carry(resume, staged.resolve(CHECKPOINT));
            }
        });
    }

    /** Puts {@code file} into the new directory too: a hard link (the checkpoint is only ever replaced, never written in place), else a copy. */
    private static void carry(Path file, Path into) throws IOException {
        try {
            Files.createLink(into, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, into);
        }
    }

    /** Reads a model written by {@link #save}. */
    public static Loaded load(Path given) throws IOException {
        Path directory = ModelDirectory.readable(given); // its .previous if a save was killed between its renames
        Path modelFile = directory.resolve(MODEL);
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("lm model: " + directory + " holds no " + MODEL
                    + "; expected the output directory of 'jgrad lm train'");
        }
        JsonNode json = TaggerCheckpoint.readJson(modelFile);
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new IllegalArgumentException(modelFile + ": format '" + json.path("format").asText() + "'; expected '" + FORMAT + "'");
        }
        JsonNode words = json.path("words");
        if (!words.isArray() || words.isEmpty()) {
            throw new IllegalArgumentException(modelFile + ": no 'words' list; expected the vocabulary in id order");
        }
        List<String> known = new ArrayList<>(words.size());
        words.forEach(w -> known.add(w.asText()));
        Vocabulary vocabulary = Vocabulary.of(known);
        NeuralLanguageModel.Sizes sizes;
        try {
            sizes = new NeuralLanguageModel.Sizes(TaggerCheckpoint.intField(json, "order", modelFile),
                    TaggerCheckpoint.intField(json, "embedding", modelFile), TaggerCheckpoint.intField(json, "hidden", modelFile),
                    json.path("direct").asBoolean(), json.path("dropout").asDouble());
        } catch (IllegalArgumentException e) {
            // intField names the file already; a size out of its range does not.
            throw e.getMessage().startsWith(modelFile.toString()) ? e : new IllegalArgumentException(modelFile + ": " + e.getMessage(), e);
        }
        NeuralLanguageModel model = new NeuralLanguageModel(sizes, vocabulary.size(), vocabulary.size() - 1, 0);
        Checkpoint.load(directory.resolve(PARAMETERS), model.namedParameters());
        return new Loaded(vocabulary, model, json);
    }
}
