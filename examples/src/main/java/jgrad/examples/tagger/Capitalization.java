package jgrad.examples.tagger;

/**
 * The capitalization feature of Collobert et al. (2011): the word lookup lowercases, so this feature
 * keeps what the case said (a proper noun, a sentence start, an acronym). The ordinal is the feature id;
 * {@link #PADDING} (0) fills window positions beyond a sentence edge.
 */
public enum Capitalization {
    /** Beyond a sentence edge. */
    PADDING,
    /** Letters, none upper case: {@code house}. */
    ALL_LOWER,
    /** The first letter upper case and no other: {@code House}, {@code Mr.}, {@code I}. */
    FIRST_UPPER,
    /** At least two letters, all upper case: {@code NATO}, {@code U.S.}. */
    ALL_UPPER,
    /** An upper-case letter after the first letter, and a lower-case one too: {@code McDonald}, {@code iPhone}. */
    UPPER_NOT_FIRST,
    /** No letters at all: {@code 1961}, {@code ,}, {@code --}. */
    NO_LETTERS;

    /** The capitalization class of a word. */
    public static Capitalization of(String word) {
        int letters = 0;
        int upper = 0;
        boolean firstLetterUpper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                if (Character.isUpperCase(c)) {
                    firstLetterUpper |= letters == 0;
                    upper++;
                }
                letters++;
            }
        }
        if (letters == 0) {
            return NO_LETTERS;
        }
        if (upper == 0) {
            return ALL_LOWER;
        }
        if (upper == 1 && firstLetterUpper) {
            return FIRST_UPPER;
        }
        return upper == letters ? ALL_UPPER : UPPER_NOT_FIRST;
    }

    /** The feature id: the ordinal. */
    public int id() {
        return ordinal();
    }

    /** The number of ids, {@link #PADDING} included: the row count of its embedding table. */
    public static int count() {
        return values().length;
    }
}
