package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class EpochsDoneTest {

    @Test
    void theCountTravelsAsOneScalarUnderItsCheckpointKey() {
        EpochsDone done = new EpochsDone("lm train");
        done.set(3);
        assertEquals(3, done.value());
        assertEquals(3.0, done.arrays().get(EpochsDone.KEY).getDouble(0));
        done.arrays().get(EpochsDone.KEY).assign(5); // as Checkpoint.load restores it, in place
        assertEquals(5, done.value());
    }

    @Test
    void aResumedRunWithFewerEpochsThanTheCheckpointHasDoneIsToldWhichEpochsToPass() throws IOException {
        EpochsDone done = new EpochsDone("tagger train");
        done.set(4);
        done.requireAtMost(4, "run.npz");

        IOException e = assertThrows(IOException.class, () -> done.requireAtMost(3, "run.npz"));

        assertEquals("tagger train: cannot resume from run.npz: it has 4 epochs done but the run has 3; pass --epochs 4 or more",
                e.getMessage());
    }

    @Test
    void aCountThatIsNoWholeNumberIsRefused() {
        EpochsDone done = new EpochsDone("lm train");
        done.arrays().get(EpochsDone.KEY).assign(1.5);

        IOException e = assertThrows(IOException.class, () -> done.requireAtMost(10, "run.npz"));

        assertEquals("lm train: cannot resume from run.npz: its epochs_done is 1.5; expected a whole number from 0 to the run's 10 epochs",
                e.getMessage());
    }
}
