package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagSetTest {

    @ParameterizedTest(name = "{0} reduces to {1}")
    @CsvSource(delimiter = ' ', value = {
        "NN NN",
        "nn-tl NN",          // lowercase as in the corpus
        "NP-TL-HL NP",       // strips repeatedly
        "NN-HL-TL NN",
        "JJ-NC JJ",
        "FW-NN-TL NN",       // marks first, then the foreign-word prefix
        "FW-AT+NN-TL AT",
        "PPSS+MD PPSS",      // a contraction keeps its first tag
        "BEZ* BEZ",          // negation dropped
        "DOD*-TL DOD",
        "MD*+HV MD",
        "* *",               // 'not' keeps its tag
        "*-HL *",
        "---HL --",
        "(-HL (",
    })
    void reductionRulesApplyInOrder(String raw, String reduced) {
        assertEquals(reduced, TagSet.reduce(raw));
    }

    @Test
    void theTableGivesTwelveUniversalAndNinetyTwoReducedTagsInSortedOrder() {
        assertEquals(472, TagSet.universalTable().size());
        TagSet universal = TagSet.of(TagScheme.UNIVERSAL);
        assertEquals(List.of(".", "ADJ", "ADP", "ADV", "CONJ", "DET", "NOUN", "NUM", "PRON", "PRT", "VERB", "X"), universal.names());
        TagSet reduced = TagSet.of(TagScheme.REDUCED);
        assertEquals(92, reduced.size());
        assertEquals(reduced.names().stream().sorted().toList(), reduced.names());
    }

    @Test
    void rawTagsMapInAnyCase() {
        TagSet universal = TagSet.of(TagScheme.UNIVERSAL);
        assertEquals("NOUN", universal.map("np-tl"));
        assertEquals("VERB", universal.map("VBD"));
        assertEquals(".", universal.map("."));
        assertEquals("X", universal.map("fw-nn"));
        assertEquals(universal.idOfName("PRON"), universal.id("ppss"));
        assertEquals("PRT", universal.map("ppss+md")); // the table's choice for contractions
        TagSet reduced = TagSet.of(TagScheme.REDUCED);
        assertEquals("NN", reduced.map("fw-nn-tl"));
        assertEquals("NN", reduced.name(reduced.id("nn-hl")));
    }

    @Test
    void unknownTagsAreErrorsThatNameTheTagAndTheTable() {
        TagSet universal = TagSet.of(TagScheme.UNIVERSAL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> universal.id("zz"));
        assertTrue(e.getMessage().contains("'zz' is not a Brown tag; expected one of the 472 tags of brown-universal.tsv"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> universal.idOfName("NN"));
        assertThrows(IllegalArgumentException.class, () -> universal.name(12));
    }
}
