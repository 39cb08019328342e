package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replica count: settings first, else one per core for single-threaded kernels and large enough steps. */
class ReplicaChoiceTest {

    private static final ThreadChoice ONE_THREAD = new ThreadChoice(1, 1, false, 1, "test");
    /** The MNIST CNN's forward multiply-adds per image and its parameters: a step heavy for its size. */
    private static final long CNN_MULTIPLY_ADDS = 2_293_000;
    private static final long CNN_PARAMETERS = 431_080;
    /** The MLP 784-512-256-10's. */
    private static final long MLP_MULTIPLY_ADDS = 535_040;
    private static final long MLP_PARAMETERS = 535_818;

    private static int select(int cores, ThreadChoice threads, long rows, Map<String, String> properties,
            Map<String, String> environment) {
        return ReplicaChoice.select(cores, threads, rows, CNN_MULTIPLY_ADDS, CNN_PARAMETERS, properties::get,
                environment::get).count();
    }

    private static int mlp(long rows) {
        return ReplicaChoice.select(2, ONE_THREAD, rows, MLP_MULTIPLY_ADDS, MLP_PARAMETERS, Map.<String, String>of()::get,
                Map.<String, String>of()::get).count();
    }

    @Test
    void withManyCoresTheMostReplicasWhoseSharesAreHeavyEnoughAreTaken() {
        // The MLP at batch 512 on 8 cores: 8 shares of 64 rows are too light, 5 of 102 pass (102 x 535,040 >= 100 x 535,818).
        assertEquals(5, ReplicaChoice.select(8, ONE_THREAD, 512, MLP_MULTIPLY_ADDS, MLP_PARAMETERS, Map.<String, String>of()::get,
                Map.<String, String>of()::get).count());
    }

    @Test
    void aShareThatComputesTooLittleForTheParametersItSumsKeepsOneReplica() {
        assertEquals(1, mlp(128), "64 rows a share: 64 multiply-adds per parameter");
        assertEquals(2, mlp(512), "256 rows a share: 256 multiply-adds per parameter");
        assertEquals(2, select(2, ONE_THREAD, 64, Map.of(), Map.of()), "the CNN at 64: 170 per parameter");
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
        assertEquals(new ReplicaChoice(3, "-Djgrad.replicas"), ReplicaChoice.select(2, ONE_THREAD, 128, MLP_MULTIPLY_ADDS,
                MLP_PARAMETERS, Map.of(ReplicaChoice.PROPERTY, "3")::get, Map.of(ReplicaChoice.VARIABLE, "1")::get));
        assertEquals(new ReplicaChoice(1, "JGRAD_REPLICAS"), ReplicaChoice.select(2, ONE_THREAD, 128, CNN_MULTIPLY_ADDS,
                CNN_PARAMETERS, Map.<String, String>of()::get, Map.of(ReplicaChoice.VARIABLE, "1")::get));
        assertEquals(new ReplicaChoice(2, "default"), ReplicaChoice.select(2, ONE_THREAD, 128, CNN_MULTIPLY_ADDS,
                CNN_PARAMETERS, Map.<String, String>of()::get, Map.<String, String>of()::get));
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

    @Test
    void anOverrideIsKnownBeforeAnyBatchAndNothingSetIsNone() {
        assertEquals(new ReplicaChoice(3, "-Djgrad.replicas"), ReplicaChoice.overriddenIn(2,
                Map.of(ReplicaChoice.PROPERTY, "3")::get, Map.of(ReplicaChoice.VARIABLE, "1")::get));
        assertEquals(null, ReplicaChoice.overriddenIn(2, Map.<String, String>of()::get, Map.<String, String>of()::get));
    }
}
