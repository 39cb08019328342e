package jgrad.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.examples.Main;
import jgrad.examples.report.TrainingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MnistCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static MnistCommand command(String... args) {
        MnistCommand command = new MnistCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    private static MnistTrainer tinyTrainer(MnistCommand command) {
        SmallMnist data = SmallMnist.synthetic(3, 96);
        return new MnistTrainer(command.settings(), data.images(), data.labels(), data.images(), data.labels());
    }

    @Test
    void helpNamesTheModelsTheScheduleAndResume() {
        StringWriter help = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(help));

        int code = cli.execute("mnist", "--help");

        assertEquals(0, code);
        String text = help.toString();
        for (String expected : new String[] {"--model", "MLP, CNN", "--epochs", "--batch-size", "--lr", "--seed",
                "--threads", "--data-dir", "--checkpoint", "--resume", "--report", "--plot", "--progress", "cosine"}) {
            assertTrue(text.contains(expected), "help lacks " + expected + ":\n" + text);
        }
    }

    @Test
    void defaultsAreTheMlpRecipe() {
        MnistTrainer.Settings settings = command().settings();

        assertEquals(new MnistTrainer.Settings(MnistModel.MLP, MnistCommand.MLP_EPOCHS, 128, 0.1, 0.9, 1e-4, 1), settings);
        assertTrue(command().checkpointFile().endsWith(Path.of(".cache", "jgrad", "checkpoints", "mnist-mlp.npz")));
    }

    @Test
    void optionsAreParsedAndTheCnnHasItsOwnDefaultEpochsAndCheckpoint() {
        MnistCommand cnn = command("--model", "cnn");
        MnistCommand custom = command("--model", "CNN", "--epochs", "2", "--batch-size", "64", "--lr", "0.05",
                "--seed", "9", "--checkpoint", "x.npz", "--resume");

        assertEquals(MnistCommand.CNN_EPOCHS, cnn.settings().epochs());
        assertTrue(cnn.checkpointFile().endsWith("mnist-cnn.npz"));
        assertEquals(new MnistTrainer.Settings(MnistModel.CNN, 2, 64, 0.05, 0.9, 1e-4, 9), custom.settings());
        assertEquals(Path.of("x.npz"), custom.checkpointFile());
        assertTrue(custom.resume);
    }

    @Test
    void anUnknownModelIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));

        assertEquals(2, cli.execute("mnist", "--model", "rnn"));
        assertTrue(err.toString().contains("rnn"), err.toString());
    }

    @Test
    void replicasOutOfRangeOrWithSparkAreUsageErrorsNamingTheOption() {
        for (String[] args : new String[][] {{"mnist", "--replicas", "0"}, {"mnist", "--replicas", "2", "--spark", "local[2]"}}) {
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err));

            assertEquals(2, cli.execute(args), String.join(" ", args));
            assertTrue(err.toString().contains("--replicas"), err.toString());
        }
    }

    @Test
    void runPrintsOneLineOfTestMetricsPerEpochAndSavesTheCheckpoint() throws IOException {
        MnistCommand command = command("--epochs", "2", "--batch-size", "32", "--progress", "none");
        MnistTrainer trainer = tinyTrainer(command);
        Path file = dir.resolve("c.npz");
        TrainingReport report = command.report(trainer);

        MnistTrainer.Evaluation result = command.run(trainer, file, out, report);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 1/2  train loss "), text);
        assertTrue(text.contains("epoch 2/2  train loss "), text);
        assertTrue(text.contains(" test accuracy "), text);
        assertTrue(Files.isRegularFile(file));
        assertEquals(2, report.epochs().size());
        assertEquals(result.accuracy(), report.epochs().get(1).accuracy());
        assertEquals(result.loss(), report.epochs().get(1).evalLoss());
        assertTrue(report.epochs().get(0).samplesPerSecond() > 0);
    }

    @Test
    void theReportIsOnTheTestSetAndItsTitleNamesTheModelAndTheKeySettings() {
        MnistCommand command = command("--epochs", "2", "--batch-size", "32", "--lr", "0.05");
        TrainingReport report = command.report(tinyTrainer(command));

        assertEquals("test", report.evaluatedOn());
        assertEquals("MNIST, MLP 784-512-256-10: 2 epochs, batch 32, SGD lr 0.05 cosine, momentum 0.9, L2 1e-4, seed 1",
                report.title());
    }

    @Test
    void resumingAFinishedRunTrainsNothingAndEvaluates() throws IOException {
        Path file = dir.resolve("c.npz");
        MnistCommand first = command("--epochs", "1", "--batch-size", "32", "--progress", "none");
        MnistTrainer trainer = tinyTrainer(first);
        first.run(trainer, file, out, first.report(trainer));
        printed.reset();

        MnistCommand again = command("--epochs", "1", "--batch-size", "32", "--progress", "none", "--resume");
        MnistTrainer resumed = tinyTrainer(again);
        TrainingReport report = again.report(resumed);
        again.run(resumed, file, out, report);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("resumed from " + file + " after epoch 1 of 1"), text);
        assertFalse(text.contains("train loss"), text);
        assertTrue(report.epochs().isEmpty());
    }

    @Test
    void resumingACheckpointFromTheMiddleOfAnEpochSaysWhichStepItContinuesAfter() throws IOException {
        Path file = dir.resolve("c.npz");
        MnistCommand first = command("--epochs", "1", "--batch-size", "32", "--progress", "none", "--checkpoint-every", "2");
        MnistTrainer stopped = tinyTrainer(first);
        stopped.checkpointEvery(2, file);
        stopped.trainEpoch(null); // 3 steps: the file holds step 2, as if the run had stopped in step 3

        MnistCommand again = command("--epochs", "1", "--batch-size", "32", "--progress", "none", "--resume");
        MnistTrainer resumed = tinyTrainer(again);
        TrainingReport report = again.report(resumed);
        again.run(resumed, file, out, report);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("resumed from " + file + " after epoch 0 of 1 and step 2 of epoch 1"), text);
        assertEquals(1, report.epochs().size(), text);
    }

    @Test
    void resumingWithoutACheckpointSaysWhereItLooked() {
        Path missing = dir.resolve("none.npz");
        MnistCommand command = command("--epochs", "1", "--progress", "none", "--resume");

        IOException e = assertThrows(IOException.class,
                () -> command.run(tinyTrainer(command), missing, out, new TrainingReport("mnist", "t", "test", java.util.Map.of())));

        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("without --resume"), e.getMessage());
    }

    private MnistTrainer savedAfterOneEpoch(Path file, String... options) throws IOException {
        MnistCommand command = command(options);
        MnistTrainer trainer = tinyTrainer(command);
        trainer.trainEpoch(null);
        trainer.save(file);
        return trainer;
    }

    @Test
    void resumeRefusesACheckpointWrittenWithOtherOptionsNamingEachDifference() throws IOException {
        Path file = dir.resolve("c.npz");
        savedAfterOneEpoch(file, "--epochs", "3", "--batch-size", "32", "--lr", "0.1");
        MnistTrainer other = tinyTrainer(command("--epochs", "5", "--batch-size", "32", "--lr", "0.05"));

        IOException e = assertThrows(IOException.class, () -> other.resume(file));

        assertTrue(e.getMessage().contains("--epochs 3 (this run: 5), --lr 0.1 (this run: 0.05)"), e.getMessage());
        assertEquals(0, other.epochsDone());
    }

    @Test
    void resumeWithAnotherModelNamesTheModelItWasWrittenWith() throws IOException {
        Path file = dir.resolve("c.npz");
        savedAfterOneEpoch(file, "--epochs", "2", "--batch-size", "32");
        SmallMnist data = SmallMnist.synthetic(3, 96);
        MnistTrainer cnn = new MnistTrainer(command("--model", "cnn", "--epochs", "2", "--batch-size", "32").settings(),
                data.images().reshape(96, 784), data.labels(), data.images(), data.labels());

        IOException e = assertThrows(IOException.class, () -> cnn.resume(file));

        assertTrue(e.getMessage().contains("--model mlp (this run: cnn)"), e.getMessage());
    }

    @Test
    void resumeWithTheSameOptionsContinuesWithTheNextEpoch() throws IOException {
        Path file = dir.resolve("c.npz");
        savedAfterOneEpoch(file, "--epochs", "2", "--batch-size", "32");
        MnistTrainer again = tinyTrainer(command("--epochs", "2", "--batch-size", "32"));

        again.resume(file);

        assertEquals(1, again.epochsDone());
    }

    @Test
    void aCheckpointWhoseEpochCountIsNanIsRefusedNamingFileAndArray() throws IOException {
        Path file = dir.resolve("c.npz");
        savedAfterOneEpoch(file, "--epochs", "2", "--batch-size", "32");
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = jgrad.optim.Npz.read(file);
        arrays.get(MnistTrainer.EPOCH_KEY).assign(Double.NaN);
        jgrad.optim.Npz.write(file, arrays);
        MnistTrainer again = tinyTrainer(command("--epochs", "2", "--batch-size", "32"));

        IOException e = assertThrows(IOException.class, () -> again.resume(file));

        assertTrue(e.getMessage().startsWith(file + "!" + MnistTrainer.EPOCH_KEY + ".npy: 1 of its 1 values are NaN"), e.getMessage());
    }

    @Test
    void aBatchSizeNearIntegerMaxValueDoesNotOverflowTheSchedule() {
        MnistCommand command = command("--epochs", "1", "--batch-size", String.valueOf(Integer.MAX_VALUE));

        MnistTrainer trainer = tinyTrainer(command);

        assertEquals(96, trainer.trainEpoch(null).samples());
    }
}
