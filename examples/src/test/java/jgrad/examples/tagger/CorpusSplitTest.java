package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorpusSplitTest {

    @Test
    void everyTenthSortedNameIsTestAndTheOneAfterItDev() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            names.add(String.format("f%02d", i));
        }
        Collections.shuffle(names, new Random(1)); // the rule sorts, so input order must not matter
        Map<CorpusSplit, List<String>> splits = CorpusSplit.assign(names);

        assertEquals(List.of("f00", "f10", "f20"), splits.get(CorpusSplit.TEST));
        assertEquals(List.of("f01", "f11", "f21"), splits.get(CorpusSplit.DEV));
        assertEquals(17, splits.get(CorpusSplit.TRAIN).size());
        assertEquals(List.of("f02", "f03"), splits.get(CorpusSplit.TRAIN).subList(0, 2));
        assertEquals("f22", splits.get(CorpusSplit.TRAIN).get(16));
    }

    @Test
    void theIndexRuleMapsRemaindersZeroAndOneToTestAndDev() {
        assertEquals(CorpusSplit.TEST, CorpusSplit.ofIndex(0));
        assertEquals(CorpusSplit.DEV, CorpusSplit.ofIndex(1));
        assertEquals(CorpusSplit.TRAIN, CorpusSplit.ofIndex(9));
        assertEquals(CorpusSplit.TEST, CorpusSplit.ofIndex(490));
        assertEquals(CorpusSplit.DEV, CorpusSplit.ofIndex(491));
        assertThrows(IllegalArgumentException.class, () -> CorpusSplit.ofIndex(-1));
    }

    @Test
    void documentsAreSplitByTheirSortedNames() {
        List<BrownCorpus.Document> documents = List.of(doc("cb01"), doc("ca02"), doc("ca01"));
        assertEquals(List.of("ca01"), names(CorpusSplit.select(documents, CorpusSplit.TEST)));
        assertEquals(List.of("ca02"), names(CorpusSplit.select(documents, CorpusSplit.DEV)));
        assertEquals(List.of("cb01"), names(BrownCorpus.of(documents).documents(CorpusSplit.TRAIN)));
    }

    @Test
    void repeatedNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CorpusSplit.assign(List.of("a", "b", "a")));
    }

    private static BrownCorpus.Document doc(String name) {
        return new BrownCorpus.Document(name, List.of());
    }

    private static List<String> names(List<BrownCorpus.Document> documents) {
        return documents.stream().map(BrownCorpus.Document::name).toList();
    }
}
