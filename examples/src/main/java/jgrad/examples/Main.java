package jgrad.examples;

import java.util.concurrent.Callable;
import jgrad.examples.basics.LineCommand;
import jgrad.examples.basics.XorCommand;
import jgrad.examples.report.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jgrad} command line: {@code jgrad --help}, {@code jgrad --version}, {@code jgrad xor ...}.
 *
 * <p>Every subcommand is registered in {@link #commandLine()}, and only there. Exit codes: 0 on
 * success, 2 for a usage error (unknown option, bad value, no subcommand), 1 when a command fails.
 */
@Command(name = "jgrad", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep learning in Java over ND4J: examples, training and benchmarks.",
        commandListHeading = "%nCommands:%n")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree, with every subcommand; its {@code execute} returns the exit code. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new XorCommand());
        cli.addSubcommand(new LineCommand());
        cli.addSubcommand(new jgrad.examples.mnist.MnistCommand());
        cli.addSubcommand(new jgrad.examples.bench.BenchCommand());
        cli.addSubcommand(new jgrad.examples.tagger.TaggerCommand());
        cli.addSubcommand(new jgrad.examples.graph.GraphCommand());
        cli.addSubcommand(new jgrad.examples.lm.LmCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A failed run is reported as one line a user can act on; the stack trace is for --debug logs.
            LOG.debug("{} failed", commandLine.getCommandName(), e);
            String name = commandLine.getCommandName();
            String message = describe(e);
            // Commands name themselves in their messages ("line: ..."); say it once.
            commandLine.getErr().println("jgrad " + (message.startsWith(name + ": ") ? message : name + ": " + message));
            return 1;
        });
        return cli;
    }

    /** Without a subcommand: the usage, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message != null && !message.isBlank() ? message : e.getClass().getSimpleName();
    }

    /** {@code jgrad --version}: jgrad's, ND4J's and Java's versions. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "jgrad " + Versions.jgrad(),
                "ND4J " + Versions.nd4j() + ", Java " + Versions.java() + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
