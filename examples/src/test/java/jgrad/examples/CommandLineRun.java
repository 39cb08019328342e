package jgrad.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the {@code jgrad} command line in this process and keeps what it printed, for tests: picocli's
 * own output (help, usage errors) and what the commands print on {@code System.out}.
 */
public final class CommandLineRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code jgrad ARGS}; returns the exit code. Output accumulates over runs. */
    public int execute(String... args) {
        PrintStream systemOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // Before the command line is made: picocli's execution strategy keeps the System.out of that moment
        // and prints help through it unless it is still System.out when help is asked for.
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        } finally {
            System.setOut(systemOut);
            out.write(printed.toString(StandardCharsets.UTF_8));
        }
    }

    /** What the runs printed on standard output. */
    public String out() {
        return out.toString();
    }

    /** What the runs printed on standard error. */
    public String err() {
        return err.toString();
    }
}
