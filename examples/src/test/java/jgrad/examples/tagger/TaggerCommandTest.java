package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The three subcommands end to end on a toy corpus: train once, then evaluate and tag with the saved model. */
class TaggerCommandTest {

    @TempDir
    static Path dir;
    static Path corpus;
    static Path model;
    static String trainOutput;
    static Path trainReport;
    static Path trainPlot;

    @BeforeAll
    static void trainOnTheToyCorpus() throws Exception {
        corpus = ToyCorpus.write(Files.createDirectory(dir.resolve("corpus")), 10, 30, 11);
        model = dir.resolve("model");
        trainReport = dir.resolve("train.json");
        trainPlot = dir.resolve("train.png");
        trainOutput = run(null, "train", "--corpus", corpus.toString(), "--tags", "universal", "--epochs", "2",
                "--word-dim", "8", "--cap-dim", "2", "--suffix-dim", "4", "--hidden", "16", "--batch-size", "32",
                "--lr", "0.2", "--lr-decay", "0.5", "--progress", "none", "-o", model.toString(),
                "--report", trainReport.toString(), "--plot", trainPlot.toString());
    }

    @Test
    void trainPrintsDevAccuracyPerEpochAndSavesTheModel() {
        assertTrue(trainOutput.contains("epoch 1: lr 0.2000"), trainOutput);
        assertTrue(trainOutput.contains("epoch 2: lr 0.1000"), trainOutput); // 0.2 halved after the first epoch
        assertTrue(Files.isRegularFile(model.resolve(TaggerCheckpoint.MODEL)));
        assertTrue(Files.isRegularFile(model.resolve(TaggerCheckpoint.VOCABULARY)));
        assertTrue(Files.isRegularFile(model.resolve(TaggerCheckpoint.PARAMETERS)));
    }

    @Test
    void trainWritesTheReportOfEveryEpochWithDevLossAndAccuracyAndAPlot() throws Exception {
        JsonNode json = new ObjectMapper().readTree(trainReport.toFile());

        assertEquals("tagger train", json.get("command").asText());
        assertEquals("dev", json.get("evaluatedOn").asText());
        assertTrue(json.get("title").asText().startsWith("Brown POS tagger, universal tags (12): window 5, hidden 16, 2 epochs"),
                json.get("title").asText());
        assertEquals(2, json.get("epochs").size());
        JsonNode second = json.get("epochs").get(1);
        for (String key : List.of("trainLoss", "devLoss", "devAccuracy", "samplesPerSecond")) {
            assertTrue(second.get(key).asDouble() > 0, key + " in " + second);
        }
        assertTrue(json.get("throughput").has("laterEpochs"), json.get("throughput").toString());
        assertTrue(trainOutput.contains("plot written to " + trainPlot) && trainOutput.contains("speed: first epoch"), trainOutput);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(trainPlot.toFile());
        assertEquals(800, image.getWidth());
    }

    @Test
    void theReportOfARunWithoutSparkNamesNoMasterAndOfASparkRunItsMasterAndPartitions() throws Exception {
        JsonNode local = new ObjectMapper().readTree(trainReport.toFile()).get("configuration");
        assertFalse(local.has("spark") || local.has("partitions"), local.toString());

        Path report = dir.resolve("spark-run.json");
        run(null, "train", "--corpus", corpus.toString(), "--tags", "universal", "--epochs", "1", "--word-dim", "8",
                "--cap-dim", "2", "--suffix-dim", "4", "--hidden", "16", "--batch-size", "64", "--progress", "none",
                "-o", dir.resolve("spark-model").toString(), "--spark", "local[1]", "--partitions", "2",
                "--report", report.toString());
        JsonNode configuration = new ObjectMapper().readTree(report.toFile()).get("configuration");
        assertEquals("local[1]", configuration.path("spark").asText(), configuration.toString());
        assertEquals(2, configuration.path("partitions").asInt(), configuration.toString());
    }

    @Test
    void evalWritesAJsonReportWithTheDocumentedKeys() throws Exception {
        Path report = dir.resolve("report.json");
        String output = run(null, "eval", "--corpus", corpus.toString(), "-m", model.toString(), "--split", "dev",
                "--report", report.toString());
        assertTrue(output.contains("top confusions"), output);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("model", "tagScheme", "split", "tokens", "accuracy", "unseenTokens", "unseenAccuracy", "perTag",
                "topConfusions", "wordsPerSecond"), keys);
        assertEquals("dev", json.get("split").asText());
        assertTrue(json.get("accuracy").asDouble() > 0.9, "the toy grammar is learned: " + json.get("accuracy"));
        JsonNode firstTag = json.get("perTag").get(0);
        assertTrue(firstTag.has("tag") && firstTag.has("precision") && firstTag.has("recall") && firstTag.has("support"), firstTag.toString());
    }

    @Test
    void tagPrintsEveryWordWithItsTagAndKeepsBlankLines() throws Exception {
        String output = run("The dog saw a red cat .\n\nwe  run quickly .\n", "tag", "-m", model.toString());
        String[] lines = output.split("\n", -1);
        assertEquals(4, lines.length, output); // three lines and the final newline
        Pattern token = Pattern.compile("\\S+/[A-Z.]+");
        String[] first = lines[0].split(" ");
        assertEquals(7, first.length, lines[0]);
        for (String t : first) {
            assertTrue(token.matcher(t).matches(), t);
        }
        assertTrue(lines[0].startsWith("The/DET dog/NOUN saw/VERB"), lines[0]);
        assertEquals("", lines[1]);
        assertTrue(lines[2].startsWith("we/PRON run/VERB quickly/"), lines[2]);
    }

    /** Runs {@code jgrad tagger ARGS} with {@code input} as standard input; returns its standard output. */
    static String run(String input, String... args) {
        TaggerCommand command = new TaggerCommand();
        CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        if (input != null) {
            CommandLine tag = cli.getSubcommands().get("tag");
            ((TagCommand) tag.getCommand()).input = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertEquals(0, code, "exit code of " + List.of(args) + "; stderr: " + err);
        return out.toString();
    }

    private static TaggerLoss lossOf(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.loss();
    }

    @Test
    void trainingTrainsBySentenceLikelihoodByDefaultAndByWordLikelihoodUnderSpark() {
        assertEquals(TaggerLoss.SLL, lossOf());
        assertEquals(TaggerLoss.WLL, lossOf("--spark", "local[1]"));
        assertEquals(TaggerLoss.WLL, lossOf("--loss", "wll"));
    }
}
