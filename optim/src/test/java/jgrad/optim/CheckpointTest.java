package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checkpoints: an interrupted run resumes bit for bit, and a file that does not fit is refused whole. */
class CheckpointTest {

    @TempDir
    Path dir;

    /** A 4-8-3 MLP written with tensor ops, its parameters named as a module would name them. */
    static Map<String, Parameter> mlp(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("0.weight", Tensor.param(Nd4j.randn(DataType.FLOAT, 4, 8).muli(0.5)));
        p.put("0.bias", Tensor.param(Nd4j.zeros(DataType.FLOAT, 8)));
        p.put("2.weight", Tensor.param(Nd4j.randn(DataType.FLOAT, 8, 3).muli(0.5)));
        p.put("2.bias", Tensor.param(Nd4j.zeros(DataType.FLOAT, 3)));
        return p;
    }

    static final INDArray X = Nd4j.rand(DataType.FLOAT, 16, 4);
    static final INDArray LABELS = Nd4j.createFromArray(new long[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0});

    static void train(Map<String, Parameter> p, Optimizer optimizer, int steps) {
        for (int i = 0; i < steps; i++) {
            optimizer.zeroGrad();
            try (Tape tape = Tape.record()) {
                Tensor hidden = Tensor.of(X).matmul(p.get("0.weight")).add(p.get("0.bias")).relu();
                tape.backward(Ops.crossEntropy(hidden.matmul(p.get("2.weight")).add(p.get("2.bias")), LABELS));
            }
            optimizer.step();
        }
    }

    static float[] flat(Parameter p) {
        return Nd4j.toFlattened('c', p.value()).toFloatVector();
    }

    static Optimizer sgd(Map<String, Parameter> p) {
        return SGD.builder(p.values(), 0.1).momentum(0.9)
                .weightDecay(1e-2, Optimizer.select(p, n -> n.endsWith("weight"))).build();
    }

    static Optimizer adamw(Map<String, Parameter> p) {
        return AdamW.builder(p.values(), 0.01).weightDecay(0.1, Optimizer.select(p, n -> n.endsWith("weight"))).build();
    }

    @Test
    void trainingResumedFromACheckpointIsBitIdenticalToAnUninterruptedRun() throws IOException {
        for (Function<Map<String, Parameter>, Optimizer> make : List.<Function<Map<String, Parameter>, Optimizer>>of(
                CheckpointTest::sgd, CheckpointTest::adamw)) {
            Map<String, Parameter> straight = mlp(1);
            Optimizer straightOptimizer = make.apply(straight);
            train(straight, straightOptimizer, 3);
            straightOptimizer.setLearningRate(straightOptimizer.learningRate() / 2);
            train(straight, straightOptimizer, 5);

            Map<String, Parameter> first = mlp(1);
            Optimizer firstOptimizer = make.apply(first);
            train(first, firstOptimizer, 3);
            firstOptimizer.setLearningRate(firstOptimizer.learningRate() / 2);
            train(first, firstOptimizer, 2);
            Path file = dir.resolve("run.npz");
            Checkpoint.save(file, first, firstOptimizer);

            Map<String, Parameter> resumed = mlp(2); // other initial values, overwritten by the load
            Optimizer resumedOptimizer = make.apply(resumed);
            Checkpoint.load(file, resumed, resumedOptimizer);
            assertEquals(firstOptimizer.learningRate(), resumedOptimizer.learningRate(), "the learning rate is restored");
            train(resumed, resumedOptimizer, 3);

            String kind = straightOptimizer.getClass().getSimpleName();
            straight.forEach((name, p) -> assertArrayEquals(flat(p),
                    flat(resumed.get(name)), kind + " " + name));
        }
    }

