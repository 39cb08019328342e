package jgrad.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code jgrad}, {@code jgrad tagger}, {@code jgrad lm},
 * {@code jgrad bench}): run without one, it prints its usage on standard error and exits with 2, the
 * exit code of a wrong command line.
 */
public abstract class CommandGroup implements Callable<Integer> {

    /** The exit code of a command line that is wrong: unknown option, bad value, missing subcommand. */
    public static final int BAD_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_USAGE;
    }
}
