package jgrad.examples.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained tagger on disk, as a directory of three files: {@code vocabulary.json} (the featurizer: tag
 * set, window, vocabularies; see {@link WindowFeaturizer#save}), {@code model.json} (the network's
 * sizes and how the checkpoint was chosen) and {@code parameters.bin} (the parameter values).
 *
 * <p>TEMPORARY: {@code parameters.bin} is a small format of this class's own (per parameter its name,
 * shape and float32 values, big-endian) until jgrad.optim's Checkpoint (.npz) lands on main.
 */
public final class TaggerCheckpoint {

    static final String FORMAT = "jgrad-tagger-model/1";
    static final String PARAMETERS_MAGIC = "jgrad-parameters/1";
    static final String VOCABULARY = "vocabulary.json";
    static final String MODEL = "model.json";
    static final String PARAMETERS = "parameters.bin";

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
        writeParameters(directory.resolve(PARAMETERS), model.namedParameters());
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
        readParameters(directory.resolve(PARAMETERS), model.namedParameters());
        return new Loaded(featurizer, model, json);
    }

    static void writeParameters(Path file, Map<String, Parameter> parameters) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeUTF(PARAMETERS_MAGIC);
            out.writeInt(parameters.size());
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                INDArray value = entry.getValue().value();
                out.writeUTF(entry.getKey());
                out.writeInt(value.rank());
                for (long size : value.shape()) {
                    out.writeLong(size);
                }
                for (float f : value.dup('c').data().asFloat()) {
                    out.writeFloat(f);
                }
            }
        }
    }

    static void readParameters(Path file, Map<String, Parameter> parameters) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            String magic = in.readUTF();
            if (!PARAMETERS_MAGIC.equals(magic)) {
                throw new IllegalArgumentException(file + ": starts with '" + magic + "'; expected '" + PARAMETERS_MAGIC + "'");
            }
            int count = in.readInt();
            if (count != parameters.size()) {
                throw new IllegalArgumentException(file + ": " + count + " parameters; the model has " + parameters.size()
                        + " " + parameters.keySet());
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                }
                Parameter p = parameters.get(name);
                if (p == null || !Arrays.equals(p.shape(), shape)) {
                    throw new IllegalArgumentException(file + ": parameter '" + name + "' " + Arrays.toString(shape)
                            + " does not match the model's " + (p == null ? "(none of that name)" : Arrays.toString(p.shape())));
                }
                float[] values = new float[(int) p.value().length()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = in.readFloat();
                }
                p.value().assign(Nd4j.createFromArray(values).reshape('c', shape).castTo(p.dataType() == null ? DataType.FLOAT : p.dataType()));
            }
        }
    }
}
