package jgrad.examples.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetGlossesTest {

    @TempDir
    Path temp;

    @Test
    void aGlossGivesEachDefinitionAndEachQuotedExampleAsASentenceCutAsBrownCutsTokens() {
        List<List<String>> sentences = WordNetGlosses.glossSentences(
                "a tangible and visible entity; an entity that can cast a shadow; \"it was full of rackets, balls and other objects\"  ");
        assertEquals(List.of(
                List.of("a", "tangible", "and", "visible", "entity"),
                List.of("an", "entity", "that", "can", "cast", "a", "shadow"),
                List.of("it", "was", "full", "of", "rackets", ",", "balls", "and", "other", "objects")), sentences);
        assertEquals(List.of("(", "don't", "use", "well-known", "U.S", ".", "terms", "1.5", "times", ")"),
                WordNetGlosses.tokens("(don't use well-known U.S. terms 1.5 times)"));
    }

    @Test
    void aDataFileSkipsItsLicenceLinesAndRefusesALineThatIsNoSynset() throws Exception {
        Path good = temp.resolve("data.adv");
        Files.writeString(good, "  1 This software and database is being provided to you\n"
                + "00001740 02 r 01 very 0 000 | to a high degree; \"very rich\"\n");
        assertEquals(List.of(List.of("to", "a", "high", "degree"), List.of("very", "rich")), WordNetGlosses.read(good));

        Path bad = temp.resolve("data.noun");
        Files.writeString(bad, "00001740 03 n 01 entity 0 000 | that which exists\nnot a synset\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordNetGlosses.read(bad));
        assertTrue(e.getMessage().contains(bad + " line 2: 'not a synset' is not a synset line"), e.getMessage());
    }
}