    @Test
    void theFileHoldsParametersAndOptimizerStateUnderReadableNames() throws IOException {
        Map<String, Parameter> p = mlp(1);
        Optimizer optimizer = sgd(p);
        train(p, optimizer, 1);
        Path file = dir.resolve("run.npz");
        Checkpoint.save(file, p, optimizer);
        Map<String, INDArray> saved = Npz.read(file);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "optimizer/learning_rate",
                "optimizer/step/0.weight", "optimizer/momentum/0.weight", "optimizer/step/0.bias",
                "optimizer/momentum/0.bias", "optimizer/step/2.weight", "optimizer/momentum/2.weight",
                "optimizer/step/2.bias", "optimizer/momentum/2.bias"), List.copyOf(saved.keySet()));
        assertEquals(1, saved.get("optimizer/step/2.bias").getLong(0));
    }

    @Test
    void aCheckpointIsWrittenIntoDirectoriesThatDoNotExistYet() throws IOException {
        Map<String, Parameter> p = mlp(1);
        Path file = dir.resolve("runs").resolve("one").resolve("run.npz");
        Checkpoint.save(file, p, sgd(p));
        Map<String, Parameter> fresh = mlp(2);
        Checkpoint.load(file, fresh, sgd(fresh));
        assertEquals(p.get("0.weight").value(), fresh.get("0.weight").value());
    }

    @Test
    void extraArraysOfTheRunTravelBesideTheParameters() throws IOException {
        Map<String, Parameter> p = mlp(1);
        Optimizer optimizer = sgd(p);
        Path file = dir.resolve("run.npz");
        Checkpoint.save(file, p, optimizer, Map.of("epochs_done", Nd4j.scalar(DataType.DOUBLE, 7.0)));
        INDArray restored = Nd4j.scalar(DataType.DOUBLE, 0.0);
        Map<String, Parameter> fresh = mlp(2);
        Checkpoint.load(file, fresh, sgd(fresh), Map.of("epochs_done", restored));
        assertEquals(7.0, restored.getDouble(0));
        // Without the extra array the file does not match, and says what is left over.
        Map<String, Parameter> other = mlp(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, other, sgd(other)));
        assertTrue(e.getMessage().contains("unexpected [epochs_done]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(file, p, optimizer, Map.of("0.weight", Nd4j.scalar(1.0))), "a name taken twice");
    }

    @Test
    void arraysAlreadyReadRestoreAsTheFileDoesAndAreCheckedTheSameWay() throws IOException {
        Map<String, Parameter> p = mlp(1);
        Optimizer optimizer = sgd(p);
        train(p, optimizer, 3);
        Path file = dir.resolve("read-once.npz");
        Checkpoint.save(file, p, optimizer, Map.of("epochs_done", Nd4j.scalar(DataType.DOUBLE, 3.0)));
        Map<String, INDArray> read = Npz.read(file);

        Map<String, Parameter> fresh = mlp(2);
        Optimizer restored = sgd(fresh);
        INDArray epochs = Nd4j.scalar(DataType.DOUBLE, 0.0);
        Checkpoint.load(file, read, fresh, restored, Map.of("epochs_done", epochs));
        assertEquals(3.0, epochs.getDouble(0));
        train(p, optimizer, 2);
        train(fresh, restored, 2);
        p.forEach((name, param) -> assertArrayEquals(flat(param), flat(fresh.get(name)), name));

        Map<String, Parameter> other = mlp(3);
        float[] before = flat(other.get("0.weight"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, read, other, sgd(other), Map.of()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("unexpected [epochs_done]"), e.getMessage());
        assertArrayEquals(before, flat(other.get("0.weight")), "nothing changed");
    }

    @Test
    void aMismatchListsEveryDifferenceAndChangesNothing() throws IOException {
        Path file = dir.resolve("model.npz");
        Map<String, Parameter> saved = new LinkedHashMap<>();
        saved.put("a", Tensor.param(Nd4j.ones(DataType.FLOAT, 2, 3)));
        saved.put("b", Tensor.param(Nd4j.ones(DataType.FLOAT, 3)));
        saved.put("d", Tensor.param(Nd4j.ones(DataType.DOUBLE, 3)));
        Checkpoint.save(file, saved);

        Map<String, Parameter> model = new LinkedHashMap<>();
        model.put("a", Tensor.param(Nd4j.zeros(DataType.FLOAT, 3, 2)));
        model.put("c", Tensor.param(Nd4j.zeros(DataType.FLOAT, 3)));
        model.put("d", Tensor.param(Nd4j.zeros(DataType.FLOAT, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, model));
        assertEquals("checkpoint " + file + " against the model does not match: missing [c]; unexpected [b];"
                + " a: found float32[2, 3], expected float32[3, 2]; d: found float64[3], expected float32[3]", e.getMessage());
        model.values().forEach(p -> assertEquals(0, p.value().sumNumber().doubleValue(), "unchanged"));
    }

    @Test
    void optimizerStateOfAnotherKindIsRefused() throws IOException {
        Map<String, Parameter> p = mlp(1);
        Path file = dir.resolve("run.npz");
        Checkpoint.save(file, p, sgd(p));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, p, adamw(p)));
        assertTrue(e.getMessage().contains("missing [optimizer/m/0.weight, optimizer/v/0.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected [optimizer/momentum/0.weight"), e.getMessage());
    }

    @Test
    void parametersAloneLoadFromAFullCheckpoint() throws IOException {
        Map<String, Parameter> trained = mlp(1);
        train(trained, sgd(trained), 2);
        Path file = dir.resolve("run.npz");
        Checkpoint.save(file, trained, sgd(trained));
        Map<String, Parameter> fresh = mlp(2);
        Checkpoint.load(file, fresh);
        trained.forEach((name, p) -> assertArrayEquals(flat(p), flat(fresh.get(name)), name));
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("run.npz");
        Files.writeString(file, "an older checkpoint");
        Checkpoint.save(file, mlp(1));
        Checkpoint.load(file, mlp(2));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aLargerModelIsReportedAsADifferentModelNotAsAnOversizedFile() throws IOException {
        // A [784, 512] float32 weight is 1,605,632 bytes: more than any array of a small model, which
        // is the size limit a checkpoint's reader applies, yet what is wrong is the model, not the file.
        Path file = dir.resolve("large.npz");
        Map<String, Parameter> large = new LinkedHashMap<>();
        large.put("0.weight", Tensor.param(Nd4j.zeros(DataType.FLOAT, 784, 512)));
        Checkpoint.save(file, large);

        Map<String, Parameter> small = new LinkedHashMap<>();
        small.put("0.weight", Tensor.param(Nd4j.zeros(DataType.FLOAT, 800, 500)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, small));
        assertTrue(e.getMessage().contains("0.weight: found float32[784, 512], expected float32[800, 500]"), e.getMessage());
    }

    @Test
    void nanOrInfiniteValuesAreRefusedNamingTheFileAndTheArray() throws IOException {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Map<String, Parameter> p = mlp(1);
            p.get("2.weight").value().putScalar(new long[] {1, 2}, bad);
            Path file = dir.resolve("diverged.npz");
            Checkpoint.save(file, p);
            Map<String, Parameter> fresh = mlp(2);

            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(file, fresh));
            assertTrue(e.getMessage().startsWith(file + "!2.weight.npy: 1 of its 24 values are NaN or infinite"), e.getMessage());
            assertArrayEquals(flat(mlp(2).get("2.weight")), flat(fresh.get("2.weight")), "unchanged");
        }
    }

    @Test
    void aNanRunCounterIsRefusedLikeAnyOtherArray() throws IOException {
        Map<String, Parameter> p = mlp(1);
        Path file = dir.resolve("run.npz");
        Checkpoint.save(file, p, null, Map.of("epochs_done", Nd4j.scalar(DataType.DOUBLE, Double.NaN)));
        IOException e = assertThrows(IOException.class,
                () -> Checkpoint.load(file, p, null, Map.of("epochs_done", Nd4j.scalar(DataType.DOUBLE, 0.0))));
        assertTrue(e.getMessage().contains("epochs_done.npy: 1 of its 1 values are NaN or infinite"), e.getMessage());
    }
}
