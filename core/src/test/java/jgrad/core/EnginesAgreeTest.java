package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import jgrad.core.forward.Dual;
import jgrad.core.scalar.Add;
import jgrad.core.scalar.Constant;
import jgrad.core.scalar.Exp;
import jgrad.core.scalar.Log;
import jgrad.core.scalar.Max;
import jgrad.core.scalar.Multiply;
import jgrad.core.scalar.Node;
import jgrad.core.scalar.Sigmoid;
import jgrad.core.scalar.Sin;
import jgrad.core.scalar.Solver;
import jgrad.core.scalar.Variable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The same scalar functions differentiated four ways: forward-mode dual numbers, the scalar engine, the
 * tape (in float64) and central finite differences. All must agree to 1e-6.
 */
class EnginesAgreeTest {

    private static final double TOLERANCE = 1e-6;

    /** One function of n numbers, written once per engine; {@code expected} is a hand-computed gradient or null. */
    record Case(String name, double[] at, double[] expected, ToDoubleFunction<double[]> plain, Function<Dual[], Dual> dual,
            Function<Node[], Node> scalar, Function<Tensor[], Tensor> tape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Case xySinX = new Case("xy + sin x at (pi/2, 0)", new double[] {Math.PI / 2, 0}, new double[] {0, Math.PI / 2},
                v -> v[0] * v[1] + Math.sin(v[0]),
                v -> v[0].mul(v[1]).add(v[0].sin()),
                v -> new Add("out", new Multiply("xy", v[0], v[1]), new Sin("sinx", v[0])),
                v -> v[0].mul(v[1]).add(v[0].sin()));
        // Variables in the order x1, x2, y1, y2.
        Case logistic = new Case("log(1 + exp(-(x1 y1 + x2 y2))) at x = (1, 1), y = (0, 0)", new double[] {1, 1, 0, 0},
                new double[] {0, 0, -0.5, -0.5},
                v -> Math.log(1 + Math.exp(-(v[0] * v[2] + v[1] * v[3]))),
                v -> v[0].mul(v[2]).add(v[1].mul(v[3])).neg().exp().add(1).log(),
                v -> new Log("out", new Add("1+e", new Constant("one", 1), new Exp("e", new Multiply("-dot",
                        new Constant("minusOne", -1), new Add("dot", new Multiply("x1y1", v[0], v[2]), new Multiply("x2y2", v[1], v[3])))))),
                v -> v[0].mul(v[2]).add(v[1].mul(v[3])).neg().exp().add(1).log());
        // Variables in the order w1, w2, b, x1, x2.
        Case neuron = new Case("sigmoid(w1 x1 + w2 x2 + b)", new double[] {0.5, -0.3, 0.1, 1.2, 0.7}, null,
                v -> 1 / (1 + Math.exp(-(v[0] * v[3] + v[1] * v[4] + v[2]))),
                v -> v[0].mul(v[3]).add(v[1].mul(v[4])).add(v[2]).sigmoid(),
                v -> new Sigmoid("out", new Add("z", new Multiply("w1x1", v[0], v[3]), new Multiply("w2x2", v[1], v[4]), v[2])),
                v -> v[0].mul(v[3]).add(v[1].mul(v[4])).add(v[2]).sigmoid());
        // Variables in the order w1, w2, x1, x2, x3.
        Function<double[], Case> max = at -> new Case("max(w1 x1 + w2 x2, x3) at x3 = " + at[4], at, null,
                v -> Math.max(v[0] * v[2] + v[1] * v[3], v[4]),
                v -> v[0].mul(v[2]).add(v[1].mul(v[3])).max(v[4]),
                v -> new Max("out", new Add("dot", new Multiply("w1x1", v[0], v[2]), new Multiply("w2x2", v[1], v[3])), v[4]),
                v -> v[0].mul(v[2]).add(v[1].mul(v[3])).max(v[4]));
        return Stream.of(xySinX, logistic, neuron, max.apply(new double[] {1, 2, 3, 4, 5}),
                max.apply(new double[] {1, 2, 3, 4, 20}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dualNumbersScalarEngineTapeAndFiniteDifferencesAgree(Case c) {
        double[] numeric = finiteDifferences(c.plain(), c.at());
        double[] dual = Dual.gradient(c.dual(), c.at());
        double[] scalar = scalarEngine(c);
        double[] tape = tape(c);
        assertArrayEquals(numeric, dual, TOLERANCE, c.name() + ": dual numbers against finite differences");
        assertArrayEquals(numeric, scalar, TOLERANCE, c.name() + ": scalar engine against finite differences");
        assertArrayEquals(numeric, tape, TOLERANCE, c.name() + ": tape against finite differences");
        assertArrayEquals(dual, scalar, 1e-12, c.name() + ": scalar engine against dual numbers");
        assertArrayEquals(dual, tape, 1e-12, c.name() + ": tape against dual numbers");
        if (c.expected() != null) {
            assertArrayEquals(c.expected(), dual, 1e-12, c.name() + ": the gradient computed by hand");
        }
    }

    private static double[] finiteDifferences(ToDoubleFunction<double[]> f, double[] at) {
        double step = 1e-6;
        double[] gradient = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double[] moved = at.clone();
            moved[i] = at[i] + step;
            double plus = f.applyAsDouble(moved);
            moved[i] = at[i] - step;
            gradient[i] = (plus - f.applyAsDouble(moved)) / (2 * step);
        }
        return gradient;
    }

    private static double[] scalarEngine(Case c) {
        Variable[] vars = new Variable[c.at().length];
        Map<String, Double> initial = new HashMap<>();
        for (int i = 0; i < vars.length; i++) {
            vars[i] = new Variable("v" + i);
            initial.put("v" + i, c.at()[i]);
        }
        Solver solver = new Solver(List.of(c.scalar().apply(vars)), initial);
        solver.solve(Map.of());
        assertEquals(c.plain().applyAsDouble(c.at()), solver.value("out"), 1e-12, c.name() + ": scalar engine value");
        Map<String, Double> byId = solver.gradient("out");
        double[] gradient = new double[vars.length];
        for (int i = 0; i < vars.length; i++) {
            gradient[i] = byId.get("v" + i);
        }
        return gradient;
    }

    private static double[] tape(Case c) {
        Parameter[] params = new Parameter[c.at().length];
        for (int i = 0; i < params.length; i++) {
            params[i] = Tensor.param(Nd4j.scalar(DataType.DOUBLE, c.at()[i]));
        }
        try (Tape tape = Tape.record()) {
            Tensor out = c.tape().apply(params);
            assertEquals(c.plain().applyAsDouble(c.at()), out.item(), 1e-12, c.name() + ": tape value");
            tape.backward(out);
        }
        double[] gradient = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            gradient[i] = params[i].grad().getDouble(0);
        }
        return gradient;
    }
}
