package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ThreadsTest {

    private static int openMpThreads() {
        return Integer.parseInt(Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads").toString());
    }

    private static int blasThreads() {
        return Integer.parseInt(Nd4j.getExecutioner().getEnvironmentInformation().get("blas.threads").toString());
    }

    @Test
    void theFirstTensorPutsJgradsChoiceInForce() {
        Tensor.scalar(1);

        ThreadChoice choice = Threads.current();

        assertEquals(choice.ops(), openMpThreads());
        assertEquals(choice.blas(), blasThreads());
        assertEquals(choice.ops(), Nd4j.getEnvironment().maxMasterThreads());
    }

    @Test
    void largeKernelsRunWithTheirOwnThreadCountAndTheOpsCountComesBack() {
        ThreadChoice before = Threads.current();
        try {
            Threads.configure(1, 2);
            assertEquals(1, openMpThreads());
            int[] during = new int[1];
            Threads.large("test", new long[] {1}, () -> during[0] = openMpThreads());
            assertEquals(2, during[0]);
            assertEquals(1, openMpThreads());
            assertEquals("ops 1, large 2, blas " + before.blas() + " (Threads.configure)", Threads.current().source());
        } finally {
            Threads.restore(before);
        }
    }

    @Test
    void anAdaptiveChoiceRunsEachLargeKernelAtBothWidthsFirstThenAtTheFasterOne() {
        ThreadChoice before = Threads.current();
        try {
            Threads.configureAdaptive(1, 2);
            int[] widths = new int[AdaptiveWidth.SEED_CALLS];
            for (int i = 0; i < widths.length; i++) {
                int call = i;
                Threads.large("adaptive-test", new long[] {7}, () -> widths[call] = openMpThreads());
            }
            assertEquals("[1, 2, 1, 2]", java.util.Arrays.toString(widths));
            assertEquals(1, openMpThreads());
            assertEquals(true, Threads.current().adaptive());
            assertEquals("ops 1, large auto up to 2, blas " + before.blas() + " (Threads.configureAdaptive)",
                    Threads.current().source());
        } finally {
            Threads.restore(before);
        }
    }

    @Test
    void threadCountsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Threads.configure(0, 2));
    }
}
