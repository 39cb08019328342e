package jgrad.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jgrad.examples.report.EpochProgress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProgressOptionsTest {

    @Test
    void modeDefaultsToAutomatic() {
        ProgressOptions options = CommandLine.populateCommand(new ProgressOptions());

        assertEquals(EpochProgress.Mode.AUTO, options.mode());
    }

    @Test
    void plainModeOpensAProgressThatPrintsLines() {
        ProgressOptions options = CommandLine.populateCommand(new ProgressOptions(), "--progress", "PLAIN");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (EpochProgress progress = options.open("epoch 1/1", 10, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            progress.step(10, 0.5);
        }

        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("epoch 1/1: 10/10 samples"), printed.toString());
    }

    @Test
    void unknownModeIsAUsageError() {
        assertThrows(CommandLine.ParameterException.class,
                () -> CommandLine.populateCommand(new ProgressOptions(), "--progress", "fancy"));
    }
}
