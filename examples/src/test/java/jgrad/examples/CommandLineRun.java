package jgrad.examples;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code jgrad} command line in this process and keeps what it printed, for tests. */
public final class CommandLineRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code jgrad ARGS}; returns the exit code. Output accumulates over runs. */
    public int execute(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
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
