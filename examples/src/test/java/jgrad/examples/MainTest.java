package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));

        assertTrue(out.toString().contains("xor"), out.toString());
        assertTrue(out.toString().contains("line"), out.toString());
    }

    @Test
    void versionNamesJgradNd4jAndJava() {
        assertEquals(0, run("--version"));

        assertTrue(out.toString().startsWith("jgrad "), out.toString());
        assertTrue(out.toString().contains("ND4J 1.0.0-M2.1, Java "), out.toString());
    }

    @Test
    void everySubcommandHasHelpWithItsOptions() {
        assertEquals(0, run("xor", "--help"));
        assertEquals(0, run("line", "--help"));

        for (String option : new String[] {"--epochs", "--lr", "--seed", "--threads", "--report", "--plot"}) {
            assertTrue(out.toString().contains(option), option + " missing from " + out);
        }
    }

    @Test
    void noSubcommandPrintsUsageAndExitsWithTwo() {
        assertEquals(2, run());

        assertTrue(err.toString().contains("Usage: jgrad"), err.toString());
    }

    @Test
    void unknownOptionExitsWithTwo() {
        assertEquals(2, run("xor", "--bogus"));

        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    }

    @Test
    void failingCommandExitsWithOneAndOneLineSayingWhy() {
        // The command prints its start-up line and epochs to System.out, which the test keeps to itself.
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = run("line", "--lr", "0.05", "--print-every", "100000");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(1, exit);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("epoch"), printed.toString(StandardCharsets.UTF_8));

        assertTrue(err.toString().startsWith("jgrad line: the cost became "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
