package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapitalizationTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ' ', quoteCharacter = '"', value = {
        "house ALL_LOWER",
        "don't ALL_LOWER",
        "House FIRST_UPPER",
        "Mr. FIRST_UPPER",
        "I FIRST_UPPER",
        "'Tis FIRST_UPPER",
        "NATO ALL_UPPER",
        "U.S. ALL_UPPER",
        "McDonald UPPER_NOT_FIRST",
        "iPhone UPPER_NOT_FIRST",
        "1961 NO_LETTERS",
        "-- NO_LETTERS",
        "3/4 NO_LETTERS",
    })
    void wordsFallIntoTheirCapitalizationClass(String word, Capitalization expected) {
        assertEquals(expected, Capitalization.of(word));
    }

    @ParameterizedTest
    @CsvSource({"PADDING, 0", "ALL_LOWER, 1", "NO_LETTERS, 5"})
    void paddingIsIdZero(Capitalization capitalization, int id) {
        assertEquals(id, capitalization.id());
    }
}
