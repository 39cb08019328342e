package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingsTest {

    private final Vocabulary characters = Spellings.characters(List.of("abcdefghij", "klmnopqrst", "uvwxyz-ABC", "0"));

    @Test
    void aWordLongerThanTheCapKeepsItsLastCharactersWhereTheSuffixesAre() {
        String word = "unmeritorious-submarine-ball"; // 28 characters
        int[] ids = Spellings.characterIds(word, characters);
        assertEquals(Spellings.MAX_CHARACTERS, ids.length);
        assertEquals(characters.id("r"), ids[0], "the 9th character, the 'r' of 'rious-submarine-ball', comes first");
        assertEquals(characters.id("l"), ids[ids.length - 1]);
    }

    @Test
    void caseAndDigitsAreKeptAndAnUnseenCharacterIsUnknown() {
        assertArrayEquals(new int[] {characters.id("A"), characters.id("b"), characters.id("0"), Vocabulary.UNKNOWN},
                Spellings.characterIds("Ab0!", characters));
    }

    @Test
    void aBatchHoldsEachDistinctWordOnceAndItsSlotsPointAtThemOrAtTheEdge() {
        Spellings spellings = Spellings.of(List.of(List.of("The", "dog", "the", "dog"), List.of("ab")), 3, characters);
        assertEquals(4, spellings.forms(), "'The' and 'the' differ as written");
        try (Spellings.Packed packed = spellings.pack(new int[] {0, 1, 2, 3, 4}, 1, 4)) {
            // Tokens 1 to 3 ("dog the dog") read the rows dog, The, the (in order of first use); token 3 ends its sentence.
            assertArrayEquals(new int[] {1, 2, 3, 2, 3, 2, 3, 2, 0}, packed.slots().reshape(9).toIntVector());
            assertArrayEquals(new long[] {3, 3}, packed.characters().shape());
            assertArrayEquals(Spellings.characterIds("dog", characters), packed.characters().getRow(1).toIntVector());
        }
        try (Spellings.Packed packed = spellings.pack(new int[] {4}, 0, 1)) {
            assertArrayEquals(new int[] {0, 1, 0}, packed.slots().reshape(3).toIntVector());
            assertArrayEquals(new int[] {characters.id("a"), characters.id("b")}, packed.characters().reshape(2).toIntVector());
        }
    }
}
