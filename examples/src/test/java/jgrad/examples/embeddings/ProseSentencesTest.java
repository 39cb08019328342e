package jgrad.examples.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProseSentencesTest {

    @Test
    void wordsKeepTheirInnerMarksAndPunctuationStandsAlone() {
        assertEquals(List.of("A", "well-known", "man", "didn't", "pay", "1,000", "or", "1.5", "dollars", ",", "(", "or",
                "more", ")", ";", "he", "said", "so", "."),
                ProseSentences.tokens("A well-known man didn’t pay 1,000 or 1.5 dollars, (or more); he said so."));
    }

    @Test
    void titlesAndInitialsKeepTheirPeriodAndDoNotEndTheSentence() {
        assertEquals(List.of(List.of("Mr.", "Speaker", "of", "the", "U.S.", "House", "spoke", "."), List.of("Then", "he", "sat", ".")),
                ProseSentences.of("Mr. Speaker of the U.S. House spoke. Then he sat."));
    }

    @Test
    void quotesAndDashesAreWrittenAsInTheBrownCorpus() {
        assertEquals(List.of("``", "Call", "me", "Ishmael", "--", "please", "''", ",", "he", "said", ";", "``", "now", "''"),
                ProseSentences.tokens("“Call me Ishmael—please”, he said; \"now\""));
    }

    @Test
    void sentencesEndAfterTheirMarkWithClosingQuotesAndAtBlankLines() {
        assertEquals(List.of(
                List.of("``", "Stop", "!", "''"),
                List.of("Why", "?"),
                List.of("CHAPTER", "1", "."),
                List.of("A", "line", "broken", "in", "two"),
                List.of("Next", "paragraph")),
                ProseSentences.of("“Stop!” Why? CHAPTER 1.\nA line broken\nin two\n\n  \nNext paragraph"));
    }

    @Test
    void aNumberWithACommaAndMoreThanThreeDigitsSplitsAtTheComma() {
        assertEquals(List.of("12", ",", "34567"), ProseSentences.tokens("12,34567"));
    }

    @Test
    void anEllipsisOrAQuestionAndExclamationEndOneSentence() {
        assertEquals(List.of(List.of("Wait", ".", ".", "."), List.of("Go", "?", "!"), List.of("Now")),
                ProseSentences.of("Wait... Go?! Now"));
    }

    @Test
    void aCapitalsInitialBeforeANameKeepsItsPeriodButTheWordIAtAnEndDoesNot() {
        assertEquals(List.of(List.of("John", "S.", "Bryan", "came", "."), List.of("Taller", "than", "I", "."),
                List.of("Then", "rain", ".")),
                ProseSentences.of("John S. Bryan came. Taller than I. Then rain."));
    }

    @Test
    void typographicSingleQuotesBecomeTheBrownCorpusMarks() {
        assertEquals(List.of("`", "sailors", "'", "pay", "'"), ProseSentences.tokens("‘sailors’ pay’"));
    }
}
