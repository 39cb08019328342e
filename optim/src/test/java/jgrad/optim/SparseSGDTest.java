package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** SGD on row-sparse gradients: only touched rows are updated, and idle rows catch up exactly. */
class SparseSGDTest {

    static final int ROWS = 12;
    static final int DIM = 3;

    /** The rows of one step and their gradients, drawn so that some rows sit idle for long stretches. */
    record SparseStep(int[] rows, double[][] values) {

        static List<SparseStep> draw(int steps, long seed) {
            Random rng = new Random(seed);
            List<SparseStep> out = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                List<Integer> rows = new ArrayList<>();
                for (int r = 0; r < ROWS; r++) {
                    // row r is used with probability 0.9 / (r + 1): row 0 nearly always, row 11 once in 13 steps
                    if (rng.nextDouble() < 0.9 / (r + 1) && r != ROWS - 1) {
                        rows.add(r);
                    }
                }
                if (rng.nextBoolean() && !rows.isEmpty()) {
                    rows.add(rows.get(0)); // a row looked up twice: its gradients add up
                }
                double[][] values = new double[rows.size()][DIM];
                for (double[] v : values) {
                    for (int j = 0; j < DIM; j++) {
                        v[j] = rng.nextGaussian();
                    }
                }
                out.add(new SparseStep(rows.stream().mapToInt(Integer::intValue).toArray(), values));
            }
            return out;
        }

