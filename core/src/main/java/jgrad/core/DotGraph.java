package jgrad.core;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Renders recorded ops as a Graphviz DOT digraph, the forward/backward diagrams of the lecture notes:
 * one box per tensor (its name if it has one, its op, its shape unless it is a scalar, its value and
 * gradient when small, a matrix row by row), an arrow from each input to the op's output. Parameters are blue, the last
 * output (the loss, usually) is drawn with a double border.
 */
final class DotGraph {

    private static final int MAX_SHOWN_ELEMENTS = 16;

    private DotGraph() {}

    static String of(List<Tape.Node> nodes, Map<? extends Tensor, String> names) {
        Map<Tensor, String> ids = new IdentityHashMap<>();
        Map<Tensor, String> named = new IdentityHashMap<>(names);
        Tensor last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1).output();
        StringBuilder dot = new StringBuilder("digraph tape {\n  rankdir=LR;\n"
                + "  node [shape=box, style=rounded, fontname=\"monospace\"];\n");
        for (Tape.Node node : nodes) {
            for (Tensor input : node.inputs()) {
                declare(input, named.get(input), input == last, ids, dot);
            }
            declare(node.output(), named.get(node.output()), node.output() == last, ids, dot);
            for (Tensor input : node.inputs()) {
                dot.append("  ").append(ids.get(input)).append(" -> ").append(ids.get(node.output())).append(";\n");
            }
        }
        return dot.append("}\n").toString();
    }

    private static void declare(Tensor t, String name, boolean last, Map<Tensor, String> ids, StringBuilder dot) {
        if (ids.containsKey(t)) {
            return;
        }
        String id = "t" + ids.size();
        ids.put(t, id);
        boolean leaf = t.op().equals("param") || t.op().equals("const");
        StringBuilder label = new StringBuilder();
        if (name != null) {
            label.append(escape(name)).append(leaf ? "" : " (" + t.op() + ")");
        } else {
            label.append(t.op());
        }
        if (t.shape().length > 0) {
            label.append(' ').append(Check.shape(t.shape()));
        }
        INDArray value = t.value();
        if (value.length() <= MAX_SHOWN_ELEMENTS) {
            label.append("\\nvalue ").append(compact(value));
            INDArray grad = t.gradIfAny();
            if (grad != null) {
                label.append("\\ngrad ").append(compact(grad));
            }
        }
        dot.append("  ").append(id).append(" [label=\"").append(label).append("\"");
        if (t instanceof Parameter) {
            dot.append(", style=\"rounded,filled\", fillcolor=lightblue");
        }
        if (last) {
            dot.append(", peripheries=2");
        }
        dot.append("];\n");
    }

    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** One number, a list, or for a matrix of several rows a list of rows: [[0.5, -0.4], [0.3, 0.8]]. */
    private static String compact(INDArray array) {
        double[] values = array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (values.length == 1) {
            return number(values[0]);
        }
        int rows = array.rank() == 2 ? (int) array.rows() : 1;
        int columns = values.length / rows;
        StringBuilder s = new StringBuilder(rows > 1 ? "[" : "");
        for (int r = 0; r < rows; r++) {
            s.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < columns; c++) {
                s.append(c == 0 ? "" : ", ").append(number(values[r * columns + c]));
            }
            s.append(']');
        }
        return s.append(rows > 1 ? "]" : "").toString();
    }

    /** Four significant digits without trailing zeros: 3, 1.571, 0.5, 6.123e-17. */
    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.4g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }
}
