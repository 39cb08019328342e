package jgrad.optim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Saves and restores a model's parameters and an optimizer's state in one {@code .npz} file (see
 * {@link Npz}), never with Java serialization.
 *
 * <p>Each parameter is stored under its name in the model ({@code "0.weight"}); the optimizer's state
 * under {@code "optimizer/"} followed by the name it gives it ({@code "optimizer/momentum/0.weight"},
 * {@code "optimizer/step/0.weight"}, {@code "optimizer/learning_rate"}). In NumPy:
 * {@code np.load("model.npz")["0.weight"]}.
 *
 * <p>Loading checks the whole file against the model and optimizer before changing anything: every name
 * missing or unexpected, every shape or type that differs, is reported in one message. Restoring into a
 * fresh model and a fresh optimizer built with the same settings continues training exactly as if it had
 * never stopped. A file that is damaged (see {@link Npz}) or holds NaN or infinite values is refused,
 * naming the file and the array.
 */
public final class Checkpoint {

    private static final String OPTIMIZER = "optimizer/";

    private Checkpoint() {}

    /** Saves the parameters alone. */
    public static void save(Path file, Map<String, Parameter> parameters) throws IOException {
        save(file, parameters, null);
    }

    /** Saves the parameters and, if not null, the optimizer's state; replaces {@code file} atomically. */
    public static void save(Path file, Map<String, Parameter> parameters, Optimizer optimizer) throws IOException {
        save(file, parameters, optimizer, Map.of());
    }

    /**
     * Saves, besides the parameters and the optimizer's state, other named arrays of the run (an epoch
     * counter, say), stored under their names like parameters.
     */
    public static void save(Path file, Map<String, Parameter> parameters, Optimizer optimizer, Map<String, INDArray> extras)
            throws IOException {
        Npz.write(file, arrays(parameters, optimizer, extras));
    }

    /** Loads the parameters (in place) from a checkpoint, ignoring any optimizer state it holds. */
    public static void load(Path file, Map<String, Parameter> parameters) throws IOException {
        load(file, parameters, null);
    }

    /**
     * Loads parameters (in place) and, if not null, the optimizer's state. The file must hold exactly the
     * expected arrays, with the expected shapes and types; otherwise nothing is changed and the exception
     * lists every difference.
     */
    public static void load(Path file, Map<String, Parameter> parameters, Optimizer optimizer) throws IOException {
        load(file, parameters, optimizer, Map.of());
    }

    /** Like {@link #load(Path, Map, Optimizer)}, also restoring (in place) the extra arrays that {@code save} stored. */
    public static void load(Path file, Map<String, Parameter> parameters, Optimizer optimizer, Map<String, INDArray> extras)
            throws IOException {
        Map<String, INDArray> live = arrays(parameters, optimizer, extras);
        Map<String, ArraySpec> expected = ArraySpec.of(live);
        long largest = 0;
        for (INDArray a : live.values()) {
            largest = Math.max(largest, a.length() * a.dataType().width());
        }
        Map<String, INDArray> loaded = Npz.read(file, largest, found -> requireSame(file, expected, found, optimizer));
        restore(file, loaded, parameters, optimizer, extras);
    }

    /**
     * Like {@link #load(Path, Map, Optimizer, Map)}, from the arrays of {@code file} that {@link Npz#read(Path)}
     * already read: for a run that checks what it recorded in its checkpoint (its options, say) before
     * restoring, without reading the file twice. The same checks, and nothing changed if one fails.
     */
    public static void load(Path file, Map<String, INDArray> read, Map<String, Parameter> parameters, Optimizer optimizer,
            Map<String, INDArray> extras) throws IOException {
        requireSame(file, ArraySpec.of(arrays(parameters, optimizer, extras)), ArraySpec.of(read), optimizer);
        restore(file, read, parameters, optimizer, extras);
    }

    /** Throws unless the file's arrays are those expected; parameters alone may come from a full checkpoint. */
    private static void requireSame(Path file, Map<String, ArraySpec> expected, Map<String, ArraySpec> found, Optimizer optimizer) {
        Map<String, ArraySpec> compared = new LinkedHashMap<>(found);
        if (optimizer == null) {
            // Parameters alone may come from a full checkpoint: its optimizer state is not asked for.
            compared.keySet().removeIf(name -> name.startsWith(OPTIMIZER));
        }
        ArraySpec.requireSame("checkpoint " + file + " against the model" + (optimizer == null ? "" : " and optimizer"),
                expected, compared);
    }

    /** Copies the checked arrays in place, the optimizer's state first (it checks its values before changing anything). */
    private static void restore(Path file, Map<String, INDArray> loaded, Map<String, Parameter> parameters, Optimizer optimizer,
            Map<String, INDArray> extras) throws IOException {
        requireFinite(file, loaded);
        if (optimizer != null) {
            Map<String, INDArray> state = new LinkedHashMap<>();
            loaded.forEach((name, a) -> {
                if (name.startsWith(OPTIMIZER)) {
                    state.put(name.substring(OPTIMIZER.length()), a);
                }
            });
            optimizer.loadState(state, parameters); // checks its values before changing anything
        }
        parameters.forEach((name, p) -> p.value().assign(loaded.get(name)));
        extras.forEach((name, a) -> a.assign(loaded.get(name)));
    }

    /**
     * Refuses NaN and infinities: no parameter, optimizer state or run counter can be right with one, and
     * a model loaded with one only fails later, with a NaN loss that names neither the file nor the cause.
     */
    private static void requireFinite(Path file, Map<String, INDArray> loaded) throws IOException {
        for (Map.Entry<String, INDArray> e : loaded.entrySet()) {
            INDArray a = e.getValue();
            if (!a.dataType().isFPType() || a.isEmpty()) {
                continue;
            }
            long bad;
            try (INDArray count = Nd4j.getExecutioner().exec(new MatchCondition(a, Conditions.notFinite()))) {
                bad = count.getLong(0);
            }
            if (bad > 0) {
                throw new IOException(file + "!" + e.getKey() + ".npy: " + bad + " of its " + a.length()
                        + " values are NaN or infinite; a checkpoint holds finite values only (the run that wrote it had diverged, "
                        + "or the file was damaged)");
            }
        }
    }

    private static Map<String, INDArray> arrays(Map<String, Parameter> parameters, Optimizer optimizer,
            Map<String, INDArray> extras) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> put(out, name, p.value()));
        extras.forEach((name, a) -> put(out, name, a));
        if (optimizer != null) {
            optimizer.state(parameters).forEach((name, a) -> out.put(OPTIMIZER + name, a));
        }
        return out;
    }

    private static void put(Map<String, INDArray> arrays, String name, INDArray array) {
        if (name.startsWith(OPTIMIZER)) {
            throw new IllegalArgumentException("checkpoint: the name '" + name + "' starts with '" + OPTIMIZER
                    + "', which names optimizer state");
        }
        if (arrays.put(name, array) != null) {
            throw new IllegalArgumentException("checkpoint: two arrays are named '" + name + "'");
        }
    }
}
