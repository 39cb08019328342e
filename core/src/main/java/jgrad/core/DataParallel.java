package jgrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Data-parallel gradients within one JVM: a step's batch is cut into N contiguous shares, replica k
 * computes the gradient of its share on its own thread and its own tape, and the replicas' gradients
 * are added into the model's, in replica order ({@link GradientSum}), so that one optimizer step
 * follows as after a single tape. Replica 0 is the model itself, on the calling thread; replicas 1 to
 * N - 1 are copies made by a factory, each always served by the same worker thread (so its step memory
 * pool stays warm) with {@link Threads#ops()} OpenMP threads. While a step has several shares, each
 * share's thread, the caller's included, is {@linkplain #onReplicaThread marked}, so that its kernels do
 * not split their work over the cores the other replicas use.
 *
 * <p>For a {@code jgrad.layers.Layer}, {@code jgrad.layers.Replicas.of(model)} builds one with the
 * layer's own replicas and the count {@link ReplicaChoice} gives for the multiply-adds its first step
 * measured ({@link #lastStepMultiplyAdds}); this class is the mechanism, for any model:
 *
 * <pre>{@code
 * DataParallel<Sequential> replicas = new DataParallel<>(model, Layer::parameters, 2, k -> newModel());
 * double loss = replicas.gradients(n, (m, from, to) -> Ops.crossEntropy(m.forward(rows(x, from, to)), rows(y, from, to)));
 * optimizer.step();
 * optimizer.zeroGrad();
 * }</pre>
 *
 * <p><b>The same step as one tape.</b> Share k of n rows out of the batch's B is back-propagated from
 * its mean loss with the seed n / B, so the gradients add up to the gradient of the batch's mean loss:
 * the single tape's result to float rounding (the sums are grouped differently), and the same bits in
 * every run with the same N (the order of the sum is fixed; the threads only decide when each share is
 * done). With N = 1, or a batch of one row, it is exactly the single tape.
 *
 * <p><b>Nothing mutable is shared.</b> Each replica has its own parameters, gradients and tape. Its
 * parameter values are either the model's own arrays, read in place ({@link #sharingValues}: a replica
 * built over them), or its own copies, which every worker refreshes from the model at the start of each
 * step (the optimizer has changed them since). Either is safe because during a step every replica only
 * reads the values and nobody writes them: the optimizer runs after {@link #gradients} returns, and the
 * next step's hand-over to the workers orders its writes before their reads. Reading in place saves a
 * memory pass over the parameters per replica and step and the copies' memory (the copy of the MNIST
 * MLP's 535,818 float32 values alone took 0.17-0.7 ms on a 2-core machine at load 12-16, against a
 * step of 2-3 ms of thread CPU time; the steps' CPU times of the two ways were within that noise). Deferred
 * updates of the model's parameters are applied first, on the calling thread. The replicas take the
 * model's gradient forms (dense or row-sparse, parameter by parameter) at the start of every step.
 *
 * <p><b>Randomness.</b> The factory gets the replica number, so a model with dropout can seed each
 * replica's generators apart; the masks then depend on N (the rows of a share draw from their replica's
 * generator), so a model with dropout gives the same bits for the same N only.
 *
 * @param <M> the model: anything whose parameters {@code parameters} lists in a fixed order (a
 *     {@code jgrad.layers.Layer}, with {@code Layer::parameters})
 */
public final class DataParallel<M> implements AutoCloseable {

    /** The mean loss of rows [from, to) of the step's batch, computed with {@code model} on the tape its caller opened. */
    @FunctionalInterface
    public interface ShareLoss<M> {
        Tensor meanLoss(M model, int from, int to);
    }

    private final M model;
    private final List<Parameter> modelParameters;
    /** Replica k at k - 1 (replica 0 is the model). */
    private final List<M> copies = new ArrayList<>();
    private final List<List<Parameter>> copyParameters = new ArrayList<>();
    /** The worker of replica k at k - 1: a single thread, so the replica always runs on the same thread. */
    private final List<ExecutorService> workers = new ArrayList<>();
    private long lastStepMultiplyAdds;

    /**
     * @param parameters lists a model's parameters, in the same order for the model and every replica
     * @param replicas N, at least 1
     * @param newReplica builds replica k (1 to N - 1) with the model's architecture; its values do not matter
     * @throws IllegalArgumentException if N is below 1 or a replica's parameters differ from the model's in
     *     number, shape or type
     */
    public DataParallel(M model, Function<M, List<Parameter>> parameters, int replicas, IntFunction<M> newReplica) {
        if (replicas < 1) {
            throw new IllegalArgumentException("DataParallel: the number of replicas must be at least 1, got " + replicas);
        }
        this.model = model;
        this.modelParameters = List.copyOf(parameters.apply(model));
        try {
            for (int k = 1; k < replicas; k++) {
                M copy = newReplica.apply(k);
                List<Parameter> copied = List.copyOf(parameters.apply(copy));
                requireSameParameters(k, copied);
                copied.forEach(Parameter::zeroGrad);
                copies.add(copy);
                copyParameters.add(copied);
                String name = "jgrad-replica-" + k;
                workers.add(Executors.newSingleThreadExecutor(run -> {
                    Thread thread = new Thread(run, name);
                    thread.setDaemon(true);
                    return thread;
                }));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void requireSameParameters(int k, List<Parameter> copied) {
        if (copied.size() != modelParameters.size()) {
            throw new IllegalArgumentException("DataParallel: replica " + k + " has " + copied.size()
                    + " parameters, the model " + modelParameters.size());
        }
        for (int i = 0; i < copied.size(); i++) {
            Parameter ours = modelParameters.get(i);
            Parameter theirs = copied.get(i);
            if (!java.util.Arrays.equals(ours.shape(), theirs.shape()) || ours.dataType() != theirs.dataType()) {
                throw new IllegalArgumentException("DataParallel: parameter " + i + " of replica " + k + " is "
                        + theirs.dataType() + java.util.Arrays.toString(theirs.shape()) + ", the model's "
                        + ours.dataType() + java.util.Arrays.toString(ours.shape()));
            }
        }
    }

    /**
     * New parameters over the same value arrays as {@code model}'s, each with a gradient of its own and
     * the same gradient form: what a replica that reads the model's values in place is built from (give
     * them to its layers, e.g. {@code new Dense(weight, bias)}). They must not be given to an optimizer.
     */
    public static List<Parameter> sharingValues(List<Parameter> model) {
        List<Parameter> out = new ArrayList<>(model.size());
        for (Parameter p : model) {
            out.add(sharingValue(p));
        }
        return out;
    }

    /** A new parameter over the value array of {@code p}, with a gradient of its own in the same form: see {@link #sharingValues}. */
    public static Parameter sharingValue(Parameter p) {
        return Tensor.param(p.storedValue()).useSparseGrad(p.usesSparseGrad());
    }

    /** N: the model and its replicas. */
    public int replicas() {
        return copies.size() + 1;
    }

    /**
     * Replica k: the model for k = 0, else the copy the factory built for k.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= k < }{@link #replicas()}
     */
    public M replica(int k) {
        if (k < 0 || k >= replicas()) {
            throw new IndexOutOfBoundsException("DataParallel.replica: replica " + k + " of " + replicas()
                    + ", expected 0 to " + (replicas() - 1));
        }
        return k == 0 ? model : copies.get(k - 1);
    }

    /**
     * Computes the gradient of the mean loss over a batch of {@code batchSize} rows and adds it into the
     * model's parameters (as a backward would: call the optimizer's {@code zeroGrad} after its step).
     * Share k holds rows [from, to), the first {@code batchSize % N} shares one row more than the others;
     * with fewer rows than replicas, the last replicas sit the step out.
     *
     * @return the batch's mean loss: the shares' losses weighted by their rows, added in replica order
     * @throws IllegalArgumentException if {@code batchSize} is below 1
     * @throws RuntimeException what a share's loss or backward threw (after every share has stopped; the
     *     model's gradients are then incomplete and must be zeroed)
     */
    public double gradients(int batchSize, ShareLoss<M> loss) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataParallel.gradients: the batch must have at least 1 row, got " + batchSize);
        }
        int shares = Math.min(replicas(), batchSize);
        if (shares == 1) {
            try (Tape tape = Tape.record()) {
                Tensor mean = loss.meanLoss(model, 0, batchSize);
                tape.backward(mean);
                lastStepMultiplyAdds = tape.multiplyAdds();
                return mean.item();
            }
        }
        for (Parameter p : modelParameters) {
            p.value(); // applies deferred updates here, before the workers read the stored values
        }
        // The model's forms as they are now (Embedding.sparseGrad may have changed since the constructor);
        // the copies hold no gradient between steps, so their form may change.
        for (List<Parameter> copied : copyParameters.subList(0, shares - 1)) {
            for (int i = 0; i < copied.size(); i++) {
                copied.get(i).useSparseGrad(modelParameters.get(i).usesSparseGrad());
            }
        }
        List<Future<Share>> pending = new ArrayList<>();
        for (int k = 1; k < shares; k++) {
            M copy = copies.get(k - 1);
            List<Parameter> copied = copyParameters.get(k - 1);
            int from = start(k, shares, batchSize);
            int to = start(k + 1, shares, batchSize);
            pending.add(workers.get(k - 1).submit(() -> {
                Threads.useOpsThreadsOnThisThread();
                for (int i = 0; i < copied.size(); i++) {
                    INDArray ours = modelParameters.get(i).storedValue();
                    INDArray theirs = copied.get(i).storedValue();
                    if (theirs != ours) {
                        theirs.assign(ours);
                    }
                }
                return share(copy, from, to, batchSize, loss);
            }));
        }
        RuntimeException failure = null;
        Share[] done = new Share[shares];
        try {
            done[0] = share(model, 0, start(1, shares, batchSize), batchSize, loss);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int k = 1; k < shares; k++) {
            try {
                done[k] = awaitUninterruptibly(pending.get(k - 1));
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            copyParameters.forEach(list -> list.forEach(Parameter::zeroGrad));
            throw failure;
        }
        double mean = 0;
        long multiplyAdds = 0;
        for (int k = 0; k < shares; k++) {
            if (k > 0) {
                GradientSum.addInto(modelParameters, copyParameters.get(k - 1));
                copyParameters.get(k - 1).forEach(Parameter::zeroGrad);
            }
            mean += done[k].weightedLoss();
            multiplyAdds += done[k].multiplyAdds();
        }
        lastStepMultiplyAdds = multiplyAdds;
        return mean;
    }

    /**
     * The multiply-adds that the last {@link #gradients} step's tapes recorded, over all shares (see
     * {@link Tape#multiplyAdds()}); 0 before the first step. Divided by the step's rows, what a row of the
     * model costs: {@link ReplicaChoice}'s measure, taken from the model itself.
     */
    public long lastStepMultiplyAdds() {
        return lastStepMultiplyAdds;
    }

    /**
     * Whether the calling thread computes one share of a data-parallel step that has several: a replica's
     * worker, or the caller's thread while it computes replica 0's share. Such a thread shares the cores
     * with the other replicas, so its kernels should not split their work over more threads.
     */
    public static boolean onReplicaThread() {
        return Tape.isReplicaShare();
    }

    /** What one share's step gave: its loss weighted by its fraction of the batch, and its tape's multiply-adds. */
    private record Share(double weightedLoss, long multiplyAdds) {}

    /** The first row of share k of {@code shares} over {@code rows} rows. */
    static int start(int k, int shares, int rows) {
        return k * (rows / shares) + Math.min(k, rows % shares);
    }

    /**
     * One share's backward (of a step of several), seeded with its fraction of the batch. The thread is
     * marked a replica's meanwhile, so that its matrix products stay on it ({@link SharedProducts}): a
     * replica owns its core already.
     */
    private static <M> Share share(M replica, int from, int to, int batchSize, ShareLoss<M> loss) {
        double weight = (double) (to - from) / batchSize;
        Tape.setReplicaShare(true);
        try (Tape tape = Tape.record()) {
            Tensor mean = loss.meanLoss(replica, from, to);
            if (mean.value().length() != 1) {
                throw new IllegalArgumentException("DataParallel.gradients: the loss of rows [" + from + ", " + to
                        + ") has shape " + java.util.Arrays.toString(mean.shape()) + "; expected a scalar mean loss");
            }
            try (INDArray seed = Nd4j.valueArrayOf(mean.shape(), weight, mean.dataType())) {
                tape.backward(mean, seed);
            }
            return new Share(mean.item() * weight, tape.multiplyAdds());
        } finally {
            Tape.setReplicaShare(false);
        }
    }

    private static Share awaitUninterruptibly(Future<Share> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the replica must finish before the step may continue
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("DataParallel: a replica failed: " + cause, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the workers, after each has released its thread's step memory. */
    @Override
    public void close() {
        for (ExecutorService worker : workers) {
            worker.submit(Tape::releasePooledMemory);
            worker.shutdown();
        }
        for (ExecutorService worker : workers) {
            try {
                worker.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
