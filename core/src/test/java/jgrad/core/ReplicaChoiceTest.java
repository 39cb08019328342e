package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replica count: settings first, else one per core for single-threaded kernels and large enough batches. */
class ReplicaChoiceTest {

    private static final ThreadChoice ONE_THREAD = new ThreadChoice(1, 1, false, 1, "test");

    private static int select(int cores, ThreadChoice threads, long rows, Map<String, String> properties,
            Map<String, String> environment) {
        return ReplicaChoice.select(cores, threads, rows, properties::get, environment::get).count();
    }

    @Test
    void byDefaultEachCoreGetsAReplicaWhenKernelsRunOnOneThread() {
        assertEquals(2, select(2, ONE_THREAD, 128, Map.of(), Map.of()));
        assertEquals(2, select(2, ONE_THREAD, 64, Map.of(), Map.of()));
        assertEquals(4, select(4, ONE_THREAD, 128, Map.of(), Map.of()));
        assertEquals(1, select(1, ONE_THREAD, 128, Map.of(), Map.of()));
    }

    @Test
    void aBatchTooSmallToShareKeepsOneReplica() {
        assertEquals(1, select(2, ONE_THREAD, 2 * ReplicaChoice.MIN_ROWS_PER_REPLICA - 1, Map.of(), Map.of()));
        assertEquals(3, select(4, ONE_THREAD, 3 * ReplicaChoice.MIN_ROWS_PER_REPLICA, Map.of(), Map.of()));
    }

    @Test
    void kernelsWithSeveralThreadsKeepOneReplica() {
        assertEquals(1, select(2, new ThreadChoice(1, 2, false, 1, "test"), 128, Map.of(), Map.of()));
        assertEquals(1, select(2, new ThreadChoice(2, 2, false, 1, "test"), 128, Map.of(), Map.of()));
    }

    @Test
    void thePropertyWinsOverTheVariableAndBothOverTheDefault() {
        assertEquals(3, select(2, ONE_THREAD, 128, Map.of(ReplicaChoice.PROPERTY, "3"), Map.of(ReplicaChoice.VARIABLE, "1")));
        assertEquals(1, select(2, ONE_THREAD, 128, Map.of(), Map.of(ReplicaChoice.VARIABLE, " 1 ")));
        assertEquals(2, select(2, new ThreadChoice(1, 2, false, 1, "test"), 128, Map.of(), Map.of(ReplicaChoice.VARIABLE, "2")));
    }

    @Test
    void theChoiceNamesWhereItsCountCameFrom() {
        assertEquals(new ReplicaChoice(3, "-Djgrad.replicas"), ReplicaChoice.select(2, ONE_THREAD, 128,
                Map.of(ReplicaChoice.PROPERTY, "3")::get, Map.of(ReplicaChoice.VARIABLE, "1")::get));
        assertEquals(new ReplicaChoice(1, "JGRAD_REPLICAS"), ReplicaChoice.select(2, ONE_THREAD, 128,
                Map.<String, String>of()::get, Map.of(ReplicaChoice.VARIABLE, "1")::get));
        assertEquals(new ReplicaChoice(2, "default"), ReplicaChoice.select(2, ONE_THREAD, 128,
                Map.<String, String>of()::get, Map.<String, String>of()::get));
    }

    @Test
    void aBadSettingIsRefusedNamingItAndTheRange() {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> select(2, ONE_THREAD, 128, Map.of(ReplicaChoice.PROPERTY, "two"), Map.of()));
        assertTrue(word.getMessage().startsWith("replicas: -Djgrad.replicas=two is not a whole number; expected 1 to 8"), word.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> select(2, ONE_THREAD, 128, Map.of(), Map.of(ReplicaChoice.VARIABLE, "0")));
        assertTrue(range.getMessage().contains("JGRAD_REPLICAS=0 is out of range; expected 1 to 8"), range.getMessage());
    }
}
