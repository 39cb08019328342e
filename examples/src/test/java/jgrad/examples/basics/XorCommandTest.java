package jgrad.examples.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jgrad.examples.report.EpochMetrics;
import jgrad.examples.report.TrainingReport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class XorCommandTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static XorCommand command(String... args) {
        XorCommand command = new XorCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void networkPutsEveryOutputOnTheTargetsSideOfOneHalf() {
        XorCommand command = command();
        TrainingReport report = new TrainingReport("xor", command.configuration());

        XorCommand.Result result = command.train(out, report);

        double[] outputs = result.outputs();
        assertTrue(outputs[0] < 0.5, "0 xor 0 gave " + outputs[0]);
        assertTrue(outputs[1] > 0.5, "0 xor 1 gave " + outputs[1]);
        assertTrue(outputs[2] > 0.5, "1 xor 0 gave " + outputs[2]);
        assertTrue(outputs[3] < 0.5, "1 xor 1 gave " + outputs[3]);
        assertTrue(result.finalLoss() < 0.01, "final loss " + result.finalLoss());
    }

    @Test
    void otherSeedsThatAvoidTheLocalMinimaLearnXorToo() {
        // Seeds 2, 3, 7 and 8 settle where one or two inputs stay wrong (see XorCommand); 4 and 9 do not.
        for (String seed : new String[] {"4", "9"}) {
            XorCommand.Result result = command("--seed", seed, "--epochs", "2000").train(out, new TrainingReport("xor", java.util.Map.of()));
            assertTrue(result.finalLoss() < 0.05, "seed " + seed + " ended at loss " + result.finalLoss());
        }
    }

    @Test
    void reportHoldsFirstLastAndEveryNthEpoch() {
        TrainingReport report = new TrainingReport("xor", java.util.Map.of());

        command("--epochs", "1000", "--print-every", "400").train(out, report);

        assertEquals(java.util.List.of(1, 400, 800, 1000), report.epochs().stream().map(EpochMetrics::epoch).toList());
        // Samples count every step since the previous record: 4 inputs per full-batch step.
        assertEquals(4L * 1000, report.epochs().stream().mapToLong(EpochMetrics::samples).sum());
        assertTrue(report.epochs().get(0).trainLoss() > report.epochs().get(3).trainLoss(), "the loss did not fall");
    }

    @Test
    void printsLossLinesAndTheFourOutputs() {
        command("--epochs", "10", "--print-every", "5").train(out, new TrainingReport("xor", java.util.Map.of()));

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch      5  loss "), text);
        assertTrue(text.contains("1 xor 1 -> "), text);
    }

    @Test
    void nonPositiveLearningRateIsRejectedWithItsValue() {
        XorCommand command = command("--lr", "0");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> command.train(out, new TrainingReport("xor", java.util.Map.of())));

        assertEquals("--lr 0: expected a positive finite number", e.getMessage());
    }
}
