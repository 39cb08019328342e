package jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the ops of one step for reverse-mode differentiation, and owns that step's memory.
 *
 * <pre>{@code
 * try (Tape tape = Tape.record()) {
 *     Tensor loss = x.matmul(w).relu().sum();
 *     tape.backward(loss);          // w.grad() now holds d loss / d w
 * }                                 // every array the step made is released here
 * }</pre>
 *
 * <p>While a tape records, every op whose inputs include a tensor that requires a gradient (a
 * {@link Parameter}, or the result of a recorded op) is written down with its backward rule, in execution
 * order. {@link #backward(Tensor)} walks that list in reverse, which is already a topological order, so a
 * graph of any depth is differentiated without recursion. A tensor used by several ops receives the sum
 * of their gradients; a parameter's gradient accumulates across backward calls until
 * {@link Parameter#zeroGrad()}.
 *
 * <p>Three lifetimes: parameters, their gradients and optimizer state live as long as the model; every
 * array an op makes while a tape is open lives until that tape closes, when it goes back to a per-thread
 * pool for the next step (see {@link #liveArrays()}); what must outlive the step is copied out explicitly,
 * with {@link Tensor#item()} or {@link Tensor#keep()}. Using a tensor of a closed tape is an error.
 *
 * <p>A tape belongs to the thread that opened it; tapes nest, and {@link #noGrad()} opens a scope in
 * which nothing is recorded. The active tape of each thread, kept with the thread's step memory and the
 * scratch that its kernels reuse from call to call, is jgrad's per-thread state.
 *
 * <p>Open one tape per training step, inside the loop. Two misuses are caught:
 * <ul>
 *   <li>A second {@link #backward} through ops that an earlier backward of the same tape already walked
 *       is an error, as in PyTorch: it would add the same gradients into the parameters again (calling
 *       {@code backward(loss)} twice doubled them). Backward from outputs that share no recorded op (two
 *       losses computed separately) is allowed; to walk the same ops again on purpose, open the tape with
 *       {@link #retainGraph()}, PyTorch's {@code retain_graph=True}.</li>
 *   <li>A tape holds every array its ops make until it closes, so one tape opened around a whole
 *       training loop trains correctly but its memory grows with every step. When a tape comes to hold
 *       {@value #GROWTH_WARNING_ARRAYS} arrays (a training step of the MNIST MLP holds 21, of the MNIST
 *       CNN 34, of the tagger 29), it logs one warning through SLF4J (logger {@code jgrad.core.Tape})
 *       that says to open a tape per step. The check is one integer comparison per array the tape
 *       takes.</li>
 * </ul>
 */
public final class Tape implements AutoCloseable {

    /**
     * Arrays held by one tape at which it warns that it grows without bound: about 300 times what a
     * training step of the examples holds (MNIST MLP 21, CNN 34, tagger 29, counted with
     * {@link #liveArrays()} over one step from an empty pool), reached by a tape around an MLP training
     * loop after about 500 steps.
     */
    static final int GROWTH_WARNING_ARRAYS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Tape.class);

    /** The innermost open tape of each thread, and the thread's pool of step memory. */
    private static final ThreadLocal<Context> CONTEXT = ThreadLocal.withInitial(Context::new);

    static {
        Threads.initialize(); // jgrad picks its threads when it starts, before the first kernel runs
    }

    private static final class Context {
        final Memory memory = new Memory();
        final CustomOps customOps = new CustomOps();
        final ThreadScratch scratch = new ThreadScratch();
        Tape active;
        /** Whether this thread computes one share of a data-parallel step of several ({@link DataParallel#onReplicaThread}). */
        boolean replicaShare;
    }

    private final Context context;
    private final Tape parent;
    private final boolean recording;
    /** A no-grad scope inside another tape leaves its arrays to that tape. */
    private final boolean ownsMemory;
    private final List<Node> nodes = new ArrayList<>();
    private final Memory.Loans arrays = new Memory.Loans();
    /** The nodes that a backward has walked through: walking them again would add their gradients twice. */
    private final BitSet walked = new BitSet();
    private boolean retainGraph;
    /** The forward multiply-adds of the products and convolutions recorded here (see {@link #multiplyAdds()}). */
    private long multiplyAdds;
    /** {@link #GROWTH_WARNING_ARRAYS}; lowered by tests, so that they need not fill 10,000 arrays. */
    int growthWarningArrays = GROWTH_WARNING_ARRAYS;
    private boolean closed;

    /** One recorded op: its output, its inputs and how to send the output's gradient back to them. */
    record Node(String op, Tensor output, Tensor[] inputs, Backward backward) {}

    /** The backward rule of one op: adds the inputs' share of {@code gradOut} into their gradients. */
    @FunctionalInterface
    interface Backward {
        /** @param gradOut d loss / d output, shaped like the output; @param out the output's value */
        void propagate(INDArray gradOut, INDArray out);
    }

    private Tape(boolean recording) {
        this.context = CONTEXT.get();
        this.parent = context.active;
        this.recording = recording;
        this.ownsMemory = recording || parent == null;
        context.active = this;
    }

    /** Opens a tape that records the ops run on this thread until it is closed. */
    public static Tape record() {
        return new Tape(true);
    }

    /**
     * Opens a scope in which no op is recorded (evaluation, or updates to parameters). Inside another
     * tape its arrays belong to that tape; on its own it releases them when it closes.
     */
    public static Tape noGrad() {
        return new Tape(false);
    }

    /**
     * Lets {@link #backward} walk ops that an earlier backward of this tape already walked (PyTorch's
     * {@code retain_graph=True}); each walk adds its gradients into the parameters again. Without it, that
     * second walk is an error.
     *
     * <pre>{@code
     * try (Tape tape = Tape.record().retainGraph()) { ... }
     * }</pre>
     *
     * @return this tape
     */
    public Tape retainGraph() {
        checkOpen("retainGraph");
        retainGraph = true;
        return this;
    }

    /** Whether an op run now on this thread would be recorded. */
    public static boolean isRecording() {
        Tape active = CONTEXT.get().active;
        return active != null && active.recording;
    }

    /**
     * The number of arrays that jgrad's step memory holds, in use or pooled for reuse, over all threads.
     * A debug figure: a training loop that leaks nothing keeps it constant from its second step on.
     */
    public static long liveArrays() {
        return Memory.liveArrays();
    }

    /**
     * Releases the calling thread's pooled step memory. Call it when a thread is done training; the
     * next tape on that thread starts a new pool.
     */
    public static void releasePooledMemory() {
        Context context = CONTEXT.get();
        if (context.active != null) {
            throw new IllegalStateException("releasePooledMemory: a tape is still open on this thread");
        }
        context.memory.releaseAll();
    }

    /** Back-propagates from a scalar loss: adds d loss / d t into the gradient of every tensor t it depends on. */
    public void backward(Tensor loss) {
        if (loss.value().length() != 1) {
            throw new IllegalArgumentException("backward: loss has shape " + Arrays.toString(loss.shape())
                    + ", not a scalar; pass the gradient to start from with backward(output, seed)");
        }
        backward(loss, null);
    }

    /**
     * Back-propagates from any output, starting from {@code seed} = d loss / d output (same shape as the
     * output; {@code null} means ones). Going through an op that an earlier backward of this tape went
     * through is an error unless the tape {@link #retainGraph() retains its graph}.
     */
    public void backward(Tensor output, INDArray seed) {
        checkOpen("backward");
        if (!output.requiresGrad()) {
            throw new IllegalArgumentException("backward: the output (" + output.describe()
                    + ") depends on no tensor that requires a gradient; was the op run outside this tape?");
        }
        if (!(output instanceof Parameter) && output.recordedOn() != this) {
            throw new IllegalArgumentException("backward: the output (" + output.describe()
                    + ") was recorded on another tape; call backward on the tape that recorded it");
        }
        if (seed != null && !Arrays.equals(seed.shape(), output.shape())) {
            throw new IllegalArgumentException("backward: seed shape " + Arrays.toString(seed.shape())
                    + " differs from output shape " + Arrays.toString(output.shape()));
        }
        if (!retainGraph && !walked.isEmpty()) {
            checkNotWalked(output);
        }
        for (Node node : nodes) {
            node.output().clearGrad();
            for (Tensor input : node.inputs()) {
                input.clearGrad(); // results of an outer tape used here hold the last backward's gradient only
            }
        }
        // Ones come from a cache: filling a fresh array with a scalar op costs 5-10 us, and even a reshaped
        // view of a cached row is a new ND4J array with its own native shape buffer (about 1 us, and work for
        // ND4J's deallocator thread).
        INDArray start = seed != null ? seed.castTo(output.dataType()) : ones(output.dataType(), output.shape());
        output.addToGrad(start);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            INDArray gradOut = node.output().gradIfAny();
            if (gradOut != null) {
                node.backward().propagate(gradOut, node.output().value());
                walked.set(i);
            }
        }
    }

    /**
     * Fails, before any gradient is added, when a backward from {@code output} would go through a node
     * that an earlier backward walked. Nodes are in execution order, so one reverse pass finds every node
     * the output depends on; it stops when no tensor of this tape is left to reach, so it reads only the
     * nodes recorded since the output's earliest op. Runs only from the second backward of a tape on.
     */
    private void checkNotWalked(Tensor output) {
        Set<Tensor> toReach = Collections.newSetFromMap(new IdentityHashMap<>());
        if (output.recordedOn() == this) {
            toReach.add(output);
        }
        for (int i = nodes.size() - 1; i >= 0 && !toReach.isEmpty(); i--) {
            Node node = nodes.get(i);
            if (!toReach.remove(node.output())) {
                continue;
            }
            if (walked.get(i)) {
                throw new IllegalStateException("backward: '" + node.op() + "' (" + node.output().describe()
                        + ") was already differentiated by an earlier backward on this tape; a second pass would add"
                        + " the same gradients into the parameters again. Open a new tape for each step, call backward"
                        + " once on the sum of the losses, or open the tape with Tape.record().retainGraph() to allow it");
            }
            for (Tensor input : node.inputs()) {
                if (input.recordedOn() == this) {
                    toReach.add(input);
                }
            }
        }
    }

    /**
     * The recorded graph in Graphviz DOT: one box per tensor with its op, shape (none for a scalar) and,
     * for tensors of at most {@code 16} elements, its value and gradient; edges run from inputs to
     * outputs. Call it after {@link #backward} to see the gradients, and before the tape closes.
     */
    public String toDot() {
        return DotGraph.of(nodes, java.util.Map.of());
    }

    /**
     * Like {@link #toDot()}, with the given tensors labelled by name (as {@code x} instead of
     * {@code param}, or {@code h (sigmoid)}), which makes a diagram readable for a learner.
     */
    public String toDot(java.util.Map<? extends Tensor, String> names) {
        return DotGraph.of(nodes, names);
    }

    /**
     * The multiply-adds of the forward passes of the matrix products and convolutions recorded on this
     * tape so far: m k n for a product [m, k] x [k, n], batch x outChannels x inChannels x kH x kW x
     * outH x outW for a convolution. What a step computes, to the first order: its backward does about
     * twice as many. Divided by the batch's rows it is what {@link ReplicaChoice} weighs against the
     * model's parameters.
     */
    public long multiplyAdds() {
        return multiplyAdds;
    }

    /** Closes the tape: its ops are forgotten and the arrays it made go back to the pool. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (context.active != this) {
            throw new IllegalStateException("Tape.close: an inner tape is still open; close tapes in the reverse order of opening");
        }
        closed = true;
        context.active = parent;
        nodes.clear();
        context.memory.giveBack(arrays);
        if (parent == null && recording) {
            // Only a training step ends a step: an evaluation in between must not release the pool.
            context.memory.endStep();
        }
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen(String what) {
        if (closed) {
            throw new IllegalStateException(what + ": this tape is closed");
        }
    }

    // ---- used by the ops ----

    /** A [1, n] row of ones of the given type, kept per thread ({@link ThreadScratch#ones}). */
    static INDArray onesRow(DataType type, long n) {
        return ones(type, new long[] {1, n});
    }

    /** An array of ones of the given type and shape, kept per thread ({@link ThreadScratch#ones}); never written to. */
    static INDArray ones(DataType type, long[] shape) {
        return scratch().ones(type, shape);
    }

    /** What the calling thread's kernels reuse from call to call. */
    static ThreadScratch scratch() {
        return CONTEXT.get().scratch;
    }

    /** Adds {@code n} to the multiply-adds of the tape that recorded {@code out}, if one did. */
    static void countMultiplyAdds(Tensor out, long n) {
        Tape tape = out.recordedOn();
        if (tape != null) {
            tape.multiplyAdds += n;
        }
    }

    /** Marks (or unmarks) the calling thread as computing one share of a data-parallel step of several. */
    static void setReplicaShare(boolean share) {
        CONTEXT.get().replicaShare = share;
    }

    /** Whether the calling thread computes one share of a data-parallel step of several. */
    static boolean isReplicaShare() {
        return CONTEXT.get().replicaShare;
    }

    /** The calling thread's runner of libnd4j custom ops. */
    static CustomOps customOps() {
        return CONTEXT.get().customOps;
    }

    /** The tape whose memory an array made now belongs to, or null when no tape is open. */
    private static Tape memoryOwner() {
        Tape tape = CONTEXT.get().active;
        while (tape != null && !tape.ownsMemory) {
            tape = tape.parent;
        }
        return tape;
    }

    /**
     * An array with undefined contents, from the step memory of the open tape; outside any tape, an
     * ordinary array that the garbage collector releases.
     */
    static INDArray allocate(DataType type, long... shape) {
        return allocateIn(memoryOwner(), type, shape);
    }

    /** Like {@link #allocate}, from the memory of the given tape (null: an ordinary array). */
    static INDArray allocateIn(Tape owner, DataType type, long... shape) {
        if (owner == null) {
            return Nd4j.createUninitialized(type, shape, 'c');
        }
        INDArray array = owner.context.memory.take(type, shape, owner.arrays);
        if (owner.arrays.size() == owner.growthWarningArrays) {
            LOG.warn("A tape holds {} arrays, far more than a training step makes (the MNIST CNN's makes 34): is one"
                    + " tape open around a whole training loop? It keeps every step's arrays until it closes, so"
                    + " memory grows with each step. Open a new tape for each step, inside the loop:"
                    + " for (...) { try (Tape tape = Tape.record()) { ... tape.backward(loss); } optimizer.step(); }."
                    + " (A single step really this large is fine; this is said once per tape.)", owner.growthWarningArrays);
        }
        return array;
    }

    /**
     * Wraps an op's freshly computed value as a tensor and, when a tape records and an input requires a
     * gradient, writes the op down with its backward rule.
     */
    static Tensor result(String op, INDArray value, Backward backward, Tensor... inputs) {
        Tape owner = memoryOwner();
        Tape active = CONTEXT.get().active;
        boolean record = false;
        if (active != null && active.recording) {
            for (Tensor input : inputs) {
                if (input.requiresGrad()) {
                    record = true;
                    break;
                }
            }
        }
        Tensor out = new Tensor(value, op, owner, record ? active : null);
        if (record) {
            active.nodes.add(new Node(op, out, inputs, backward));
        }
        return out;
    }
}
