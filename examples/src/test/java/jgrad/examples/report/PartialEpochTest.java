package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialEpochTest {

    private static final Path FILE = Path.of("run", "checkpoint.npz");

    /** A PartialEpoch as a checkpoint would restore it: {@code steps} steps over {@code examples} examples. */
    private static PartialEpoch restored(double steps, double examples) {
        PartialEpoch partial = new PartialEpoch("test");
        partial.arrays().get(PartialEpoch.STEPS_KEY).assign(steps);
        partial.arrays().get(PartialEpoch.EXAMPLES_KEY).assign(examples);
        return partial;
    }

    @Test
    void requireWithinAcceptsFullBatchesBelowTheStepsPerEpoch() {
        assertDoesNotThrow(() -> restored(3, 96).requireWithin(4, 32, FILE));
        assertDoesNotThrow(() -> restored(0, 0).requireWithin(4, 32, FILE));
    }

    @Test
    void requireWithinRefusesStepsOutOfRangeOrFractionalNamingTheCheckpoint() {
        for (double steps : new double[] {4, 5, -1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> restored(steps, 0).requireWithin(4, 32, FILE), "steps " + steps);
            assertTrue(e.getMessage().startsWith("checkpoint " + FILE + ": its epoch_steps_done is " + steps
                    + "; expected a whole number from 0 to 3"), e.getMessage());
        }
    }

    @Test
    void requireWithinRefusesStepsCutWithAnotherBatchSizeNamingBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> restored(2, 128).requireWithin(4, 32, FILE));

        assertTrue(e.getMessage().contains("covered 128.0 examples") && e.getMessage().contains("--batch-size 32 cover 64"),
                e.getMessage());
    }

    @Test
    void aFailedSaveNamesTheFileAndTheStep() {
        PartialEpoch partial = new PartialEpoch("test");
        partial.checkpointEvery(2, FILE);
        partial.stepped(1.0, 8, 1, 4, file -> {
            throw new AssertionError("no checkpoint is due after step 1");
        });

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> partial.stepped(1.0, 8, 2, 4, file -> {
            throw new IOException("disk full");
        }));

        assertEquals("test: could not write the checkpoint " + FILE + " after step 2: disk full", e.getMessage());
    }

    @Test
    void noCheckpointIsWrittenOnAnEpochsLastStep() {
        PartialEpoch partial = new PartialEpoch("test");
        partial.checkpointEvery(1, FILE);
        List<Integer> savedAfter = new ArrayList<>();
        for (int step = 1; step <= 3; step++) {
            int at = step;
            partial.stepped(1.0, 8, step, 3, file -> savedAfter.add(at));
        }

        assertEquals(List.of(1, 2), savedAfter);
    }

    @Test
    void theMeanLossWeighsExamplesOrForMeanPerStepEachStepOnce() {
        PartialEpoch perExample = new PartialEpoch("test");
        PartialEpoch perStep = PartialEpoch.meanPerStep("test");
        for (PartialEpoch partial : List.of(perExample, perStep)) {
            partial.stepped(1.0, 30, 1, 3, file -> {});
            partial.stepped(4.0, 10, 2, 3, file -> {});
        }

        assertEquals(70.0 / 40, perExample.meanLoss(), 1e-12);
        assertEquals(2.5, perStep.meanLoss(), 1e-12);
    }
}
