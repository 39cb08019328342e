package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/** Misuses of a tape that would give quietly wrong numbers or memory: a second backward, a tape around a loop. */
class TapeMisuseTest {

    private final Logger tapeLog = (Logger) LoggerFactory.getLogger(Tape.class);
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();

    @BeforeEach
    void captureTheTapesLog() {
        warnings.start();
        tapeLog.addAppender(warnings);
        tapeLog.setAdditive(false); // captured here, not printed
    }

    @AfterEach
    void restoreTheLog() {
        tapeLog.detachAppender(warnings);
        tapeLog.setAdditive(true);
        Tape.releasePooledMemory();
    }

    @Test
    void aSecondBackwardOfTheSameLossIsAnErrorThatSaysWhatToDoAndAddsNothing() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        try (Tape tape = Tape.record()) {
            Tensor loss = w.mul(w).sum();
            tape.backward(loss);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.backward(loss));
            assertTrue(e.getMessage().contains("already differentiated by an earlier backward on this tape"), e.getMessage());
            assertTrue(e.getMessage().contains("Tape.record().retainGraph()"), e.getMessage());
        }
        assertEquals(Nd4j.createFromArray(2.0, 4.0), w.grad(), "the refused backward added nothing");
    }

    @Test
    void aSecondBackwardThroughSharedOpsIsAnErrorToo() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        try (Tape tape = Tape.record()) {
            Tensor h = w.mul(3);
            tape.backward(h.sum());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tape.backward(h.mul(h).sum()));
            assertTrue(e.getMessage().contains("'mul'"), e.getMessage());
        }
        assertEquals(Nd4j.createFromArray(3.0, 3.0), w.grad());
    }

    @Test
    void backwardFromOutputsThatShareNoRecordedOpAddsBothGradients() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        try (Tape tape = Tape.record()) {
            Tensor first = w.mul(2).sum();
            Tensor second = w.mul(w).sum();
            tape.backward(first);
            tape.backward(second);
        }
        assertEquals(Nd4j.createFromArray(4.0, 6.0), w.grad()); // 2 + 2w
    }

    @Test
    void aTapeThatRetainsItsGraphAddsTheGradientsOfEachBackward() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        try (Tape tape = Tape.record().retainGraph()) {
            Tensor loss = w.mul(w).sum();
            tape.backward(loss);
            tape.backward(loss, null);
        }
        assertEquals(Nd4j.createFromArray(4.0, 8.0), w.grad(), "twice 2w, as PyTorch with retain_graph=True");
    }

    @Test
    void oneTapeAroundATrainingLoopWarnsOnceThatItGrowsAndNamesTheFix() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        INDArray x = Nd4j.createFromArray(0.5, -0.5);
        int limit = 300;
        int steps = 0;
        try (Tape tape = Tape.record()) {
            tape.growthWarningArrays = limit;
            // Each step holds at least 3 arrays; go on for 200 steps after the warning to see it stays single.
            for (int stepsAfterWarning = 0; stepsAfterWarning < 200 && steps < limit; steps++) {
                tape.backward(w.mul(Tensor.of(x)).sum().mul(0.01));
                w.zeroGrad();
                stepsAfterWarning += warnings.list.isEmpty() ? 0 : 1;
            }
        }
        assertTrue(steps < limit, "the warning came within the loop, after " + steps + " steps");
        List<ILoggingEvent> events = warnings.list;
        assertEquals(1, events.size(), "one warning, not one per array: " + events);
        assertEquals(Level.WARN, events.get(0).getLevel());
        String message = events.get(0).getFormattedMessage();
        assertTrue(message.contains("tape open around a whole training loop"), message);
        assertTrue(message.contains("Open a new tape for each step"), message);
        assertTrue(message.contains("holds " + limit + " arrays"), message);
    }

    @Test
    void aTapePerStepNeverWarns() {
        Parameter w = Tensor.param(Nd4j.createFromArray(1.0, 2.0));
        for (int step = 0; step < 500; step++) {
            try (Tape tape = Tape.record()) {
                tape.backward(w.mul(w).sum().mul(0.01));
            }
        }
        assertEquals(List.of(), warnings.list);
    }
}
