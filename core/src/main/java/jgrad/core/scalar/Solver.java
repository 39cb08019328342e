package jgrad.core.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a scalar graph and trains its variables.
 *
 * <pre>{@code
 * Constant x = new Constant("x");
 * Variable m = new Variable("m"), b = new Variable("b");
 * Node y = new Add("y", new Multiply("mx", m, x), b);
 * Solver solver = new Solver(List.of(y), Map.of("m", 2.0, "b", 3.0));
 * solver.solve(Map.of("x", 4.0));           // solver.value("y") == 11
 * solver.fit(Map.of("y", 5.0 - 11.0), 0.1); // error = target - output
 * }</pre>
 *
 * <p>The graph is put in topological order once, when the solver is made, by a depth-first walk with
 * an explicit stack, so a graph of any depth (a chain of a million nodes) is handled without recursion.
 * {@code solve} walks that order forward; {@code fit} and {@link #gradient} walk it backward. The
 * by-id methods are for people; the array methods ({@link #solve(double[])}, {@link #fit(double[], double)})
 * are for training loops, and touch no map.
 */
public final class Solver {

    private final Node[] outputs;
    /** Every node the outputs depend on, each after its inputs. */
    private final Node[] order;
    private final Constant[] inputs;
    private final Variable[] variables;
    private final Map<String, Node> byId = new HashMap<>();
    private final Map<String, Integer> inputIndex = new HashMap<>();
    private boolean solved;

    /**
     * Orders the graph behind {@code outputs} and gives every variable in it its value from
     * {@code initialValues} (by id).
     *
     * @throws IllegalArgumentException when two nodes share an id, when a variable has no initial value,
     *     or when an initial value names no variable of the graph
     */
    public Solver(List<? extends Node> outputs, Map<String, Double> initialValues) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("Solver: no outputs given");
        }
        this.outputs = outputs.toArray(new Node[0]);
        this.order = topologicalOrder(this.outputs);
        List<Constant> constants = new ArrayList<>();
        List<Variable> vars = new ArrayList<>();
        for (Node node : order) {
            Node previous = byId.putIfAbsent(node.id(), node);
            if (previous != null) {
                throw new IllegalArgumentException("Solver: two nodes have the id '" + node.id() + "': " + previous + " and " + node);
            }
            if (node instanceof Constant c) {
                inputIndex.put(c.id(), constants.size());
                constants.add(c);
            } else if (node instanceof Variable v) {
                vars.add(v);
            }
        }
        this.inputs = constants.toArray(new Constant[0]);
        this.variables = vars.toArray(new Variable[0]);
        for (Variable v : variables) {
            Double initial = initialValues.get(v.id());
            if (initial == null) {
                throw new IllegalArgumentException("Solver: variable '" + v.id() + "' has no initial value");
            }
            v.value = initial;
        }
        for (String id : initialValues.keySet()) {
            if (!(byId.get(id) instanceof Variable)) {
                throw new IllegalArgumentException("Solver: initial value given for '" + id + "', which is not a variable of the graph"
                        + (byId.containsKey(id) ? " (it is a " + byId.get(id).getClass().getSimpleName() + ")" : ""));
            }
        }
    }

    /** Depth-first post-order with an explicit stack of (node, next input to visit). */
    private static Node[] topologicalOrder(Node[] outputs) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        List<Node> order = new ArrayList<>();
        Node[] stack = new Node[16];
        int[] next = new int[16];
        for (Node output : outputs) {
            if (seen.put(output, Boolean.TRUE) != null) {
                continue;
            }
            int top = 0;
            stack[0] = output;
            next[0] = 0;
            while (top >= 0) {
                Node node = stack[top];
                if (next[top] < node.inputs.length) {
                    Node input = node.inputs[next[top]++];
                    if (seen.put(input, Boolean.TRUE) == null) {
                        if (++top == stack.length) {
                            stack = Arrays.copyOf(stack, 2 * top);
                            next = Arrays.copyOf(next, 2 * top);
                        }
                        stack[top] = input;
                        next[top] = 0;
                    }
                } else {
                    order.add(node);
                    stack[top--] = null;
                }
            }
        }
        return order.toArray(new Node[0]);
    }

    // ---- forward ----

    /**
     * Evaluates the graph with the inputs named by id; a constant made with a value may be left out.
     *
     * @throws IllegalArgumentException when an input is missing or an id names no constant of the graph
     */
    public void solve(Map<String, Double> inputsById) {
        for (Map.Entry<String, Double> e : inputsById.entrySet()) {
            Integer index = inputIndex.get(e.getKey());
            if (index == null) {
                throw new IllegalArgumentException("solve: '" + e.getKey() + "' is not an input (Constant) of the graph; inputs are "
                        + inputIds());
            }
            inputs[index].value = e.getValue();
        }
        for (Constant c : inputs) {
            if (!c.hasDefault && !inputsById.containsKey(c.id())) {
                throw new IllegalArgumentException("solve: no value given for input '" + c.id() + "'");
            }
        }
        forward();
    }

    /** Evaluates the graph with every input given, in the order of {@link #inputIds()}. */
    public void solve(double[] inputValues) {
        if (inputValues.length != inputs.length) {
            throw new IllegalArgumentException("solve: " + inputValues.length + " input values for " + inputs.length + " inputs "
                    + (inputs.length <= 10 ? inputIds() : ""));
        }
        for (int i = 0; i < inputs.length; i++) {
            inputs[i].value = inputValues[i];
        }
        forward();
    }

    private void forward() {
        for (Node node : order) {
            node.forward();
        }
        solved = true;
    }

    /** The ids of the graph's inputs, in the order {@link #solve(double[])} takes them. */
    public List<String> inputIds() {
        List<String> ids = new ArrayList<>(inputs.length);
        for (Constant c : inputs) {
            ids.add(c.id());
        }
        return ids;
    }

    /** The value of any node of the graph after the last solve (a variable's current value). */
    public double value(String id) {
        return node(id).value;
    }

    /** The values of the outputs after the last solve, in the order the solver was given them. */
    public double[] outputValues() {
        double[] values = new double[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            values[i] = outputs[i].value;
        }
        return values;
    }

    /** The current value of every variable, by id. */
    public Map<String, Double> variableValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Variable v : variables) {
            values.put(v.id(), v.value);
        }
        return values;
    }

    public Node node(String id) {
        Node node = byId.get(id);
        if (node == null) {
            throw new IllegalArgumentException("Solver: no node has the id '" + id + "'");
        }
        return node;
    }

    // ---- backward ----

    /**
     * Back-propagates {@code error = target - output} from each output named in {@code errorsById} and
     * moves every variable v by {@code learningRate * sum over outputs of error * d output / d v}: one
     * step of gradient descent on half the squared error (or, for logits, on cross-entropy when the
     * error is one-hot minus softmax). Uses the values of the last solve, so each fit needs a solve
     * before it.
     */
    public void fit(Map<String, Double> errorsById, double learningRate) {
        double[] errors = new double[outputs.length];
        for (Map.Entry<String, Double> e : errorsById.entrySet()) {
            errors[outputIndex(e.getKey())] = e.getValue();
        }
        fit(errors, learningRate);
    }

    /** {@link #fit(Map, double)} with one error per output, in the order the solver was given them. */
    public void fit(double[] errors, double learningRate) {
        backward(errors, "fit");
        for (Variable v : variables) {
            v.value += learningRate * v.grad;
        }
        // The other nodes still hold values computed from the old variables: the next fit needs a solve.
        solved = false;
    }

    /** d output / d v for every variable v, by id, at the values of the last solve. */
    public Map<String, Double> gradient(String outputId) {
        double[] seed = new double[outputs.length];
        seed[outputIndex(outputId)] = 1;
        backward(seed, "gradient");
        Map<String, Double> gradient = new LinkedHashMap<>();
        for (Variable v : variables) {
            gradient.put(v.id(), v.grad);
        }
        return gradient;
    }

    /** Sets every grad to sum over outputs of seed * d output / d node, by one reverse walk. */
    private void backward(double[] seeds, String what) {
        if (!solved) {
            throw new IllegalStateException(what + ": call solve first; the derivatives depend on the values it computes");
        }
        if (seeds.length != outputs.length) {
            throw new IllegalArgumentException(what + ": " + seeds.length + " errors for " + outputs.length + " outputs");
        }
        for (Node node : order) {
            node.grad = 0;
        }
        for (int i = 0; i < outputs.length; i++) {
            outputs[i].grad += seeds[i];
        }
        for (int i = order.length - 1; i >= 0; i--) {
            order[i].backward();
        }
    }

    private int outputIndex(String id) {
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Solver: '" + id + "' is not an output; outputs are "
                + Arrays.stream(outputs).map(Node::id).toList());
    }

    /** The number of nodes the outputs depend on. */
    public int size() {
        return order.length;
    }
}
