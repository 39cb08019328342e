package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void threadSettingsReadBackFromTheEnvironmentInformation() {
        jgrad.core.ThreadChoice before = jgrad.core.Threads.current();
        try {
            Backend.setThreads(1, 1);
            Backend one = Backend.current();
            assertEquals(1, one.ompThreads());
            assertEquals(1, one.blasThreads());

            Backend.setThreads(2, 2);
            Backend two = Backend.current();
            assertEquals(2, two.ompThreads());
            assertEquals(2, two.blasThreads());
        } finally {
            jgrad.core.Threads.restore(before);
        }
    }

    @Test
    void zeroLeavesASettingAsItIs() {
        Backend before = Backend.current();

        Backend.setThreads(0, 0);

        assertEquals(before, Backend.current());
    }

    @Test
    void anOpsCountWithoutALargeOneSetsBothAndOnlyABlasCountKeepsAnAdaptiveChoice() {
        jgrad.core.ThreadChoice before = jgrad.core.Threads.current();
        try {
            jgrad.core.Threads.configure(1, 2);
            Backend.setThreads(1, 0, 0);
            assertEquals(1, jgrad.core.Threads.large());

            jgrad.core.Threads.configureAdaptive(1, 2);
            Backend.setThreads(0, 1, 0);
            assertTrue(jgrad.core.Threads.current().adaptive(), jgrad.core.Threads.current().source());
            assertEquals(2, jgrad.core.Threads.large());
        } finally {
            jgrad.core.Threads.restore(before);
        }
    }

    @Test
    void negativeThreadCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backend.setThreads(-1, 0));

        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void startUpLineNamesBackEndBlasThreadsAndJava() {
        Backend backend = Backend.current();

        String line = backend.summary();

        assertTrue(line.startsWith("ND4J 1.0.0-M2.1 CPU ("), line);
        assertTrue(line.contains("BLAS " + backend.blasVendor()), line);
        assertTrue(line.contains("threads: ops " + backend.ompThreads() + ", BLAS " + backend.blasThreads()), line);
        assertTrue(line.contains("matrix products shared by " + jgrad.core.Threads.products().threads() + " ("), line);
        assertTrue(line.endsWith("Java " + System.getProperty("java.version")), line);
        assertTrue(!backend.nativeBuild().equals("unknown"), "the native build was not found: " + line);
    }
}
