package jgrad.core.scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The two programs of the lecture notes, run on the scalar engine: fitting one line through one point,
 * and teaching a 2-2-1 sigmoid network XOR. Tests and the examples command both call them.
 */
public final class ScalarExamples {

    private ScalarExamples() {}

    /**
     * Moves x and b (from 4 and 3) so that m x + b, with the input m = 2, reaches the target 5, at the
     * given learning rate. A step moves the output by {@code rate * (m^2 + 1) * error}, so at rate 0.1 the
     * error halves each step.
     *
     * @return the error {@code target - output} before each step, then after the last one
     *     ({@code iterations + 1} numbers)
     */
    public static double[] fitLine(int iterations, double learningRate) {
        Constant m = new Constant("m");
        Variable x = new Variable("x");
        Variable b = new Variable("b");
        Node y = new Add("y", new Multiply("mx", m, x), b);
        Solver solver = new Solver(List.of(y), Map.of("x", 4.0, "b", 3.0));
        Map<String, Double> inputs = Map.of("m", 2.0);
        double target = 5;
        double[] errors = new double[iterations + 1];
        for (int i = 0; i <= iterations; i++) {
            solver.solve(inputs);
            errors[i] = target - solver.value("y");
            if (i < iterations) {
                solver.fit(Map.of("y", errors[i]), learningRate);
            }
        }
        return errors;
    }

    /** The four XOR cases, as {x1, x2, target}. */
    private static final double[][] XOR = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};

    /**
     * Trains a 2-2-1 sigmoid network on XOR, one shuffled example at a time, from weights drawn
     * uniformly in [-1, 1] by a generator seeded with {@code seed}.
     *
     * @return the network's output for the inputs (0, 0), (0, 1), (1, 0), (1, 1) after training
     */
    public static double[] trainXor(long seed, int epochs, double learningRate) {
        Constant x1 = new Constant("x1");
        Constant x2 = new Constant("x2");
        Node h1 = neuron("h1", x1, x2);
        Node h2 = neuron("h2", x1, x2);
        Node out = neuron("out", h1, h2);
        Random random = new Random(seed);
        Map<String, Double> initial = new HashMap<>();
        for (String neuron : List.of("h1", "h2", "out")) {
            for (String weight : List.of(".w1", ".w2", ".b")) {
                initial.put(neuron + weight, 2 * random.nextDouble() - 1);
            }
        }
        Solver solver = new Solver(List.of(out), initial);
        List<double[]> examples = new ArrayList<>(List.of(XOR));
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(examples, random);
            for (double[] example : examples) {
                solver.solve(Map.of("x1", example[0], "x2", example[1]));
                solver.fit(Map.of("out", example[2] - solver.value("out")), learningRate);
            }
        }
        double[] outputs = new double[XOR.length];
        for (int i = 0; i < XOR.length; i++) {
            solver.solve(Map.of("x1", XOR[i][0], "x2", XOR[i][1]));
            outputs[i] = solver.value("out");
        }
        return outputs;
    }

    /** sigmoid(w1 a + w2 b + bias), with variables named {@code name.w1}, {@code name.w2}, {@code name.b}. */
    private static Node neuron(String name, Node a, Node b) {
        Node sum = new Add(name + ".sum",
                new Multiply(name + ".w1a", new Variable(name + ".w1"), a),
                new Multiply(name + ".w2b", new Variable(name + ".w2"), b),
                new Variable(name + ".b"));
        return new Sigmoid(name, sum);
    }
}
