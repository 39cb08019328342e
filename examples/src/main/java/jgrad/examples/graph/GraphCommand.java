package jgrad.examples.graph;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import jgrad.examples.report.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad graph EXAMPLE}: draws one of the lecture notes' examples ({@link LectureGraph}) as the
 * tape recorded it, with each box's value from the forward pass and its gradient from the backward
 * pass, and prints the figures to check by hand.
 *
 * <p>With Graphviz's {@code dot} on the {@code PATH} (or named by {@code --graphviz}) it writes
 * {@code EXAMPLE.svg}, or the file {@code -o} names (.svg, .png, .pdf; .dot writes the DOT text itself).
 * Without it, it says so on standard error and prints the DOT text on standard output, with the figures as
 * comments, so that it can be piped into a viewer elsewhere; {@code --print-dot} does that on purpose.
 */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Draw a lecture-notes example of backpropagation: the tape's graph with values forward and gradients backward.",
            "EXAMPLE is one of: chain (f(x, y) = x y + sin x at (pi/2, 0)), max (max(w1 x1 + w2 x2, x3)), "
                    + "network (a 2-2-1 sigmoid network and its squared error).",
            "Needs Graphviz's dot for SVG, PNG or PDF (apt-get install graphviz); without it, prints the DOT text."
        })
public final class GraphCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXAMPLE", description = "${COMPLETION-CANDIDATES}")
    LectureGraph example;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to draw it: .svg, .png or .pdf through Graphviz, .dot for the DOT text (default: EXAMPLE.svg).")
    Path output;

    @Option(names = "--print-dot", description = "Print the DOT text on standard output instead of drawing.")
    boolean printDot;

    @Option(names = "--graphviz", paramLabel = "CMD", defaultValue = "dot",
            description = "Graphviz's dot program: a name looked up on the PATH, or a file (default: ${DEFAULT-VALUE}).")
    String graphviz;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LectureGraph.Result result = example.draw();
        Path target = output != null ? output : Path.of(example.id() + ".svg");
        String format = format(target);
        if (printDot) {
            printDot(out, result);
            return 0;
        }
        if (format.equals("dot")) {
            AtomicFile.write(target, stream -> stream.write(commented(result).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            printFigures(out, result, target, "DOT text");
            return 0;
        }
        Optional<Graphviz> dot = Graphviz.find(graphviz, System.getenv("PATH"));
        if (dot.isEmpty()) {
            err.println("graph: Graphviz's '" + graphviz + "' was not found" + (graphviz.contains("/") ? "" : " on the PATH")
                    + ", so " + target + " was not drawn; here is the DOT text instead. Install Graphviz "
                    + "(apt-get install graphviz, brew install graphviz) and run again, or pass its dot with --graphviz FILE.");
            err.flush();
            printDot(out, result);
            return 0;
        }
        dot.get().render(result.dot(), format, target);
        printFigures(out, result, target, "Graphviz " + dot.get().executable());
        return 0;
    }

    /** The format that the file's extension names. */
    static String format(Path file) {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (name.indexOf('.') < 0 || !(extension.equals("dot") || Graphviz.FORMATS.contains(extension))) {
            throw new IllegalArgumentException("graph: cannot tell what to write to '" + file + "' from its name; "
                    + "end it in .svg, .png, .pdf or .dot");
        }
        return extension;
    }

    private void printFigures(PrintWriter out, LectureGraph.Result result, Path target, String how) {
        out.println(example.formula());
        result.lines().forEach(line -> out.println("  " + line));
        out.println("drawn to " + target + " (" + how + ")");
        out.flush();
    }

    private void printDot(PrintWriter out, LectureGraph.Result result) {
        out.print(commented(result));
        out.flush();
    }

    /** The DOT text with the formula and the figures on top, as comments. */
    private String commented(LectureGraph.Result result) {
        StringBuilder text = new StringBuilder("// ").append(example.formula()).append('\n');
        result.lines().forEach(line -> text.append("//   ").append(line).append('\n'));
        return text.append(result.dot()).toString();
    }
}
