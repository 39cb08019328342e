package jgrad.spark;

import java.util.Iterator;
import java.util.List;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.core.Threads;
import jgrad.layers.Layer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One task of one step, run on an executor for one partition: loads the driver's parameters into a
 * replica, sums the loss of the partition's share of the global batch, back-propagates, and returns the
 * summed gradients as plain arrays (for a row-sparse table, only the rows the share touched).
 * Everything the step allocated is released before it returns: the batch arrays, the tape's arrays and
 * the thread's pool of step memory, so an executor's off-heap memory stays flat however many steps it
 * serves and whichever of its threads runs the next task.
 */
final class GradientTask<E> implements Function2<Integer, Iterator<Shard<E>>, Iterator<GradientSum>> {

    private final String runId;
    private final Replica<E> replica;
    private final ParameterLayout layout;
    private final Broadcast<StepInput> input;

    GradientTask(String runId, Replica<E> replica, ParameterLayout layout, Broadcast<StepInput> input) {
        this.runId = runId;
        this.replica = replica;
        this.layout = layout;
        this.input = input;
    }

    @Override
    public Iterator<GradientSum> call(Integer partition, Iterator<Shard<E>> shards) {
        long start = System.nanoTime();
        StepInput in = input.value();
        if (!shards.hasNext()) {
            throw new IllegalStateException("spark: partition " + partition + " holds no shard; the data set's "
                    + "RDD must come from DistributedGradients");
        }
        List<E> share = shards.next().share(in.batch());
        if (share.isEmpty()) {
            return List.of(new GradientSum(partition, 0, 0, new Object[layout.size()], System.nanoTime() - start))
                    .iterator();
        }
        useTaskCores();
        Layer model = ReplicaPool.take(runId, replica, layout);
        try {
            List<Parameter> parameters = List.copyOf(model.namedParameters().values());
            layout.load(in.values(), parameters);
            INDArray[] arrays = replica.arrays(share);
            double lossSum;
            try (Tape tape = Tape.record()) {
                Tensor loss = replica.lossSum(model, arrays);
                tape.backward(loss);
                lossSum = loss.item();
            } finally {
                for (INDArray a : arrays) {
                    a.close();
                }
            }
            Object[] gradients = layout.gradients(parameters);
            Tape.releasePooledMemory();
            return List.of(new GradientSum(partition, share.size(), lossSum, gradients, System.nanoTime() - start))
                    .iterator();
        } finally {
            ReplicaPool.give(runId, model);
        }
    }

    /**
     * The thread rule: an executor runs {@code spark.executor.cores / spark.task.cpus} tasks at once, and
     * OpenMP's thread count is one setting for the whole JVM, so each task gets {@code spark.task.cpus}
     * threads (and OpenBLAS at most as many), and its matrix products are not shared with helper threads.
     * Then threads times concurrent tasks equals the executor's cores, never more.
     */
    private static void useTaskCores() {
        TaskContext task = TaskContext.get();
        int cpus = task == null ? 1 : Math.max(1, task.cpus());
        if (Threads.ops() != cpus || Threads.large() != cpus || Threads.blas() > cpus) {
            Threads.configure(cpus, cpus, Math.min(Threads.blas(), cpus));
        }
        if (Threads.products().threads() != 1) {
            Threads.configureProducts(1); // the task's cores are OpenMP's; helper threads would be more than cpus
        }
    }
}
