package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line's conventions, the same on every command: exit code 2 and one line naming the option
 * for a bad command line (a value picocli cannot parse or one out of its range), exit code 1 and one line
 * saying what failed, on which file and why, for a failed run; outputs checked before any work.
 */
class MainTest {

    @TempDir
    Path dir;

    /** What a run printed, and its exit code. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Run run(String... args) {
        CommandLineRun cli = new CommandLineRun();
        int code = cli.execute(args);
        return new Run(code, cli.out(), cli.err());
    }

    /** Every command that computes, with the arguments it needs besides the option under test. */
    static Stream<List<String>> commands() {
        return Stream.of(List.of("mnist"), List.of("xor"), List.of("line"), List.of("tagger", "train"),
                List.of("tagger", "eval"), List.of("tagger", "tag"), List.of("bench", "scalar"), List.of("bench", "ops"),
                List.of("lm", "train"), List.of("lm", "eval"), List.of("lm", "score"), List.of("embeddings", "train"));
    }

    @Test
    void helpListsTheSubcommands() {
        CommandLineRun cli = new CommandLineRun();

        assertEquals(0, cli.execute("--help"));
        for (String command : new String[] {"mnist", "tagger", "bench", "graph", "xor", "line", "lm", "embeddings"}) {
            assertTrue(cli.out().contains(command), command + " missing from " + cli.out());
        }
    }

    @Test
    void versionNamesJgradNd4jAndJava() {
        CommandLineRun cli = new CommandLineRun();

        assertEquals(0, cli.execute("--version"));
        assertTrue(cli.out().startsWith("jgrad "), cli.out());
        assertTrue(cli.out().contains("ND4J 1.0.0-M2.1, Java "), cli.out());
    }

    @Test
    void everySubcommandHasHelpWithItsOptions() {
        for (String command : new String[] {"xor", "line"}) {
            CommandLineRun cli = new CommandLineRun();

            assertEquals(0, cli.execute(command, "--help"));
            for (String option : new String[] {"--epochs", "--lr", "--seed", "--threads", "--report", "--plot", "--verbose"}) {
                assertTrue(cli.out().contains(option), option + " missing from " + cli.out());
            }
        }
    }

    @Test
    void noSubcommandAndAnUnknownOptionAreBadCommandLines() {
        assertEquals(2, run().code());

        Run unknown = run("xor", "--bogus");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'--bogus'"), unknown.err());
    }

    @Test
    void aFailedRunExitsWithOneAndOneLineSayingWhy() {
        Run r = run("line", "--lr", "0.05", "--print-every", "100000");

        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("jgrad line: the cost became "), r.err());
        assertEquals(1, r.errLines().size(), r.err());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandRefusesAThousandThreadsWithOneLineAndExitCode2(List<String> command) {
        for (String option : new String[] {"--threads", "--large-threads", "--blas-threads"}) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of(option, "1000"));

