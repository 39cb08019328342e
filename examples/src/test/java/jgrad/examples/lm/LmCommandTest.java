package jgrad.examples.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** train, eval and score end to end on a small corpus that the test writes in the Brown format. */
class LmCommandTest {

    @TempDir
    static Path dir;
    static Path corpus;
    static Path model;
    static String trainOutput;
    static final List<String> SPLIT = List.of("--train-tokens", "3000", "--valid-tokens", "600");

    @BeforeAll
    static void trainOnASmallCorpus() throws Exception {
        corpus = Files.createDirectory(dir.resolve("corpus"));
        Random rng = new Random(7);
        for (int f = 0; f < 3; f++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 220; s++) {
                text.append('\n').append(sentence(rng)).append('\n');
            }
            Files.writeString(corpus.resolve(String.format("ca%02d", f + 1)), text.toString());
        }
        model = dir.resolve("model");
        trainOutput = run(null, "train", "--corpus", corpus.toString(), "--train-tokens", "3000", "--valid-tokens", "600",
                "-n", "3", "-m", "8", "--hidden", "16", "--dropout", "0", "--lr", "0.01", "--epochs", "3",
                "--batch-size", "64", "--progress", "none", "-o", model.toString());
    }

    /** "The dog saw a red cat ." and the like, tagged. */
    private static String sentence(Random rng) {
        StringBuilder s = new StringBuilder();
        s.append(rng.nextBoolean() ? "The/at" : "A/at");
        s.append(rng.nextBoolean() ? " dog/nn" : " cat/nn");
        s.append(rng.nextBoolean() ? " saw/vbd" : " liked/vbd");
        s.append(rng.nextBoolean() ? " the/at" : " a/at");
        if (rng.nextBoolean()) {
            s.append(rng.nextBoolean() ? " red/jj" : " big/jj");
        }
        s.append(rng.nextBoolean() ? " house/nn" : " bone/nn");
        return s.append(" ./.").toString();
    }

    @Test
    void trainPrintsTheValidationPerplexityPerEpochAndKeepsTheBest() {
        assertTrue(trainOutput.contains("vocabulary "), trainOutput);
        assertTrue(trainOutput.contains("epoch 1/3  lr 0.01000"), trainOutput);
        assertTrue(trainOutput.contains("epoch 3/3  lr 0.00360"), trainOutput); // 0.01 * 0.6^2
        assertTrue(trainOutput.contains("best so far: saved"), trainOutput);
        assertTrue(Files.isRegularFile(model.resolve(LmModelFiles.MODEL)));
        assertTrue(Files.isRegularFile(model.resolve(LmModelFiles.PARAMETERS)));
        assertTrue(Files.isRegularFile(model.resolve(LmModelFiles.CHECKPOINT)));
    }

    @Test
    void resumingAfterTheLastEpochTrainsNothingMore() {
        String output = run(null, "train", "--corpus", corpus.toString(), "--train-tokens", "3000", "--valid-tokens", "600",
                "-n", "3", "-m", "8", "--hidden", "16", "--dropout", "0", "--lr", "0.01", "--epochs", "3",
                "--batch-size", "64", "--progress", "none", "-o", model.toString(), "--resume");
        assertTrue(output.contains("resumed from ") && output.contains("after epoch 3"), output);
        assertFalse(output.lines().anyMatch(line -> line.startsWith("epoch ")), output);
    }

    @Test
    void evalPrintsEveryModelsPerplexityAndTheMixtureBeatsTheNetwork() throws Exception {
        Path report = dir.resolve("eval.json");
        String output = run(null, "eval", "--corpus", corpus.toString(), "--train-tokens", "3000", "--valid-tokens", "600",
                "-m", model.toString(), "--split", "test", "--report", report.toString());
        assertTrue(output.contains("Kneser-Ney 5-gram"), output);
        JsonNode perplexity = new ObjectMapper().readTree(report.toFile()).get("perplexity");
        double network = perplexity.get("network").asDouble();
        double kn3 = perplexity.get("Kneser-Ney 3-gram").asDouble();
        double mixture = perplexity.get("mixture (network + 3-gram)").asDouble();
        assertTrue(network < 12 && kn3 < 12, perplexity.toString()); // the grammar leaves about 2 choices a word
        assertTrue(mixture < Math.max(network, kn3), perplexity.toString());
    }

    @Test
    void scoreRankPutsTheGrammaticalSentenceFirst() {
        String input = "dog the . saw cat a The\nThe dog saw a red bone .\nred red red red red red red\n";
        String output = run(input, "score", "-m", model.toString(), "--rank");
        String[] lines = output.strip().split("\n");
        assertEquals(4, lines.length, output); // the header and three sentences
        assertTrue(lines[1].endsWith("The dog saw a red bone ."), output);
        double best = Double.parseDouble(lines[1].trim().split("\\s+")[0]);
        double next = Double.parseDouble(lines[2].trim().split("\\s+")[0]);
        assertTrue(best > next, output);
    }

    @Test
    void scoreWithTheMixtureReadsTheCorpusAndKeepsInputOrder() {
        String input = "dog the . saw cat a The\nThe dog saw a red bone .\n";
        String output = run(input, "score", "-m", model.toString(), "--mixture", "--corpus", corpus.toString(),
                "--train-tokens", "3000", "--valid-tokens", "600");
        String[] lines = output.strip().split("\n");
        assertTrue(lines[1].endsWith("dog the . saw cat a The"), output);
        assertTrue(lines[2].endsWith("The dog saw a red bone ."), output);
    }

    @Test
    void theReportOfASparkRunRecordsItsMasterAndPartitions() throws Exception {
        Path report = dir.resolve("spark-run.json");
        run(null, "train", "--corpus", corpus.toString(), "--train-tokens", "3000", "--valid-tokens", "600",
                "-n", "3", "-m", "8", "--hidden", "16", "--dropout", "0", "--epochs", "1", "--batch-size", "256",
                "--progress", "none", "-o", dir.resolve("spark-model").toString(), "--spark", "local[1]",
                "--report", report.toString());
        JsonNode configuration = new ObjectMapper().readTree(report.toFile()).get("configuration");
        assertEquals("local[1]", configuration.path("spark").asText(), configuration.toString());
        assertEquals(1, configuration.path("partitions").asInt(), configuration.toString());
    }

    /** Runs {@code jgrad lm ARGS} with {@code input} as standard input; returns what it printed. */
    private static String run(String input, String... args) {
        CommandLine cli = new CommandLine(new LmCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ((TrainCommand) cli.getSubcommands().get("train").getCommand()).out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        if (input != null) {
            ((ScoreCommand) cli.getSubcommands().get("score").getCommand()).input =
                    new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertEquals(0, code, "exit code of " + List.of(args) + "; stderr: " + err);
        return printed.toString(StandardCharsets.UTF_8) + out;
    }
}
