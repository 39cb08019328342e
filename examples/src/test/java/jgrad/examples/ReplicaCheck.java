package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.core.DataParallel;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.layers.Layer;
import jgrad.layers.Replicas;

/** For the examples' models: their replicas read the model's values in place and train as one tape. */
public final class ReplicaCheck {

    private ReplicaCheck() {}

    /** Replica 1 of {@code model} has its parameter names and reads each of its value arrays in place. */
    public static void assertTheReplicaReadsTheModelsValuesInPlace(Layer model) {
        Layer copy = model.replica(1);
        Map<String, Parameter> ours = model.namedParameters();
        Map<String, Parameter> theirs = copy.namedParameters();
        assertEquals(List.copyOf(ours.keySet()), List.copyOf(theirs.keySet()));
        ours.forEach((name, p) -> {
            assertNotSame(p, theirs.get(name), name);
            assertSame(p.storedValue(), theirs.get(name).storedValue(), name + " is read in place");
            assertEquals(p.usesSparseGrad(), theirs.get(name).usesSparseGrad(), name + "'s gradient form");
        });
        assertEquals(model.toString(), copy.toString());
    }

    /**
     * One step of {@code rows} rows with 2 and 3 replicas gives the single tape's gradients, by parameter,
     * to {@code tolerance}; each model comes fresh from {@code models} (the same draw every time).
     */
    public static <M extends Layer> void assertReplicasGiveTheSingleTapesGradients(Supplier<M> models, int rows,
            DataParallel.ShareLoss<M> loss, double tolerance) {
        M single = models.get();
        try (Tape tape = Tape.record()) {
            tape.backward(loss.meanLoss(single, 0, rows));
        }
        Map<String, double[]> expected = gradients(single);
        for (int count = 2; count <= 3; count++) {
            M model = models.get();
            try (Replicas<M> parallel = Replicas.of(model, count)) {
                parallel.gradients(rows, loss);
            }
            Map<String, double[]> got = gradients(model);
            assertEquals(expected.keySet(), got.keySet());
            for (String name : expected.keySet()) {
                assertArrayEquals(expected.get(name), got.get(name), tolerance, name + " with " + count + " replicas");
            }
        }
    }

    /** Every parameter's gradient, densified and flattened, by name. */
    private static Map<String, double[]> gradients(Layer model) {
        Map<String, double[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> out.put(name, p.grad().dup('c').reshape(p.grad().length()).toDoubleVector()));
        return out;
    }
}
