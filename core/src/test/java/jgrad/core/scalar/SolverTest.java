package jgrad.core.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SolverTest {

    private static Arguments node(String name, BiFunction<Node, Node, Node> make, double a, double b) {
        return Arguments.of(name, make, a, b);
    }

    /** Every node type, on two variables a and b, at points away from kinks. */
    static Stream<Arguments> nodes() {
        return Stream.of(
                node("add", (a, b) -> new Add("y", a, b), 0.7, -1.3),
                node("add of three", (a, b) -> new Add("y", a, b, a), 0.7, -1.3),
                node("multiply", (a, b) -> new Multiply("y", a, b), 0.7, -1.3),
                node("multiply by itself", (a, b) -> new Multiply("y", a, a), 0.7, -1.3),
                node("sigmoid", (a, b) -> new Sigmoid("y", a), 0.7, 0),
                node("tanh", (a, b) -> new Tanh("y", a), -0.4, 0),
                node("relu of a positive", (a, b) -> new Relu("y", a), 0.4, 0),
                node("relu of a negative", (a, b) -> new Relu("y", a), -0.4, 0),
                node("exp", (a, b) -> new Exp("y", a), 0.9, 0),
                node("log", (a, b) -> new Log("y", a), 0.9, 0),
                node("pow", (a, b) -> new Pow("y", a, 3.5), 1.2, 0),
                node("sin", (a, b) -> new Sin("y", a), 1.2, 0),
                node("max choosing a", (a, b) -> new Max("y", a, b), 0.7, -1.3),
                node("max choosing b", (a, b) -> new Max("y", a, b), -1.7, 1.3),
                node("composition", (a, b) -> new Log("y", new Add("s", new Exp("e", new Multiply("ab", a, b)), new Tanh("t", a))),
                        0.3, 0.8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void gradientMatchesFiniteDifferences(String name, BiFunction<Node, Node, Node> make, double a, double b) {
        Node y = make.apply(new Variable("a"), new Variable("b"));
        Map<String, Double> at = Map.of("a", a, "b", b);
        Solver solver = new Solver(List.of(y), filter(y, at));
        solver.solve(Map.of());
        Map<String, Double> gradient = solver.gradient("y");
        double step = 1e-6;
        for (String v : gradient.keySet()) {
            double plus = valueAt(make, at, v, step);
            double minus = valueAt(make, at, v, -step);
            assertEquals((plus - minus) / (2 * step), gradient.get(v), 1e-7, name + ": d y / d " + v);
        }
    }

    /** The initial values of those of a and b that the graph uses (several nodes use only a). */
    private static Map<String, Double> filter(Node y, Map<String, Double> at) {
        Map<String, Double> used = new java.util.HashMap<>();
        at.forEach((id, v) -> {
            if (uses(y, id)) {
                used.put(id, v);
            }
        });
        return used;
    }

    private static boolean uses(Node y, String id) {
        if (y.id().equals(id)) {
            return true;
        }
        for (Node input : y.inputs()) {
            if (uses(input, id)) {
                return true;
            }
        }
        return false;
    }

    private static double valueAt(BiFunction<Node, Node, Node> make, Map<String, Double> at, String moved, double step) {
        Node y = make.apply(new Variable("a"), new Variable("b"));
        Map<String, Double> values = new java.util.HashMap<>(filter(y, at));
        values.put(moved, values.get(moved) + step);
        Solver solver = new Solver(List.of(y), values);
        solver.solve(Map.of());
        return solver.value("y");
    }

    @Test
    void aChainOfAMillionAddNodesSolvesAndFitsWithoutOverflowingTheStack() {
        Variable start = new Variable("start");
        Constant one = new Constant("one", 1);
        Node last = start;
        for (int i = 0; i < 1_000_000; i++) {
            last = new Add("add" + i, last, one);
        }
        Solver solver = new Solver(List.of(last), Map.of("start", 0.5));
        assertEquals(1_000_002, solver.size());
        solver.solve(Map.of());
        assertEquals(1_000_000.5, solver.value(last.id()));
        solver.fit(Map.of(last.id(), 2.0), 0.25); // d last / d start = 1, so start moves by 0.25 * 2
        assertEquals(1.0, solver.value("start"));
        solver.solve(Map.of());
        assertEquals(1_000_001.0, solver.value(last.id()));
    }

    @Test
    void fitMovesEachVariableByRateTimesErrorTimesItsDerivative() {
        Constant x = new Constant("x");
        Variable w = new Variable("w");
        Variable b = new Variable("b");
        Node y1 = new Multiply("y1", w, x);
        Node y2 = new Add("y2", y1, b);
        Solver solver = new Solver(List.of(y1, y2), Map.of("w", 2.0, "b", -1.0));
        solver.solve(Map.of("x", 3.0));
        assertEquals(6, solver.value("y1"));
        assertEquals(5, solver.value("y2"));
        solver.fit(Map.of("y1", 0.5, "y2", -2.0), 0.1);
        assertEquals(2 + 0.1 * (0.5 * 3 + -2.0 * 3), solver.value("w"), 1e-15); // d y1/dw = d y2/dw = x
        assertEquals(-1 + 0.1 * -2.0, solver.value("b"), 1e-15); // only y2 depends on b
    }

    @Test
    void aNodeUsedTwiceReceivesTheSumOfBothPaths() {
        Variable x = new Variable("x");
        Node y = new Add("y", new Multiply("xx", x, x), new Multiply("3x", new Constant("three", 3), x));
        Solver solver = new Solver(List.of(y), Map.of("x", 2.0));
        solver.solve(Map.of());
        assertEquals(2 * 2 + 3, solver.gradient("y").get("x"), 1e-15);
    }

    @Test
    void theArrayMethodsTakeInputsInTheOrderOfInputIds() {
        Constant a = new Constant("a");
        Constant b = new Constant("b");
        Variable w = new Variable("w");
        Node y = new Add("y", new Multiply("wa", w, a), b);
        Solver solver = new Solver(List.of(y), Map.of("w", 10.0));
        List<String> ids = solver.inputIds();
        double[] inputs = new double[2];
        inputs[ids.indexOf("a")] = 2;
        inputs[ids.indexOf("b")] = 3;
        solver.solve(inputs);
        assertEquals(23, solver.outputValues()[0]);
    }

    @Test
    void errorsNameTheNodeAndTheValues() {
        Variable x = new Variable("x");
        Solver logSolver = new Solver(List.of(new Log("logx", x)), Map.of("x", -2.0));
        ArithmeticException log = assertThrows(ArithmeticException.class, () -> logSolver.solve(Map.of()));
        assertTrue(log.getMessage().contains("'logx'") && log.getMessage().contains("-2.0"), log.getMessage());

        Node twice = new Add("same", new Variable("same"), new Constant("c", 1));
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> new Solver(List.of(twice), Map.of("same", 1.0)));
        assertTrue(duplicate.getMessage().contains("'same'"), duplicate.getMessage());

        Node y = new Add("y", new Variable("w"), new Constant("in"));
        IllegalArgumentException noInitial = assertThrows(IllegalArgumentException.class, () -> new Solver(List.of(y), Map.of()));
        assertTrue(noInitial.getMessage().contains("'w'"), noInitial.getMessage());
        Solver solver = new Solver(List.of(y), Map.of("w", 1.0));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> solver.solve(Map.of()));
        assertTrue(missing.getMessage().contains("'in'"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> solver.fit(Map.of("y", 1.0), 0.1));
    }
}
