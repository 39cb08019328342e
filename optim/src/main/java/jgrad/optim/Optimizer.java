package jgrad.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jgrad.core.Parameter;
import jgrad.core.RowSparseGrad;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Updates a fixed list of {@link Parameter}s in place from their gradients.
 *
 * <p>{@link #step()} applies one update to every parameter whose gradient arrived since the last
 * {@link #zeroGrad()} ({@link Parameter#hasGrad()}); the others are left alone, their state untouched.
 * Each parameter's state (its update count and buffers such as momentum) is kept by the parameter
 * itself, in an identity map, and is allocated once, when the optimizer is made (SGD's bookkeeping of
 * deferred rows, at a parameter's first row-sparse step): a step allocates no array. The learning rate can be changed between steps, which is how schedules drive it.
 *
 * <p>Weight decay, where an optimizer has it, is dense and applies only to the parameters chosen when
 * the optimizer is made: each step in which a decayed parameter has a gradient, every element of it
 * decays, including the rows of an embedding table that the batch did not touch (as PyTorch's
 * {@code weight_decay} does).
 *
 * <p><b>Row-sparse gradients</b> ({@link RowSparseGrad}, left by lookups in a parameter that
 * {@linkplain Parameter#useSparseGrad uses them}): {@link SGD} updates only the rows of the gradient
 * and brings every other row up to date, exactly, when it is next read (see {@link SGD}); {@link Adam}
 * and {@link AdamW} make the gradient dense and update every row, unless built {@code lazy}, a different
 * algorithm that leaves idle rows alone (see {@link AdamBuilder#lazy}).
 *
 * <p>For a checkpoint the state is exposed as named arrays ({@link #state(Map)}), under the names the
 * model gives its parameters: {@code "<buffer>/<parameter name>"} (e.g. {@code "momentum/0.weight"}),
 * {@code "step/<parameter name>"} (int64 scalar) and {@code "learning_rate"} (float64 scalar).
 * Hyperparameters other than the learning rate are construction arguments and are not saved.
 */
public abstract class Optimizer {

    /** What the optimizer keeps for one parameter. */
    static final class State {
        /** How many updates this parameter received (Adam's bias correction counts them). */
        long steps;
        /** The saved buffers, shaped like the parameter, in the order of {@link #bufferNames}. */
        final INDArray[] buffers;
        /** The weight decay wd of this parameter: the optimizer's for a decayed one, else 0. */
        double weightDecay;
        /** Working space shaped like the parameter, shared by parameters of one type and shape; not saved. */
        INDArray scratch;
        /** SGD's deferred rows of a parameter with row-sparse gradients; null until its first sparse step. */
        LazySgdRows lazyRows;

        State(int bufferCount) {
            this.buffers = new INDArray[bufferCount];
        }
    }

    private final String name;
    private final List<Parameter> parameters;
    private final IdentityHashMap<Parameter, State> states = new IdentityHashMap<>();
    private final List<String> bufferNames;
    private double learningRate;

    /**
     * @param name the optimizer's name, for error messages
     * @param bufferNames the per-parameter buffers the subclass keeps (zeros at first)
     * @param withScratch whether the subclass needs working space shaped like each parameter
     */
    @SuppressWarnings("try") // the scope is used for its effect: state outlives any workspace
    Optimizer(String name, Collection<Parameter> parameters, double learningRate, List<String> bufferNames,
            boolean withScratch) {
        this.name = name;
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimize");
        }
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        this.bufferNames = List.copyOf(bufferNames);
        setLearningRate(learningRate);
        Map<String, INDArray> scratchByLayout = new LinkedHashMap<>();
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int i = 0; i < this.parameters.size(); i++) {
                Parameter p = this.parameters.get(i);
                checkLayout(p, i);
                State state = new State(bufferNames.size());
                for (int b = 0; b < state.buffers.length; b++) {
                    state.buffers[b] = Nd4j.zeros(p.dataType(), p.shape());
                }
                if (withScratch) {
                    String layout = p.dataType() + Arrays.toString(p.shape());
                    state.scratch = scratchByLayout.computeIfAbsent(layout,
                            k -> Nd4j.createUninitialized(p.dataType(), p.shape(), 'c'));
                }
                if (states.put(p, state) != null) {
                    throw new IllegalArgumentException(name + ": parameter #" + i + " (" + describe(p)
                            + ") is listed twice; it would be updated twice per step");
                }
            }
        }
    }

    /** The updates go through BLAS, which needs float32 or float64 values, each one dense row-major block. */
    private void checkLayout(Parameter p, int index) {
        if (p == null) {
            throw new IllegalArgumentException(name + ": parameter #" + index + " is null");
        }
        if (p.dataType() != DataType.FLOAT && p.dataType() != DataType.DOUBLE) {
            // The updates go through BLAS axpy/scal, which ND4J offers for float32 and float64 only.
            throw new IllegalArgumentException(name + ": parameter #" + index + " is " + describe(p)
                    + "; optimizers update float32 or float64 parameters (keep a float32 master copy)");
        }
        INDArray v = p.value();
        if (v.length() > 0 && (v.ordering() != 'c' || v.elementWiseStride() != 1)) {
            throw new IllegalArgumentException(name + ": parameter #" + index + " (" + describe(p)
                    + ") is not a dense row-major array; make it from value.dup('c')");
        }
    }

    /**
     * Applies one update to every parameter that has a gradient. A {@link RowSparseGrad} goes to the
     * optimizer's row update when it has one (SGD, lazy Adam); otherwise it is made dense first.
     */
    public final void step() {
        for (Parameter p : parameters) {
            if (!p.hasGrad()) {
                continue;
            }
            State state = states.get(p);
            state.steps++;
            RowSparseGrad rows = p.sparseGrad();
            if (rows != null) {
                updateRows(p, rows, state);
            } else {
                update(p.storedValue(), p.grad(), state);
            }
        }
    }

    /**
     * Updates {@code w} in place from its gradient {@code g} (which it must not change).
     * {@code state.steps} already counts this update.
     */
    abstract void update(INDArray w, INDArray g, State state);

    /**
     * Updates {@code p} from a row-sparse gradient. By default the gradient is made dense
     * ({@link Parameter#grad()}) and every row updated: right for any optimizer, at the dense cost.
     */
    void updateRows(Parameter p, RowSparseGrad rows, State state) {
        update(p.storedValue(), p.grad(), state);
    }

    /** Brings every deferred row up to date, so that the buffers and values agree with a dense run. */
    private void catchUpDeferred() {
        for (State state : states.values()) {
            if (state.lazyRows != null) {
                state.lazyRows.catchUpAll();
            }
        }
    }

    /** Resets the gradient of every parameter. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate for the following steps (finite and not negative). */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(name + ": learning rate must be finite and >= 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** The parameters this optimizer updates, in the order it was given them. */
    public List<Parameter> parameters() {
        return parameters;
    }

    // ---- state for checkpoints ----

    /**
     * The state as named arrays, for a checkpoint. Buffers are returned live (not copied), so writing
     * into them restores them; {@code learning_rate} and {@code step/...} are fresh scalars, restored by
     * {@link #loadState}. Every parameter of this optimizer must have a name in {@code names}.
     */
    public Map<String, INDArray> state(Map<String, Parameter> names) {
        catchUpDeferred(); // deferred rows are brought up to date first: a checkpoint holds no debt
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("learning_rate", Nd4j.scalar(DataType.DOUBLE, learningRate));
        IdentityHashMap<Parameter, String> nameOf = invert(names);
        for (Parameter p : parameters) {
            String pname = nameOf.get(p);
            State state = states.get(p);
            out.put("step/" + pname, Nd4j.scalar(DataType.INT64, state.steps));
            for (int b = 0; b < state.buffers.length; b++) {
                out.put(bufferNames.get(b) + "/" + pname, state.buffers[b]);
            }
        }
        return out;
    }

    /**
     * Restores the state from named arrays, as {@link #state(Map)} names them. Names, shapes and types
     * must match exactly; nothing is changed when they do not. Restored rows are all current: nothing is
     * deferred after a load.
     */
    public void loadState(Map<String, INDArray> saved, Map<String, Parameter> names) {
        Map<String, INDArray> live = state(names);
        ArraySpec.requireSame(name + " state", ArraySpec.of(live), ArraySpec.of(saved));
        double savedRate = saved.get("learning_rate").getDouble(0);
        if (!(savedRate >= 0) || Double.isInfinite(savedRate)) {
            throw new IllegalArgumentException(name + " state: saved learning rate " + savedRate + " is not finite and >= 0");
        }
        IdentityHashMap<Parameter, String> nameOf = invert(names);
        for (Parameter p : parameters) {
            long steps = saved.get("step/" + nameOf.get(p)).getLong(0);
            if (steps < 0) {
                throw new IllegalArgumentException(name + " state: step/" + nameOf.get(p) + " is negative: " + steps);
            }
        }
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            if (!e.getKey().equals("learning_rate") && !e.getKey().startsWith("step/")) {
                e.getValue().assign(saved.get(e.getKey()));
            }
        }
        for (Parameter p : parameters) {
            State state = states.get(p);
            state.steps = saved.get("step/" + nameOf.get(p)).getLong(0);
            if (state.lazyRows != null) {
                state.lazyRows.restart(state.steps); // the loaded rows are all current
            }
        }
        learningRate = savedRate;
    }

    private IdentityHashMap<Parameter, String> invert(Map<String, Parameter> names) {
        IdentityHashMap<Parameter, String> nameOf = new IdentityHashMap<>();
        names.forEach((n, p) -> nameOf.put(p, n));
        for (int i = 0; i < parameters.size(); i++) {
            if (!nameOf.containsKey(parameters.get(i))) {
                throw new IllegalArgumentException(name + ": parameter #" + i + " (" + describe(parameters.get(i))
                        + ") has no name among the model's parameters " + names.keySet());
            }
        }
        return nameOf;
    }

    /**
     * The parameters whose names pass a filter, in the map's order: the way to pick the parameters
     * to decay, e.g. {@code select(model.namedParameters(), n -> !n.endsWith("bias"))}.
     */
    public static List<Parameter> select(Map<String, Parameter> named, Predicate<String> nameFilter) {
        List<Parameter> out = new ArrayList<>();
        named.forEach((n, p) -> {
            if (nameFilter.test(n)) {
                out.add(p);
            }
        });
        return out;
    }

    // ---- shared by the subclasses ----

    /**
     * Sets the weight decay of the {@code decayed} parameters (null: all of them), which must be among
     * the optimized ones; the others keep none.
     */
    void setWeightDecay(double weightDecay, Collection<Parameter> decayed) {
        for (Parameter p : decayed == null ? parameters : decayed) {
            State state = p == null ? null : states.get(p);
            if (state == null) {
                throw new IllegalArgumentException(name + ": a decayed parameter ("
                        + (p == null ? "null" : describe(p)) + ") is not among the parameters being optimized");
            }
            state.weightDecay = weightDecay;
        }
    }

    static void requireNonNegative(String optimizer, String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " must be finite and >= 0, got " + value);
        }
    }

    static String describe(Parameter p) {
        return ArraySpec.typeName(p.dataType()) + Arrays.toString(p.shape());
    }

    /** y += alpha * x, through BLAS: no temporary array. */
    static void axpy(double alpha, INDArray x, INDArray y) {
        blas().axpy(y.length(), alpha, x, y);
    }

    /** x *= alpha, through BLAS: no temporary array. */
    static void scale(double alpha, INDArray x) {
        if (alpha != 1) {
            blas().scal(x.length(), alpha, x);
        }
    }

    private static Level1 blas() {
        return Nd4j.getBlasWrapper().level1();
    }
}
