package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThreadChoiceTest {

    private static ThreadChoice select(int cores, Map<String, String> properties, Map<String, String> environment) {
        return ThreadChoice.select(cores, properties::get, environment::get);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 64})
    void withNothingSetEveryKernelGetsOneThreadWhateverTheCoreCount(int cores) {
        ThreadChoice choice = select(cores, Map.of(), Map.of());

        assertEquals(1, choice.ops());
        assertEquals(1, choice.large());
        assertEquals(1, choice.blas());
        assertEquals("ops 1 (default), large 1 (as ops), blas 1 (default)", choice.source());
    }

    @Test
    void openMpsVariableSetsTheOpsAndTheLargeKernelsButNotOpenBlas() {
        ThreadChoice choice = select(2, Map.of(), Map.of("OMP_NUM_THREADS", "2"));

        assertEquals(2, choice.ops());
        assertEquals(2, choice.large());
        assertEquals(1, choice.blas());
        assertEquals("ops 2 (OMP_NUM_THREADS), large 2 (OMP_NUM_THREADS), blas 1 (default)", choice.source());
    }

    @Test
    void jgradsVariablesWinOverOpenMpsAndPropertiesWinOverBoth() {
        ThreadChoice choice = select(4,
                Map.of("jgrad.largeThreads", "4"),
                Map.of("OMP_NUM_THREADS", "3", "JGRAD_THREADS", "1", "JGRAD_LARGE_THREADS", "2", "JGRAD_BLAS_THREADS", "2"));

        assertEquals(1, choice.ops());
        assertEquals(4, choice.large());
        assertEquals(2, choice.blas());
        assertEquals("ops 1 (JGRAD_THREADS), large 4 (-Djgrad.largeThreads), blas 2 (JGRAD_BLAS_THREADS)", choice.source());
    }

    @Test
    void largeKernelsFollowTheOpsCountUnlessGivenTheirOwn() {
        ThreadChoice choice = select(2, Map.of("jgrad.threads", "2"), Map.of());

        assertEquals(2, choice.large());
        assertEquals("ops 2 (-Djgrad.threads), large 2 (as ops), blas 1 (default)", choice.source());
    }

    @Test
    void autoLetsTimingsChooseTheLargeKernelsWidthUpToTheCoreCount() {
        ThreadChoice choice = select(4, Map.of(), Map.of("JGRAD_LARGE_THREADS", "auto"));

        assertTrue(choice.adaptive());
        assertEquals(1, choice.ops());
        assertEquals(4, choice.large());
        assertEquals("ops 1 (default), large auto up to 4 (JGRAD_LARGE_THREADS), blas 1 (default)", choice.source());
    }

    @Test
    void autoIsOnlyForTheLargeKernels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> select(2, Map.of("jgrad.threads", "auto"), Map.of()));

        assertTrue(e.getMessage().contains("-Djgrad.threads=auto is not a whole number"), e.getMessage());
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertEquals(1, select(2, Map.of(), Map.of("OMP_NUM_THREADS", " ")).ops());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "9", "two", "1.5"})
    void aCountThatIsNotFromOneToFourPerCoreIsRefusedNamingTheSettingAndItsValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> select(2, Map.of("jgrad.threads", value), Map.of()));

        assertTrue(e.getMessage().contains("-Djgrad.threads=" + value), e.getMessage());
        assertTrue(e.getMessage().contains("expected 1 to 8"), e.getMessage());
    }

    @Test
    void anOpenMpVariableJgradCannotUseIsIgnoredAndTheSourceSaysSo() {
        ThreadChoice choice = select(1, Map.of(), Map.of("OMP_NUM_THREADS", "1000"));

        assertEquals(1, choice.ops());
        assertEquals("ops 1 (default), large 1 (as ops), blas 1 (default); OMP_NUM_THREADS=1000 ignored, expected 1 to 4",
                choice.source());
    }

    @Test
    void thisProcessRunsWithWhatItsSettingsSelect() {
        ThreadChoice expected = ThreadChoice.forThisProcess();

        ThreadChoice inForce = Threads.current();

        // Tests that change the threads restore them (Threads.restore), so what is in force is what the
        // settings of this process select.
        assertEquals(expected, inForce);
    }
}
