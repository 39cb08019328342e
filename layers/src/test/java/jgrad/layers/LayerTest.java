package jgrad.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LayerTest {

    /** A module with a parameter of its own and two named children, as an autoencoder would have. */
    private static final class AutoEncoder extends Layer {
        final Parameter scale = param("scale", Tensor.param(Nd4j.ones(DataType.FLOAT, 1)));
        final Dense encoder = child("encoder", new Dense(4, 2, 1));
        final Dense decoder = child("decoder", new Dense(2, 4, 2));

        @Override
        public Tensor forward(Tensor x) {
            return decoder.forward(encoder.forward(x).relu()).mul(scale);
        }
    }

    @Test
    void namedParametersOfANestedSequentialAreNumberedByPosition() {
        Sequential model = new Sequential(new Dense(784, 128, 1), new ReLU(), new Dense(128, 10, 2));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.namedParameters().keySet()));
        Sequential outer = new Sequential(new Flatten(), model);
        assertEquals(List.of("1.0.weight", "1.0.bias", "1.2.weight", "1.2.bias"), List.copyOf(outer.namedParameters().keySet()));
        assertSame(((Dense) model.get(2)).bias(), outer.namedParameters().get("1.2.bias"));
        assertEquals(784 * 128 + 128 + 128 * 10 + 10, outer.parameterCount());
    }

    @Test
    void ownParametersComeFirstThenEachChildUnderItsName() {
        AutoEncoder model = new AutoEncoder();
        assertEquals(List.of("scale", "encoder.weight", "encoder.bias", "decoder.weight", "decoder.bias"),
                List.copyOf(model.namedParameters().keySet()));
        assertEquals(List.copyOf(model.namedParameters().values()), model.parameters());
    }

    @Test
    void aParameterSharedByTwoLayersIsListedOnce() {
        Dense first = new Dense(3, 3, 1);
        Dense tied = new Dense(first.weight(), null);
        Sequential model = new Sequential(first, tied);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(model.namedParameters().keySet()));
    }

    @Test
    void evalAndTrainReachEveryDescendant() {
        Dropout dropout = new Dropout(0.5, 1);
        Sequential inner = new Sequential(dropout);
        Sequential model = new Sequential(new Dense(2, 2, 1), inner);
        assertTrue(dropout.isTraining(), "modules start in training mode");
        model.eval();
        assertFalse(model.isTraining());
        assertFalse(dropout.isTraining());
        model.train();
        assertTrue(dropout.isTraining());
    }

    @Test
    void aChildAddedToAModelInEvalModeJoinsItsMode() {
        Sequential model = new Sequential();
        model.eval();
        Dropout dropout = new Dropout(0.5, 1);
        model.add(dropout);
        assertFalse(dropout.isTraining());
    }

    @Test
    void zeroGradClearsTheGradientOfEveryParameter() {
        AutoEncoder model = new AutoEncoder();
        try (Tape tape = Tape.record()) {
            tape.backward(model.forward(Tensor.of(Nd4j.rand(DataType.FLOAT, 3, 4))).sum());
        }
        assertTrue(model.parameters().stream().allMatch(Parameter::hasGrad));
        model.zeroGrad();
        assertTrue(model.parameters().stream().noneMatch(Parameter::hasGrad));
    }

    @Test
    void namesMustBeUniqueAndFreeOfDots() {
        class Twice extends Layer {
            Twice(String first, String second) {
                param(first, Tensor.param(Nd4j.ones(DataType.FLOAT, 1)));
                child(second, new ReLU());
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> new Twice("w", "w"));
        assertTrue(duplicate.getMessage().contains("'w' is already registered"), duplicate.getMessage());
        IllegalArgumentException dotted = assertThrows(IllegalArgumentException.class, () -> new Twice("a.b", "c"));
        assertTrue(dotted.getMessage().contains("'a.b'") && dotted.getMessage().contains("dot"), dotted.getMessage());
    }

    @Test
    void toStringShowsTheTreeOfLayers() {
        Sequential model = new Sequential(new Dense(4, 3, 1), new Tanh());
        assertEquals("Sequential(\n  (0): Dense(4 -> 3)\n  (1): Tanh\n)", model.toString());
    }
}