        INDArray dense(DataType type) {
            double[][] dense = new double[ROWS][DIM];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < DIM; j++) {
                    dense[rows[i]][j] += values[i][j];
                }
            }
            return Nd4j.createFromArray(dense).castTo(type);
        }

        void applyTo(Parameter table, DataType type) {
            table.zeroGrad();
            if (table.usesSparseGrad()) {
                table.setSparseGrad(rows, Nd4j.createFromArray(values).castTo(type).reshape(rows.length, DIM));
            } else {
                table.setGrad(dense(type));
            }
        }
    }

    static Parameter table(DataType type, boolean sparse) {
        Nd4j.getRandom().setSeed(11);
        return Tensor.param(Nd4j.rand(DataType.DOUBLE, ROWS, DIM).subi(0.5).castTo(type)).useSparseGrad(sparse);
    }

    static SGD sgd(Parameter table, double momentum, boolean nesterov, double decay) {
        return SGD.builder(List.of(table), 0.1).momentum(momentum).nesterov(nesterov).weightDecay(decay).build();
    }

    /** A learning rate that changes every step (a cosine with restarts) and jumps now and then. */
    static double learningRate(int step) {
        return (step % 97 < 50 ? 0.1 : 0.03) * (0.5 + 0.5 * Math.cos(step / 20.0));
    }

    /** Trains the table on the steps; every 37th step also reads it, as an evaluation would. */
    static void train(SGD sgd, Parameter table, List<SparseStep> steps, DataType type) {
        for (int s = 0; s < steps.size(); s++) {
            sgd.setLearningRate(learningRate(s));
            steps.get(s).applyTo(table, type);
            sgd.step();
            if (s % 37 == 0) {
                table.value();
            }
        }
    }

    static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    @ParameterizedTest(name = "momentum {0}, Nesterov {1}, decay {2}")
    @CsvSource({"0.9, false, 0.01", "0.9, true, 0.01", "0.9, false, 0", "0, false, 0.05", "0, false, 0", "0.5, true, 0"})
    void lazyRowsEqualTheDenseUpdateOverThreeHundredSteps(double momentum, boolean nesterov, double decay) {
        List<SparseStep> steps = SparseStep.draw(300, 5);
        Parameter dense = table(DataType.DOUBLE, false);
        Parameter sparse = table(DataType.DOUBLE, true);
        SGD denseSgd = sgd(dense, momentum, nesterov, decay);
        SGD sparseSgd = sgd(sparse, momentum, nesterov, decay);
        train(denseSgd, dense, steps, DataType.DOUBLE);
        train(sparseSgd, sparse, steps, DataType.DOUBLE);
        assertArrayEquals(flat(dense.value()), flat(sparse.value()), 1e-12);
        if (momentum > 0) {
            INDArray denseMomentum = denseSgd.state(Map.of("t", dense)).get("momentum/t");
            INDArray sparseMomentum = sparseSgd.state(Map.of("t", sparse)).get("momentum/t");
            assertArrayEquals(flat(denseMomentum), flat(sparseMomentum), 1e-12);
        }
    }

    @Test
    void float32LazyRowsEqualTheDenseUpdateToFloatRounding() {
        List<SparseStep> steps = SparseStep.draw(300, 6);
        Parameter dense = table(DataType.FLOAT, false);
        Parameter sparse = table(DataType.FLOAT, true);
        train(sgd(dense, 0.9, false, 1e-3), dense, steps, DataType.FLOAT);
        train(sgd(sparse, 0.9, false, 1e-3), sparse, steps, DataType.FLOAT);
        assertArrayEquals(flat(dense.value()), flat(sparse.value()), 2e-5);
    }

    @Test
    void aStepMovesOnlyTheRowsOfTheGradientUntilTheOthersAreRead() {
        Parameter sparse = table(DataType.DOUBLE, true);
        Parameter dense = table(DataType.DOUBLE, false);
        SGD sparseSgd = sgd(sparse, 0.9, false, 0.01);
        SGD denseSgd = sgd(dense, 0.9, false, 0.01);
        INDArray before = sparse.storedValue().dup();
        SparseStep first = new SparseStep(new int[] {0, 1}, new double[][] {{1, 1, 1}, {1, 1, 1}});
        SparseStep second = new SparseStep(new int[] {0}, new double[][] {{1, 1, 1}});
        for (SparseStep step : List.of(first, second)) {
            step.applyTo(sparse, DataType.DOUBLE);
            step.applyTo(dense, DataType.DOUBLE);
            sparseSgd.step();
            denseSgd.step();
        }
        assertArrayEquals(flat(before.getRow(5)), flat(sparse.storedValue().getRow(5)), 0, "an idle row waits");
        assertArrayEquals(flat(dense.storedValue().getRow(0)), flat(sparse.storedValue().getRow(0)), 1e-15,
                "a touched row is up to date at once");
        assertTrue(Math.abs(dense.storedValue().getDouble(1, 0) - sparse.storedValue().getDouble(1, 0)) > 1e-3,
                "row 1, idle in the second step, owes that step's momentum");
        assertArrayEquals(flat(dense.value()), flat(sparse.value()), 1e-15, "reading the value settles every row");
    }

    @Test
    void aDenseGradientOnASparseTableCatchesUpFirst() {
        List<SparseStep> steps = SparseStep.draw(40, 7);
        Parameter dense = table(DataType.DOUBLE, false);
        Parameter sparse = table(DataType.DOUBLE, true);
        SGD denseSgd = sgd(dense, 0.9, true, 0.01);
        SGD sparseSgd = sgd(sparse, 0.9, true, 0.01);
        for (int s = 0; s < steps.size(); s++) {
            SparseStep step = steps.get(s);
            step.applyTo(dense, DataType.DOUBLE);
            if (s % 10 == 9) {
                sparse.zeroGrad();
                sparse.setGrad(step.dense(DataType.DOUBLE)); // a dense step in between
            } else {
                step.applyTo(sparse, DataType.DOUBLE);
            }
            denseSgd.step();
            sparseSgd.step();
        }
        assertArrayEquals(flat(dense.value()), flat(sparse.value()), 1e-12);
    }

    @Test
    void resumingFromACheckpointIsBitIdentical(@TempDir Path dir) throws Exception {
        List<SparseStep> steps = SparseStep.draw(120, 8);
        Parameter table = table(DataType.FLOAT, true);
        SGD sgd = sgd(table, 0.9, false, 1e-3);
        train(sgd, table, steps.subList(0, 60), DataType.FLOAT);
        Path file = dir.resolve("run.npz");
        Checkpoint.save(file, Map.of("table", table), sgd);
        train(sgd, table, steps.subList(60, 120), DataType.FLOAT);

        Parameter resumed = table(DataType.FLOAT, true);
        SGD resumedSgd = sgd(resumed, 0.9, false, 1e-3);
        train(resumedSgd, resumed, steps.subList(0, 7), DataType.FLOAT); // deferred rows of its own, dropped by the load
        Checkpoint.load(file, Map.of("table", resumed), resumedSgd);
        train(resumedSgd, resumed, steps.subList(60, 120), DataType.FLOAT);
        assertArrayEquals(table.value().toFloatMatrix(), resumed.value().toFloatMatrix());
        assertArrayEquals(flat(sgd.state(Map.of("t", table)).get("momentum/t")),
                flat(resumedSgd.state(Map.of("t", resumed)).get("momentum/t")), 0);
    }

    @Test
    void clippingScalesTheRowsAsItWouldTheDenseGradient() {
        Parameter sparse = table(DataType.DOUBLE, true);
        Parameter dense = table(DataType.DOUBLE, false);
        Parameter other = Tensor.param(Nd4j.createFromArray(3.0, 4.0));
        SparseStep step = new SparseStep(new int[] {2, 7, 2}, new double[][] {{1, 2, 2}, {0, 0, 4}, {1, 0, 0}});
        step.applyTo(sparse, DataType.DOUBLE);
        step.applyTo(dense, DataType.DOUBLE);
        other.setGrad(Nd4j.createFromArray(3.0, 4.0));
        double sparseNorm = GradientClipping.clipByGlobalNorm(List.of(sparse, other), 1);
        other.setGrad(Nd4j.createFromArray(3.0, 4.0));
        double denseNorm = GradientClipping.clipByGlobalNorm(List.of(dense, other), 1);
        // rows 2 (the sum (2, 2, 2)) and 7 (0, 0, 4), and (3, 4): 12 + 16 + 25 = 53
        assertEquals(Math.sqrt(53), sparseNorm, 1e-12);
        assertEquals(denseNorm, sparseNorm, 1e-12);
        assertTrue(sparse.sparseGrad() != null, "clipping keeps the gradient sparse");
        assertArrayEquals(flat(dense.grad()), flat(sparse.grad()), 1e-15);
    }
}
