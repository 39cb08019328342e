package jgrad.examples;

import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.core.FileErrors;
import jgrad.examples.basics.LineCommand;
import jgrad.examples.basics.XorCommand;
import jgrad.examples.cli.BadOptionException;
import jgrad.examples.cli.CliLogging;
import jgrad.examples.cli.CommandGroup;
import jgrad.examples.report.Versions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code jgrad} command line: {@code jgrad --help}, {@code jgrad --version}, {@code jgrad xor ...}.
 *
 * <p>Every subcommand is registered in {@link #commandLine()}, and only there. Exit codes, the same for
 * every command (and listed in every command's help, see {@link #EXIT_CODES}): 0 on success; 2 when the
 * command line is wrong: an unknown option, a value that does not parse or is out of its range
 * ({@link BadOptionException}), a missing subcommand; 1 when the run fails: a file that cannot be read or
 * written, data that cannot be fetched, a checkpoint that does not fit, training that diverges. Either
 * way the error is one line on standard error that names the command; the stack trace is logged at
 * DEBUG level (logger {@code jgrad.examples.Main}), which {@code --verbose} shows. {@code --verbose},
 * accepted by every command, turns on the log lines that are off by default (see {@link CliLogging}).
 */
@Command(name = "jgrad", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep learning in Java over ND4J: examples, training and benchmarks.",
        commandListHeading = "%nCommands:%n")
public final class Main extends CommandGroup {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** Given anywhere on the line ({@code jgrad mnist --verbose}): applied while parsing, before ND4J starts. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log everything from INFO (ND4J's start-up banner too) and jgrad from DEBUG, with timestamps.")
    void verbose(boolean verbose) {
        if (verbose) {
            CliLogging.verbose();
        }
    }

    /** Exit code of a failed run. */
    public static final int FAILED = 1;
    /** Exit code of a command line that is wrong: unknown option, bad value, value out of range. */
    public static final int BAD_USAGE = CommandGroup.BAD_USAGE;

    /** The exit codes as every command's help lists them. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "Success.");
        codes.put(String.valueOf(FAILED), "The run failed: a file could not be read or written, data could not be "
                + "fetched, a checkpoint does not fit, training diverged.");
        codes.put(String.valueOf(BAD_USAGE), "Bad command line: unknown option, a value that does not parse or is "
                + "out of its range, no subcommand.");
        return codes;
    }

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
        cli.addSubcommand(new jgrad.examples.embeddings.EmbeddingsCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        listExitCodes(cli);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine commandLine = e.getCommandLine();
            String name = commandLine.getCommandSpec().qualifiedName();
            commandLine.getErr().println(name + ": " + e.getMessage());
            commandLine.getErr().println("Try '" + name + " --help' for the options.");
            return BAD_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A failed run is reported as one line a user can act on; the stack trace goes to the DEBUG log (--verbose).
            LOG.debug("{} failed", commandLine.getCommandName(), e);
            String name = commandLine.getCommandName();
            String qualified = commandLine.getCommandSpec().qualifiedName(); // "jgrad tagger train"
            String parents = qualified.substring(0, qualified.length() - name.length());
            String message = describe(e);
            // Commands name themselves in their messages ("line: ..."); say it once.
            commandLine.getErr().println(parents + (message.startsWith(name + ": ") ? message : name + ": " + message));
            return e instanceof BadOptionException ? BAD_USAGE : FAILED;
        });
        return cli;
    }

    private static void listExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        cli.getSubcommands().values().forEach(Main::listExitCodes);
    }


    private static String describe(Throwable e) {
        if (e instanceof FileSystemException fs && fs.getReason() == null) {
            // Only a path: the call site did not say what it was doing (see FileErrors); still say why.
            return "cannot access " + fs.getFile() + ": " + FileErrors.reason(fs);
        }
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
