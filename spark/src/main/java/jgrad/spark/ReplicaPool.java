package jgrad.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import jgrad.core.Parameter;
import jgrad.layers.Layer;

/**
 * The replicas of the model on one executor JVM: one per task running at the same time, built on first
 * use and reused by later steps (building a model allocates all its parameters). The pool belongs to one
 * training run at a time; a task of another run empties it, so an executor that serves several runs in
 * turn does not keep the old models.
 */
final class ReplicaPool {

    private static String run;
    private static final Deque<Layer> idle = new ArrayDeque<>();

    private ReplicaPool() {}

    /**
     * A replica for {@code runId}: an idle one, or a new one from {@code replica} checked against the
     * layout and given the driver's gradient forms (dense or row-sparse, parameter by parameter).
     */
    static Layer take(String runId, Replica<?> replica, ParameterLayout layout) {
        synchronized (ReplicaPool.class) {
            if (!runId.equals(run)) {
                idle.clear();
                run = runId;
            }
            Layer model = idle.poll();
            if (model != null) {
                return model;
            }
        }
        Layer model = replica.newModel();
        layout.requireMatch(model.namedParameters(), "the replica built on an executor");
        layout.useGradientForms(java.util.List.copyOf(model.namedParameters().values()));
        return model;
    }

    /** Returns a replica after a task, its gradients cleared. */
    static void give(String runId, Layer model) {
        model.parameters().forEach(Parameter::zeroGrad);
        synchronized (ReplicaPool.class) {
            if (runId.equals(run)) {
                idle.push(model);
            }
        }
    }
}
