package jgrad.examples.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jgrad.examples.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jgrad graph} with Graphviz (when this machine has it) and without (a --graphviz that does not exist). */
class GraphCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void assumeGraphviz() {
        assumeTrue(Graphviz.find("dot", System.getenv("PATH")).isPresent(),
                "Graphviz's dot is not on the PATH (apt-get install graphviz): drawing through it is not tested here");
    }

    @Test
    void withoutGraphvizItSaysSoAndPrintsTheDotTextWithTheFigures() {
        Path target = dir.resolve("chain.svg");

        int code = run("graph", "chain", "-o", target.toString(), "--graphviz", dir.resolve("no-such-dot").toString());

        assertEquals(0, code, err.toString());
        assertFalse(Files.exists(target));
        assertTrue(err.toString().contains("was not found") && err.toString().contains("apt-get install graphviz")
                && err.toString().contains(target.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("// f(x, y) = x y + sin x at (x, y) = (pi/2, 0)\n"), text);
        assertTrue(text.contains("//   df/dy = x = 1.571") && text.contains("digraph tape {"), text);
        assertTrue(text.contains("\"y\\nvalue 0\\ngrad 1.571\""), text);
    }

    @Test
    void aGraphvizNameNotOnThePathCountsAsAbsent() {
        int code = run("graph", "max", "-o", dir.resolve("max.png").toString(), "--graphviz", "no-such-dot-program");

        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains("'no-such-dot-program' was not found on the PATH"), err.toString());
        assertTrue(out.toString().contains("\"x3\\nvalue 1\\ngrad 0\""), out.toString());
    }

    @Test
    void printDotPrintsTheDotTextAndDrawsNothing() {
        int code = run("graph", "network", "--print-dot", "-o", dir.resolve("n.svg").toString());

        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("\"loss (sum)\\nvalue 0.1562\\ngrad 1\", peripheries=2"), out.toString());
        assertFalse(Files.exists(dir.resolve("n.svg")));
        assertEquals("", err.toString());
    }

    @Test
    void aDotFileIsWrittenWithoutGraphviz() throws Exception {
        Path target = dir.resolve("chain.dot");

        int code = run("graph", "chain", "-o", target.toString(), "--graphviz", dir.resolve("absent").toString());

        assertEquals(0, code, err.toString());
        assertTrue(Files.readString(target).contains("digraph tape {"));
        assertTrue(out.toString().contains("drawn to " + target + " (DOT text)"), out.toString());
    }

    @Test
    void withGraphvizItDrawsAPngAndAnSvg() throws Exception {
        assumeGraphviz();
        Path png = dir.resolve("network.png");
        Path svg = dir.resolve("sub/max.svg");

        assertEquals(0, run("graph", "network", "-o", png.toString()), err.toString());
        assertEquals(0, run("graph", "max", "-o", svg.toString()), err.toString());

        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(png), 8));
        String picture = Files.readString(svg);
        assertTrue(picture.contains("<svg") && picture.contains("w1 x1 + w2 x2 (add)"), picture);
        assertTrue(out.toString().contains("drawn to " + png + " (Graphviz "), out.toString());
        assertTrue(out.toString().contains("df/dx3 = 0: max sends the gradient to the larger input only"), out.toString());
        try (var files = Files.list(dir)) { // no temporary file left beside the pictures
            assertEquals(List.of("network.png", "sub"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("", err.toString());
    }

    @Test
    void anOutputWhoseNameSaysNoFormatIsAnErrorThatListsTheFormats() {
        int code = run("graph", "chain", "-o", dir.resolve("chain.gif").toString());

        assertEquals(1, code);
        assertTrue(err.toString().contains("chain.gif") && err.toString().contains(".svg, .png, .pdf or .dot"), err.toString());
    }

    @Test
    void anUnknownExampleIsAUsageErrorNamingTheExamples() {
        assertEquals(2, run("graph", "xor"));
        assertTrue(err.toString().contains("CHAIN, MAX, NETWORK"), err.toString());
    }
}
