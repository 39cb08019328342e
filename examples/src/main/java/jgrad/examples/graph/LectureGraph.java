package jgrad.examples.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lecture notes' examples of backpropagation, each computed on a tape in float64: the values go
 * forward, {@link Tape#backward} sends the gradients back, and {@link Tape#toDot(Map)} draws both, with
 * the inputs and the intermediate results named as the notes name them.
 */
public enum LectureGraph {

    /** The chain rule example: f(x, y) = x y + sin x at (pi/2, 0), whose gradient is (0, pi/2). */
    CHAIN("f(x, y) = x y + sin x at (x, y) = (pi/2, 0)") {
        @Override
        void compute(Drawing d) {
            Parameter x = d.input("x", scalar(Math.PI / 2));
            Parameter y = d.input("y", scalar(0));
            Tensor f = d.name("f", d.name("x y", x.mul(y)).add(d.name("sin x", x.sin())));
            d.backward(f);
            d.line("f = " + number(f) + "   (pi/2 * 0 + sin(pi/2) = 1)");
            d.line("df/dx = y + cos x = " + grad(x) + "   (0 up to rounding: cos(pi/2) is not exactly 0 in floating point)");
            d.line("df/dy = x = " + grad(y) + "   (pi/2)");
        }
    },

    /** max(w1 x1 + w2 x2, x3): the larger side takes the whole gradient, the other side gets none. */
    MAX("f = max(w1 x1 + w2 x2, x3) at w1 = 2, x1 = 3, w2 = -1, x2 = 4, x3 = 1") {
        @Override
        void compute(Drawing d) {
            Parameter w1 = d.input("w1", scalar(2));
            Parameter x1 = d.input("x1", scalar(3));
            Parameter w2 = d.input("w2", scalar(-1));
            Parameter x2 = d.input("x2", scalar(4));
            Parameter x3 = d.input("x3", scalar(1));
            Tensor sum = d.name("w1 x1 + w2 x2", d.name("w1 x1", w1.mul(x1)).add(d.name("w2 x2", w2.mul(x2))));
            Tensor f = d.name("f", sum.max(x3));
            d.backward(f);
            d.line("f = max(" + number(sum) + ", " + number(x3) + ") = " + number(f) + ": the weighted sum wins");
            d.line("df/dw1 = x1 = " + grad(w1) + ", df/dx1 = w1 = " + grad(x1) + ", df/dw2 = x2 = " + grad(w2)
                    + ", df/dx2 = w2 = " + grad(x2));
            d.line("df/dx3 = " + grad(x3) + ": max sends the gradient to the larger input only");
        }
    },

    /** The 2-2-1 sigmoid network of the XOR example, one forward and backward pass on the input (1, 0). */
    NETWORK("2-2-1 sigmoid network: y = sigmoid(sigmoid(x w1 + b1) w2 + b2), loss (y - target)^2, x = (1, 0), target 1") {
        @Override
        void compute(Drawing d) {
            Tensor x = d.name("x", Tensor.of(Nd4j.createFromArray(new double[][] {{1, 0}})));
            Parameter w1 = d.input("w1", Nd4j.createFromArray(new double[][] {{0.5, -0.4}, {0.3, 0.8}}));
            Parameter b1 = d.input("b1", Nd4j.createFromArray(new double[][] {{0.1, -0.1}}));
            Parameter w2 = d.input("w2", Nd4j.createFromArray(new double[][] {{0.7}, {-0.6}}));
            Parameter b2 = d.input("b2", Nd4j.createFromArray(new double[][] {{0.2}}));
            Tensor target = d.name("target", Tensor.of(Nd4j.createFromArray(new double[][] {{1}})));
            Tensor h = d.name("h", d.name("x w1 + b1", d.name("x w1", x.matmul(w1)).add(b1)).sigmoid());
            Tensor y = d.name("y", d.name("h w2 + b2", d.name("h w2", h.matmul(w2)).add(b2)).sigmoid());
            Tensor error = d.name("y - target", y.sub(target));
            Tensor loss = d.name("loss", d.name("(y - target)^2", error.mul(error)).sum());
            d.backward(loss);
            d.line("h = " + array(h.value()) + ", y = " + number(y) + ", loss = " + number(loss));
            d.line("dloss/dy = 2 (y - target) = " + grad(y));
            d.line("dloss/dw2 = " + grad(w2) + ", dloss/db2 = " + grad(b2));
            d.line("dloss/dw1 = " + grad(w1) + ", dloss/db1 = " + grad(b1));
        }
    };

    private final String formula;

    LectureGraph(String formula) {
        this.formula = formula;
    }

    /** The function and the point, in a line. */
    public String formula() {
        return formula;
    }

    /** The example's name on the command line: chain, max, network. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Builds the graph on a tape, runs it forward and backward, and keeps what it shows. */
    abstract void compute(Drawing drawing);

    /** The graph in DOT, titled with the formula, and the figures a learner checks by hand. */
    public record Result(String dot, List<String> lines) {}

    /** Computes the example and draws it. */
    public Result draw() {
        Drawing drawing = new Drawing();
        try (Tape tape = Tape.record()) {
            drawing.tape = tape;
            compute(drawing);
            return new Result(titled(tape.toDot(drawing.names), formula), List.copyOf(drawing.lines));
        }
    }

    /** The graph with a title on top and a line on how to read it at the bottom. */
    static String titled(String dot, String title) {
        String attributes = "  labelloc=t;\n  label=\"" + title.replace("\"", "\\\"") + "\\n"
                + "values go forward along the arrows; grad is d(output)/d(box), sent back against them\";\n"
                + "  fontname=\"sans-serif\";\n";
        int body = dot.indexOf('\n') + 1;
        return dot.substring(0, body) + attributes + dot.substring(body);
    }

    /** What an example records while it runs: the names of its tensors and the lines it prints. */
    static final class Drawing {
        private final Map<Tensor, String> names = new IdentityHashMap<>();
        private final List<String> lines = new ArrayList<>();
        private Tape tape;

        Parameter input(String name, INDArray value) {
            return name(name, Tensor.param(value));
        }

        <T extends Tensor> T name(String name, T tensor) {
            names.put(tensor, name);
            return tensor;
        }

        void backward(Tensor output) {
            tape.backward(output);
        }

        void line(String line) {
            lines.add(line);
        }
    }

    private static INDArray scalar(double value) {
        return Nd4j.scalar(DataType.DOUBLE, value);
    }

    private static String number(Tensor t) {
        return format(t.value().getDouble(0));
    }

    private static String grad(Tensor t) {
        INDArray grad = t.grad();
        return grad == null ? "0" : array(grad);
    }

    private static String array(INDArray a) {
        double[] v = a.dup().data().asDouble();
        if (v.length == 1) {
            return format(v[0]);
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(format(v[i]));
        }
        return s.append(']').toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "").replaceAll("\\.?0+e", "e");
    }
}
