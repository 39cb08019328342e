package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ThreadsTest {

    private static int openMpThreads() {
        return Integer.parseInt(Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads").toString());
    }

    @Test
    void largeKernelsRunWithTheirOwnThreadCountAndTheOpsCountComesBack() {
        int before = openMpThreads();
        try {
            Threads.configure(1, 2);
            assertEquals(1, openMpThreads());
            int[] during = new int[1];
            Threads.large(() -> during[0] = openMpThreads());
            assertEquals(2, during[0]);
            assertEquals(1, openMpThreads());
        } finally {
            Threads.configure(before, before);
        }
    }

    @Test
    void threadCountsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Threads.configure(0, 2));
    }
}
