package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductChoiceTest {

    private static final ThreadChoice ONE_THREAD = new ThreadChoice(1, 1, false, 1, "test");

    private static ProductChoice select(int cores, ThreadChoice kernels, Map<String, String> properties,
            Map<String, String> environment) {
        return ProductChoice.select(cores, kernels, properties::get, environment::get);
    }

    @Test
    void byDefaultEveryCoreSharesTheProductsWhileEachKernelRunsOnOneThread() {
        assertEquals(new ProductChoice(2, "default"), select(2, ONE_THREAD, Map.of(), Map.of()));
        assertEquals(new ProductChoice(8, "default"), select(8, ONE_THREAD, Map.of(), Map.of()));
        assertEquals(new ProductChoice(1, "default"), select(1, ONE_THREAD, Map.of(), Map.of()));
    }

    @Test
    void withOpenMpThreadsForTheKernelsTheProductsAreNotSplitAgain() {
        assertEquals(1, select(2, new ThreadChoice(1, 2, false, 1, "test"), Map.of(), Map.of()).threads());
        assertEquals(1, select(2, new ThreadChoice(2, 2, false, 1, "test"), Map.of(), Map.of()).threads());
    }

    @Test
    void thePropertyWinsOverTheVariableWhichWinsOverTheDefault() {
        assertEquals(new ProductChoice(1, "JGRAD_PRODUCT_THREADS"),
                select(2, ONE_THREAD, Map.of(), Map.of(ProductChoice.VARIABLE, "1")));
        assertEquals(new ProductChoice(3, "-Djgrad.productThreads"),
                select(2, ONE_THREAD, Map.of(ProductChoice.PROPERTY, "3"), Map.of(ProductChoice.VARIABLE, "1")));
        assertEquals(2, select(2, new ThreadChoice(2, 2, false, 1, "test"), Map.of(),
                Map.of(ProductChoice.VARIABLE, "2")).threads());
    }

    @Test
    void aSettingThatIsNotACountInRangeIsRefusedNamingItAndItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> select(2, ONE_THREAD, Map.of(ProductChoice.PROPERTY, "9"), Map.of()));
        assertTrue(e.getMessage().contains("-Djgrad.productThreads=9") && e.getMessage().contains("1 to 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> select(2, ONE_THREAD, Map.of(), Map.of(ProductChoice.VARIABLE, "two")));
        assertTrue(e.getMessage().contains("JGRAD_PRODUCT_THREADS=two"), e.getMessage());
    }

    @Test
    void onlyTheDefaultChoiceCountsAsDefaultWhateverItsCount() {
        assertTrue(select(2, ONE_THREAD, Map.of(), Map.of()).isDefault());
        assertTrue(select(2, new ThreadChoice(2, 2, false, 1, "test"), Map.of(), Map.of()).isDefault());
        assertFalse(select(2, ONE_THREAD, Map.of(ProductChoice.PROPERTY, "2"), Map.of()).isDefault());
        assertFalse(select(2, ONE_THREAD, Map.of(), Map.of(ProductChoice.VARIABLE, "2")).isDefault());
        assertFalse(new ProductChoice(2, "Threads.configureProducts").isDefault());
    }

    @Test
    void aConfiguredCountStaysWhenTheKernelsThreadsAreConfiguredLater() {
        ThreadChoice kernels = Threads.current();
        ProductChoice before = Threads.products();
        try {
            Threads.configureProducts(3);
            Threads.configure(1, 2);
            assertEquals(new ProductChoice(3, "Threads.configureProducts"), Threads.products());
        } finally {
            Threads.restore(kernels);
            Threads.restore(before);
        }
    }

    @Test
    void threadsConfigureProductsSetsTheCountAndRestorePutsTheChoiceBack() {
        ProductChoice before = Threads.products();
        try {
            Threads.configureProducts(3);
            assertEquals(new ProductChoice(3, "Threads.configureProducts"), Threads.products());
            assertThrows(IllegalArgumentException.class, () -> Threads.configureProducts(0));
        } finally {
            Threads.restore(before);
        }
        assertEquals(before, Threads.products());
    }

    @Test
    void theDefaultFollowsTheKernelsThreadsWhenTheyAreConfiguredLater() {
        ThreadChoice kernels = Threads.current();
        ProductChoice before = Threads.products();
        try {
            Threads.restore(ProductChoice.forThisProcess(kernels));
            Threads.configure(1, 2);
            assertEquals(1, Threads.products().threads(), Threads.products().toString());
            Threads.configure(1, 1);
            assertEquals(Runtime.getRuntime().availableProcessors(), Threads.products().threads());
        } finally {
            Threads.restore(kernels);
            Threads.restore(before);
        }
    }
}