            Run r = run(args.toArray(String[]::new));

            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("jgrad " + String.join(" ", command) + ": " + option + " 1000: expected 1 to "),
                    r.err());
        }
    }

    @Test
    void numericOptionsOutOfRangeAreUsageErrorsNamingTheOption() {
        String[][] cases = {
            {"mnist", "--epochs", "0"}, {"mnist", "--batch-size", "-1"}, {"mnist", "--lr", "NaN"},
            {"mnist", "--lr", "-0.1"}, {"mnist", "--momentum", "1"}, {"mnist", "--weight-decay", "-1e-4"},
            {"xor", "--lr", "Infinity"}, {"xor", "--epochs", "-3"}, {"line", "--print-every", "0"},
            {"tagger", "train", "--window", "4"}, {"tagger", "train", "--hidden", "-5"},
            {"tagger", "train", "--lr-decay", "0"}, {"tagger", "train", "--rare-dropout", "2"},
            {"tagger", "train", "--suffixes", "2,2"}, {"tagger", "train", "--batch-size", "0"},
            {"tagger", "eval", "--confusions", "-1"}, {"bench", "scalar", "--images", "0"},
            {"bench", "scalar", "--warmup", "-1"}, {"bench", "ops", "--repeat-seconds", "0"},
            {"bench", "ops", "--repeats", "0"},
            {"lm", "train", "--patience", "0"}, {"lm", "train", "--dropout", "1"}, {"lm", "train", "--order", "1"},
            {"lm", "train", "--lr", "NaN"}, {"lm", "eval", "--train-tokens", "0"}, {"lm", "score", "--valid-tokens", "-1"},
            {"mnist", "--partitions", "2"}, {"tagger", "train", "--partitions", "2"}, {"lm", "train", "--partitions", "2"},
            {"tagger", "train", "--spark", "local[2]", "--partitions", "0"}, {"mnist", "--checkpoint-every", "0"},
            {"lm", "train", "--checkpoint-every", "-1"}, {"tagger", "train", "--checkpoint-every", "0"},
            {"embeddings", "train", "--window", "4"}, {"embeddings", "train", "--lr-decay", "0"},
            {"embeddings", "train", "--vocabulary", "0"}, {"embeddings", "train", "--batch-size", "0"},
            {"embeddings", "train", "--resume", "--start-from", "vectors.txt"}, {"tagger", "train", "--embeddings-words", "5"},
            {"embeddings", "train", "--text", "sotu,moby_dick,sotu"},
            {"embeddings", "neighbours", "-e", "vectors.txt", "the", "--count", "0"},
        };
        for (String[] args : cases) {
            Run r = run(args);
            String option = args[args.length - 2];

            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains(": " + option + " " ), String.join(" ", args) + ": " + r.err());
            assertFalse(r.out().contains("ND4J"), "nothing started: " + r.out());
        }
    }

    @Test
    void aValuePicocliCannotParseIsTheSameKindOfErrorInOneLineAndAHint() {
        Run r = run("tagger", "train", "--epochs", "ten");

        assertEquals(2, r.code());
        assertEquals(List.of("jgrad tagger train: Invalid value for option '--epochs': 'ten' is not an int",
                "Try 'jgrad tagger train --help' for the options."), r.errLines());
    }

    @Test
    void anEmbeddingGradientFormOtherThanSparseOrDenseIsABadCommandLine() {
        Run r = run("tagger", "train", "--embedding-grad", "lazy");

        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--embedding-grad"), r.err());
    }

    @Test
    void aLossOtherThanWllOrSllIsABadCommandLine() {
        Run r = run("tagger", "train", "--loss", "crf");

        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--loss") && r.err().contains("crf"), r.err());
        Run spark = run("tagger", "train", "--loss", "sll", "--spark", "local[1]");
        assertEquals(2, spark.code(), spark.err());
        assertTrue(spark.err().contains("--loss") && spark.err().contains("--loss wll"), spark.err());
    }

    @Test
    void everyHelpListsTheExitCodes() {
        CommandLine root = Main.commandLine();
        List<CommandLine> all = new ArrayList<>(List.of(root));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        assertTrue(all.size() >= 11, "jgrad, its commands and subcommands: " + all.size());
        for (CommandLine command : all) {
            String help = command.getUsageMessage();
            assertTrue(help.contains("Exit codes:") && help.contains("Bad command line"), help);
        }
    }

    @Test
    void theErrorHandlerMentionsNoDebugOptionThatDoesNotExist() throws IOException {
        String source = Files.readString(Path.of("src/main/java/jgrad/examples/Main.java"));
        assertFalse(source.contains("--debug"), "Main.java mentions --debug");
        assertFalse(run("xor", "--debug").err().isEmpty(), "--debug is no option");
    }

    @Test
    void outputsThatCannotBeWrittenFailBeforeTrainingStarts() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        String[][] cases = {
            {"xor", "--report", file.resolve("r.json").toString()},
            {"line", "--plot", file.resolve("p.png").toString()},
            {"mnist", "--checkpoint", file.resolve("c.npz").toString()},
            {"mnist", "--report", file.resolve("r.json").toString()},
            {"bench", "ops", "--report", file.resolve("r.json").toString()},
            {"tagger", "train", "-o", file.resolve("model").toString()},
            {"lm", "train", "-o", file.resolve("model").toString()},
            {"embeddings", "train", "-o", file.resolve("vectors.txt").toString()},
        };
        for (String[] args : cases) {
            Run r = run(args);

            assertEquals(1, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains(" " + args[args.length - 1] + ": cannot create the directory " + file), r.err());
            assertFalse(r.out().contains("ND4J") || r.out().contains("epoch"), "nothing ran: " + r.out());
        }
    }

    @Test
    void aDataDirectoryThatIsAFileSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

        Run r = run("mnist", "--data-dir", file.toString(), "--epochs", "1");

        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot use " + file + " as the data cache directory: it is a file, not a directory"), r.err());
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedSaysWhatFailedAndWhy() throws IOException {
        Path below = Files.writeString(dir.resolve("a-file"), "not a directory").resolve("mnist");

        Run r = run("mnist", "--data-dir", below.toString(), "--epochs", "1");

        assertEquals(1, r.code());
        assertTrue(r.errLines().get(r.errLines().size() - 1).matches(
                "jgrad mnist: cannot create the data cache directory " + java.util.regex.Pattern.quote(below.toString())
                        + ": \\S.*"), r.err());
    }
}
