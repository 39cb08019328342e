package jgrad.core.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DualTest {

    @Test
    void theDerivativeOfThreeXSquaredPlusOneAtThreeIs18() {
        Dual y = Dual.variable(3).pow(2).mul(3).add(1);
        assertEquals(28, y.value(), 1e-12);
        assertEquals(18, y.derivative(), 1e-12);
    }

    @Test
    void xyPlusSinXHasGradientZeroAndHalfPiAtHalfPiZero() {
        double[] gradient = Dual.gradient(v -> v[0].mul(v[1]).add(v[0].sin()), Math.PI / 2, 0);
        assertArrayEquals(new double[] {0, Math.PI / 2}, gradient, 1e-12);
    }

    private static Arguments fn(String name, UnaryOperator<Dual> dual, DoubleUnaryOperator plain, double at) {
        return Arguments.of(name, dual, plain, at);
    }

    /** Each function applied to a non-trivial inner function, so the chain rule is exercised too. */
    static Stream<Arguments> functions() {
        Dual c = Dual.constant(0.7);
        return Stream.of(
                fn("add", x -> x.add(x.mul(x)), x -> x + x * x, 0.3),
                fn("sub", x -> x.sub(c).sub(2), x -> x - 0.7 - 2, 0.3),
                fn("mul", x -> x.mul(x.sin()), x -> x * Math.sin(x), 0.3),
                fn("div", x -> x.exp().div(x.add(2)).div(3), x -> Math.exp(x) / (x + 2) / 3, 0.3),
                fn("neg", x -> x.mul(x).neg(), x -> -x * x, 0.3),
                fn("sin", x -> x.mul(2).sin(), x -> Math.sin(2 * x), 0.3),
                fn("cos", x -> x.mul(2).cos(), x -> Math.cos(2 * x), 0.3),
                fn("exp", x -> x.mul(x).exp(), x -> Math.exp(x * x), 0.3),
                fn("log", x -> x.mul(x).add(1).log(), x -> Math.log(x * x + 1), 0.3),
                fn("pow", x -> x.add(1).pow(2.5), x -> Math.pow(x + 1, 2.5), 0.3),
                fn("pow of duals", x -> x.add(1).pow(x), x -> Math.pow(x + 1, x), 0.3),
                fn("sqrt", x -> x.mul(x).add(1).sqrt(), x -> Math.sqrt(x * x + 1), 0.3),
                fn("tanh", x -> x.mul(3).tanh(), x -> Math.tanh(3 * x), 0.3),
                fn("sigmoid", x -> x.mul(3).sigmoid(), x -> 1 / (1 + Math.exp(-3 * x)), 0.3),
                fn("relu of a positive", x -> x.mul(3).relu(), x -> Math.max(3 * x, 0), 0.3),
                fn("relu of a negative", x -> x.mul(-3).relu(), x -> Math.max(-3 * x, 0), 0.3),
                fn("max choosing this", x -> x.mul(x).max(c), x -> Math.max(x * x, 0.7), 1.3),
                fn("max choosing the other", x -> x.mul(x).max(x.mul(4)), x -> Math.max(x * x, 4 * x), 1.3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void derivativeMatchesFiniteDifferences(String name, UnaryOperator<Dual> dual, DoubleUnaryOperator plain, double at) {
        Dual y = dual.apply(Dual.variable(at));
        double step = 1e-6;
        double numeric = (plain.applyAsDouble(at + step) - plain.applyAsDouble(at - step)) / (2 * step);
        assertEquals(plain.applyAsDouble(at), y.value(), 1e-15, name + " value");
        assertEquals(numeric, y.derivative(), 1e-8, name + " derivative");
    }

    @Test
    void aConstantHasDerivativeZeroThroughAnyFunction() {
        assertEquals(0, Dual.constant(2).exp().sin().mul(5).derivative());
    }

    @Test
    void outOfDomainArgumentsFailWithTheOpAndTheValue() {
        ArithmeticException log = assertThrows(ArithmeticException.class, () -> Dual.variable(-1).log());
        assertTrue(log.getMessage().contains("log") && log.getMessage().contains("-1.0"), log.getMessage());
        ArithmeticException div = assertThrows(ArithmeticException.class, () -> Dual.variable(1).div(Dual.constant(0)));
        assertTrue(div.getMessage().contains("div"), div.getMessage());
        assertThrows(ArithmeticException.class, () -> Dual.variable(-4).sqrt());
        assertThrows(ArithmeticException.class, () -> Dual.variable(-4).pow(0.5));
    }
}
