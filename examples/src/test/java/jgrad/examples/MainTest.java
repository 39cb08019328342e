package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    private final CommandLineRun cli = new CommandLineRun();

    private int run(String... args) {
        return cli.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));

        assertTrue(cli.out().contains("xor"), cli.out());
        assertTrue(cli.out().contains("line"), cli.out());
    }

    @Test
    void versionNamesJgradNd4jAndJava() {
        assertEquals(0, run("--version"));

        assertTrue(cli.out().startsWith("jgrad "), cli.out());
        assertTrue(cli.out().contains("ND4J 1.0.0-M2.1, Java "), cli.out());
    }

    @Test
    void everySubcommandHasHelpWithItsOptions() {
        assertEquals(0, run("xor", "--help"));
        assertEquals(0, run("line", "--help"));

        for (String option : new String[] {"--epochs", "--lr", "--seed", "--threads", "--report", "--plot"}) {
            assertTrue(cli.out().contains(option), option + " missing from " + cli.out());
        }
    }

    @Test
    void noSubcommandPrintsUsageAndExitsWithTwo() {
        assertEquals(2, run());

        assertTrue(cli.err().contains("Usage: jgrad"), cli.err());
    }

    @Test
    void unknownOptionExitsWithTwo() {
        assertEquals(2, run("xor", "--bogus"));

        assertTrue(cli.err().contains("Unknown option: '--bogus'"), cli.err());
    }

    @Test
    void failingCommandExitsWithOneAndOneLineSayingWhy() {
        assertEquals(1, run("line", "--lr", "0.05", "--print-every", "100000"));

        assertTrue(cli.err().startsWith("jgrad line: the cost became "), cli.err());
        assertEquals(1, cli.err().lines().count(), cli.err());
    }
}
