package jgrad.core;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Renders recorded ops as a Graphviz DOT digraph, the forward/backward diagrams of the lecture notes. */
final class DotGraph {

    private static final int MAX_SHOWN_ELEMENTS = 16;

    private DotGraph() {}

    static String of(List<Tape.Node> nodes) {
        Map<Tensor, String> ids = new IdentityHashMap<>();
        StringBuilder dot = new StringBuilder("digraph tape {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (Tape.Node node : nodes) {
            for (Tensor input : node.inputs()) {
                declare(input, ids, dot);
            }
            declare(node.output(), ids, dot);
            for (Tensor input : node.inputs()) {
                dot.append("  ").append(ids.get(input)).append(" -> ").append(ids.get(node.output())).append(";\n");
            }
        }
        return dot.append("}\n").toString();
    }

    private static void declare(Tensor t, Map<Tensor, String> ids, StringBuilder dot) {
        if (ids.containsKey(t)) {
            return;
        }
        String id = "t" + ids.size();
        ids.put(t, id);
        StringBuilder label = new StringBuilder(t.op()).append(' ').append(Check.shape(t.shape()));
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
            dot.append(", style=filled, fillcolor=lightblue");
        }
        dot.append("];\n");
    }

    private static String compact(INDArray array) {
        double[] values = array.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        StringBuilder s = new StringBuilder(values.length == 1 ? "" : "[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format("%.4g", values[i]));
        }
        return s.append(values.length == 1 ? "" : "]").toString();
    }
}
