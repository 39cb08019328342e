package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EpochProgressTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void plainModeEndsWithOneLineOfSamplesThroughputAndLoss() {
        try (EpochProgress progress = EpochProgress.open("epoch 1/3", 300, out, EpochProgress.Mode.PLAIN)) {
            progress.step(100, 1.0);
            progress.step(200, 0.25);
        }

        String text = printed.toString(StandardCharsets.UTF_8).trim();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("epoch 1/3: 300/300 samples (100%), "), text);
        assertTrue(text.contains(" samples/s, loss 0.5000"), text);
    }

    @Test
    void runningLossIsTheMeanWeightedBySamples() {
        try (EpochProgress progress = EpochProgress.open("e", 4, out, EpochProgress.Mode.NONE)) {
            progress.step(1, 4.0);
            progress.step(3, 0.0);

            assertEquals(1.0, progress.runningLoss(), 1e-12);
            assertEquals(4, progress.done());
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void barModeDrawsTheBarAndWritesNothingToThePlainStream() {
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        try (EpochProgress progress = EpochProgress.open("e", 10, out, EpochProgress.Mode.BAR,
                new PrintStream(drawn, true, StandardCharsets.UTF_8))) {
            progress.step(10, 0.1);
        }

        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        assertTrue(drawn.toString(StandardCharsets.UTF_8).contains("10/10 samples"), drawn.toString(StandardCharsets.UTF_8));
    }

    @Test
    void automaticModeIsPlainWithoutATerminal() {
        // Tests run with their output redirected, as on CI: no console.
        assertEquals(EpochProgress.Mode.PLAIN, EpochProgress.resolve(EpochProgress.Mode.AUTO));
    }

    @Test
    void epochWithoutSamplesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EpochProgress.open("epoch 1", 0, out, EpochProgress.Mode.PLAIN));

        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
