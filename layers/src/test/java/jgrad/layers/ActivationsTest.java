package jgrad.layers;

import static jgrad.layers.Checks.assertGradientsMatch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import jgrad.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/** ReLU, Sigmoid, Tanh and HardTanh: one row of the table per activation module. */
class ActivationsTest {

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of(new ReLU(), new double[] {0, 0, 0, 0.5, 2}),
                Arguments.of(new Sigmoid(), new double[] {1 / (1 + Math.E * Math.E), 1 / (1 + Math.exp(0.5)), 0.5,
                        1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2))}),
                Arguments.of(new Tanh(), new double[] {Math.tanh(-2), Math.tanh(-0.5), 0, Math.tanh(0.5), Math.tanh(2)}),
                Arguments.of(new HardTanh(), new double[] {-1, -0.5, 0, 0.5, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void forwardGivesTheFunctionsValues(Layer activation, double[] expected) {
        Tensor x = Tensor.of(Nd4j.createFromArray(-2.0, -0.5, 0.0, 0.5, 2.0));
        assertEquals(Nd4j.createFromArray(expected), activation.forward(x).value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void gradientsMatchFiniteDifferences(Layer activation, double[] unused) {
        assertGradientsMatch(activation.toString(), in -> activation.forward(in.get(0)), Checks.awayFromKinks(3, 4, 5));
        assertEquals(0, activation.parameters().size());
    }
}
