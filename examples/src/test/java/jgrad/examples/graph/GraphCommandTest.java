package jgrad.examples.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jgrad.examples.CommandLineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad graph} with Graphviz (when this machine has it) and without (a --graphviz that does not exist). */
class GraphCommandTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();

    private int run(String... args) {
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

        assertEquals(0, code, cli.err());
        assertFalse(Files.exists(target));
        assertTrue(cli.err().contains("was not found") && cli.err().contains("apt-get install graphviz")
                && cli.err().contains(target.toString()), cli.err());
        String text = cli.out();
        assertTrue(text.startsWith("// f(x, y) = x y + sin x at (x, y) = (pi/2, 0)\n"), text);
        assertTrue(text.contains("//   df/dy = x = 1.571") && text.contains("digraph tape {"), text);
        assertTrue(text.contains("\"y\\nvalue 0\\ngrad 1.571\""), text);
    }

    @Test
    void aGraphvizNameNotOnThePathCountsAsAbsent() {
        int code = run("graph", "max", "-o", dir.resolve("max.png").toString(), "--graphviz", "no-such-dot-program");

        assertEquals(0, code, cli.err());
        assertTrue(cli.err().contains("'no-such-dot-program' was not found on the PATH"), cli.err());
        assertTrue(cli.out().contains("\"x3\\nvalue 1\\ngrad 0\""), cli.out());
    }

    @Test
    void printDotPrintsTheDotTextAndDrawsNothing() {
        int code = run("graph", "network", "--print-dot", "-o", dir.resolve("n.svg").toString());

        assertEquals(0, code, cli.err());
        assertTrue(cli.out().contains("\"loss (sum)\\nvalue 0.1562\\ngrad 1\", peripheries=2"), cli.out());
        assertFalse(Files.exists(dir.resolve("n.svg")));
        assertEquals("", cli.err());
    }

    @Test
    void aDotFileIsWrittenWithoutGraphviz() throws Exception {
        Path target = dir.resolve("chain.dot");

        int code = run("graph", "chain", "-o", target.toString(), "--graphviz", dir.resolve("absent").toString());

        assertEquals(0, code, cli.err());
        assertTrue(Files.readString(target).contains("digraph tape {"));
        assertTrue(cli.out().contains("drawn to " + target + " (DOT text)"), cli.out());
    }

    @Test
    void withGraphvizItDrawsAPngAndAnSvg() throws Exception {
        assumeGraphviz();
        Path png = dir.resolve("network.png");
        Path svg = dir.resolve("sub/max.svg");

        assertEquals(0, run("graph", "network", "-o", png.toString()), cli.err());
        assertEquals(0, run("graph", "max", "-o", svg.toString()), cli.err());

        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(png), 8));
        String picture = Files.readString(svg);
        assertTrue(picture.contains("<svg") && picture.contains("w1 x1 + w2 x2 (add)"), picture);
        assertTrue(cli.out().contains("drawn to " + png + " (Graphviz "), cli.out());
        assertTrue(cli.out().contains("df/dx3 = 0: max sends the gradient to the larger input only"), cli.out());
        try (var files = Files.list(dir)) { // no temporary file left beside the pictures
            assertEquals(List.of("network.png", "sub"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("", cli.err());
    }

    @Test
    void anOutputWhoseNameSaysNoFormatIsAnErrorThatListsTheFormats() {
        int code = run("graph", "chain", "-o", dir.resolve("chain.gif").toString());

        assertEquals(1, code);
        assertTrue(cli.err().contains("chain.gif") && cli.err().contains(".svg, .png, .pdf or .dot"), cli.err());
    }

    @Test
    void anUnknownExampleIsAUsageErrorNamingTheExamples() {
        assertEquals(2, run("graph", "xor"));
        assertTrue(cli.err().contains("CHAIN, MAX, NETWORK"), cli.err());
    }
}
