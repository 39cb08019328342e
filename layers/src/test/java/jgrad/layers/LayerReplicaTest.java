package jgrad.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Layer.replica: the same layer over the original's values, read in place, with gradients of its own. */
class LayerReplicaTest {

    /** Every layer of jgrad.layers that has a forward, in one network: [batch, 1, 6, 6] → [batch, 3]. */
    private static Sequential everyLayer() {
        Random rng = new Random(3);
        return new Sequential(
                new Conv2D(1, 2, 3, 1, 0, true, DataType.DOUBLE, Init.heUniform(), rng), new MaxPool2D(2), new ReLU(),
                new Flatten(), new Dense(8, 5, true, DataType.DOUBLE, Init.glorotUniform(), rng), new Tanh(),
                new Dropout(0.3, 9), new Sigmoid(), new HardTanh(),
                new Dense(5, 3, false, DataType.DOUBLE, Init.glorotUniform(), rng));
    }

    @Test
    void aReplicaOfEveryLayerHasTheSameNamesAndReadsTheSameValueArrays() {
        Sequential model = everyLayer();
        Sequential copy = (Sequential) model.replica(1);
        Map<String, Parameter> ours = model.namedParameters();
        Map<String, Parameter> theirs = copy.namedParameters();
        assertEquals(List.copyOf(ours.keySet()), List.copyOf(theirs.keySet()));
        ours.forEach((name, p) -> {
            assertNotSame(p, theirs.get(name), name);
            assertSame(p.storedValue(), theirs.get(name).storedValue(), name + " is read in place");
        });
        assertEquals(model.toString(), copy.toString());
    }

    @Test
    void aReplicaComputesTheModelsOutputAndKeepsItsGradientsApart() {
        Sequential model = everyLayer();
        model.eval(); // no dropout, so both compute the same function
        Sequential copy = (Sequential) model.replica(1);
        INDArray x = Checks.rand(5, 4, 1, 6, 6);
        INDArray expected;
        try (Tape tape = Tape.record()) {
            Tensor y = model.forward(Tensor.of(x));
            expected = y.value().dup();
            tape.backward(y.sum());
        }
        try (Tape tape = Tape.record()) {
            Tensor y = copy.forward(Tensor.of(x));
            assertEquals(expected, y.value());
            tape.backward(y.sum());
        }
        List<Parameter> ours = model.parameters();
        List<Parameter> theirs = copy.parameters();
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(ours.get(i).grad(), theirs.get(i).grad(), "gradient " + i);
            assertNotSame(ours.get(i).grad(), theirs.get(i).grad());
        }
    }

    @Test
    void anEmbeddingsReplicaKeepsTheTablesGradientForm() {
        Embedding words = new Embedding(10, 3, 1).sparseGrad(true);
        Embedding copy = (Embedding) words.replica(1);
        assertTrue(copy.isSparseGrad());
        assertSame(words.weight().storedValue(), copy.weight().storedValue());
    }

    @Test
    void aLinearChainsReplicaReadsItsScoresInPlace() {
        LinearChain chain = new LinearChain(4, DataType.DOUBLE);
        LinearChain copy = (LinearChain) chain.replica(2);
        assertEquals(4, copy.tags());
        assertSame(chain.transitions().storedValue(), copy.transitions().storedValue());
        assertSame(chain.start().storedValue(), copy.start().storedValue());
    }

    @Test
    void aParameterAndALayerUsedTwiceStayTiedInTheReplica() {
        Dense shared = new Dense(4, 4, 1);
        Sequential model = new Sequential(shared, new ReLU(), shared);
        Sequential copy = (Sequential) model.replica(1);
        assertSame(copy.get(0), copy.get(2));
        assertEquals(model.parameters().size(), copy.parameters().size());
    }

    @Test
    void aReplicaTakesTheModesOfTheOriginalLayerByLayer() {
        Sequential model = new Sequential(new Dense(4, 4, 1), new Dropout(0.5, 2));
        model.get(1).eval();
        Sequential copy = (Sequential) model.replica(1);
        assertTrue(copy.isTraining());
        assertTrue(copy.get(0).isTraining());
        assertFalse(copy.get(1).isTraining());
    }

    @Test
    void dropoutReplicasDrawTheirMasksFromGeneratorsSeededApart() {
        Dropout model = new Dropout(0.5, 2);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, 64);
        INDArray[] masks = new INDArray[3];
        Dropout[] layers = {model, (Dropout) model.replica(1), (Dropout) model.replica(2)};
        for (int k = 0; k < 3; k++) {
            try (Tape scope = Tape.noGrad()) {
                masks[k] = layers[k].forward(Tensor.of(ones)).value().dup();
            }
        }
        assertNotEquals(masks[0], masks[1]);
        assertNotEquals(masks[1], masks[2]);
        try (Tape scope = Tape.noGrad()) {
            assertEquals(masks[1], ((Dropout) new Dropout(0.5, 2).replica(1)).forward(Tensor.of(ones)).value(),
                    "replica k of the same seed draws the same masks");
        }
    }

    /** A layer of one's own, with a parameter, that does not say how to replicate itself. */
    static final class Scale extends Layer {
        private final Parameter factor = param("factor", Tensor.param(Nd4j.ones(DataType.DOUBLE, 1)));

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(factor);
        }
    }

    @Test
    void aLayerWithoutNewReplicaIsNamedByClass() {
        Sequential model = new Sequential(new Dense(2, 2, 1), new Scale());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> model.replica(1));
        assertTrue(e.getMessage().contains(Scale.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("newReplica"), e.getMessage());
    }

    /** A subclass that changes the forward and inherits Dense's newReplica, which would build a plain Dense. */
    static final class DoubledDense extends Dense {
        DoubledDense() {
            super(2, 2, 1);
        }

        @Override
        public Tensor forward(Tensor x) {
            return super.forward(x).mul(2.0);
        }
    }

    @Test
    void aSubclassThatInheritsItsParentsNewReplicaIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DoubledDense().replica(1));
        assertTrue(e.getMessage().contains(DoubledDense.class.getName()) && e.getMessage().contains("jgrad.layers.Dense"),
                e.getMessage());
    }

    /** A layer whose replica draws new weights instead of reading the original's. */
    static final class Careless extends Layer {
        Careless(long seed) {
            param("w", Tensor.param(Nd4j.rand(DataType.DOUBLE, 2, 2)));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        protected Careless newReplica(Replication replica) {
            return new Careless(replica.index());
        }
    }

    @Test
    void aReplicaWhoseParametersAreNotReadInPlaceIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Careless(0).replica(1));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("in place"), e.getMessage());
    }

    @Test
    void replicaNumbersStartAtOne() {
        assertThrows(IllegalArgumentException.class, () -> new ReLU().replica(0));
    }

    @Test
    void replicaSeedsDifferByReplicaAndBySeed() {
        long a = new Replication(1).seed(7);
        assertEquals(a, new Replication(1).seed(7));
        assertNotEquals(a, new Replication(2).seed(7));
        assertNotEquals(a, new Replication(1).seed(8));
    }
}
