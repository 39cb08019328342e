package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void knownStringsFollowTheReservedIdsByFallingCountThenAlphabetically() {
        Vocabulary vocabulary = Vocabulary.fromCounts(Map.of("the", 5, "dog", 2, "cat", 2, "rare", 1), 1);
        assertEquals(List.of("the", "cat", "dog", "rare"), vocabulary.known());
        assertEquals(6, vocabulary.size());
        assertEquals(2, vocabulary.id("the"));
        assertEquals("<PAD>", vocabulary.string(Vocabulary.PADDING));
        assertEquals("<UNK>", vocabulary.string(Vocabulary.UNKNOWN));
    }

    @Test
    void stringsRarerThanTheCutoffAndUnseenStringsAreUnknown() {
        Vocabulary vocabulary = Vocabulary.fromCounts(Map.of("the", 5, "dog", 2, "rare", 1), 2);
        assertEquals(List.of("the", "dog"), vocabulary.known());
        assertEquals(Vocabulary.UNKNOWN, vocabulary.id("rare"));
        assertEquals(Vocabulary.UNKNOWN, vocabulary.id("never"));
        assertFalse(vocabulary.contains("rare"));
        assertTrue(vocabulary.contains("dog"));
    }

    @Test
    void theReservedNamesInATextAreUnknownWords() {
        Vocabulary vocabulary = Vocabulary.fromCounts(Map.of("a", 1), 1);
        assertEquals(Vocabulary.UNKNOWN, vocabulary.id("<PAD>"));
    }

    @Test
    void rebuildingFromTheKnownListGivesTheSameIds() {
        Vocabulary vocabulary = Vocabulary.fromCounts(Map.of("x", 3, "y", 4, "z", 1), 1);
        Vocabulary copy = Vocabulary.of(vocabulary.known());
        for (String s : List.of("x", "y", "z", "w")) {
            assertEquals(vocabulary.id(s), copy.id(s));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromCounts(Map.of("a", 1), 0));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(List.of("a")).string(3));
    }
}
