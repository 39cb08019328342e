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
            Threads.large(() -> during[0] = openMpThreads());
            assertEquals(2, during[0]);
            assertEquals(1, openMpThreads());
            assertEquals("ops 1, large 2, blas " + before.blas() + " (Threads.configure)", Threads.current().source());
        } finally {
            Threads.configure(before.ops(), before.large(), before.blas());
        }
    }

    @Test
    void threadCountsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Threads.configure(0, 2));
    }
}
