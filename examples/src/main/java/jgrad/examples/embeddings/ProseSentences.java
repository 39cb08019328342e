package jgrad.examples.embeddings;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain English prose (addresses, a novel) cut into sentences of tokens the way the Brown corpus cuts
 * them, so that it shares the tagger's vocabulary: a word with inner hyphens, apostrophes or periods is
 * one token ({@code well-known}, {@code don't}, {@code 1.5}, {@code 1,000}), so are abbreviations with
 * their period ({@code U.S.}, {@code Mr.}, and a capital's before a name: the {@code S.} of {@code John S.
 * Bryan}); a dash is {@code --}, an opening quote {@code ``} and a closing one {@code ''} (typographic or
 * straight), single quotes {@code `} and {@code '}; every other non-blank character is a token of its own.
 *
 * <p>A sentence ends after {@code .}, {@code !} or {@code ?} (with the marks, closing quotes and brackets
 * right after it: {@code ...} and {@code ?!} end one sentence) and at a blank line, which ends a
 * paragraph. Line breaks within a paragraph are spaces.
 */
public final class ProseSentences {

    /** Titles written with a period that never ends a sentence. */
    private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Ms", "Messrs", "Dr", "St", "Jr", "Sr", "Mt",
            "Gen", "Gov", "Sen", "Rep", "Col", "Capt", "Lt", "Prof", "Rev", "Hon");
    private static final Pattern TOKEN = Pattern.compile(
            "(?<initials>(?:\\p{L}\\.){2,}|(?!I\\.)\\p{Lu}\\.(?=\\s+\\p{Lu}\\p{Ll}))"
            + "|(?<word>[\\p{L}\\p{N}]+(?:['’\\-.][\\p{L}\\p{N}]+|,\\p{N}{3}(?!\\p{N}))*)(?<period>\\.)?"
            + "|(?<dash>—|–|--+)"
            + "|(?<quote>[\"“”]|``|''|‘‘|’’)"
            + "|(?<other>[^\\s\\p{L}\\p{N}])");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R\\s*\\R");
    private static final Set<String> ENDS = Set.of(".", "!", "?");
    private static final Set<String> CLOSERS = Set.of("''", ")", "]");

    private ProseSentences() {}

    /** The sentences of a UTF-8 text file. */
    public static List<List<String>> read(Path file) throws IOException {
        try {
            return of(Files.readString(file));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text file " + file + ": not valid UTF-8 (" + e
                    + "); expected plain English text", e);
        }
    }

    /** The sentences of a text, each a list of tokens, as the class comment says. */
    public static List<List<String>> of(String text) {
        List<List<String>> sentences = new ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            List<String> sentence = new ArrayList<>();
            List<String> tokens = tokens(paragraph);
            for (int i = 0; i < tokens.size(); i++) {
                sentence.add(tokens.get(i));
                if (ENDS.contains(tokens.get(i))) {
                    while (i + 1 < tokens.size() && (ENDS.contains(tokens.get(i + 1)) || CLOSERS.contains(tokens.get(i + 1)))) {
                        sentence.add(tokens.get(++i));
                    }
                    addIfAny(sentences, sentence);
                    sentence = new ArrayList<>();
                }
            }
            addIfAny(sentences, sentence);
        }
        return sentences;
    }

    /** The tokens of one paragraph. */
    static List<String> tokens(String paragraph) {
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(paragraph);
        while (token.find()) {
            if (token.group("initials") != null) {
                tokens.add(token.group("initials"));
            } else if (token.group("word") != null) {
                String word = token.group("word").replace('’', '\'');
                boolean title = token.group("period") != null && TITLES.contains(word);
                tokens.add(title ? word + "." : word);
                if (token.group("period") != null && !title) {
                    tokens.add(".");
                }
            } else if (token.group("dash") != null) {
                tokens.add("--");
            } else if (token.group("quote") != null) {
                tokens.add(opens(token.group("quote"), paragraph, token.start()) ? "``" : "''");
            } else {
                tokens.add(switch (token.group("other")) {
                    case "’" -> "'";
                    case "‘" -> "`";
                    default -> token.group("other");
                });
            }
        }
        return tokens;
    }

    /** Whether a quote mark opens a quotation: typographic marks say so, a straight one opens after a space or bracket. */
    private static boolean opens(String quote, String text, int at) {
        return switch (quote) {
            case "“", "``", "‘‘" -> true;
            case "”", "''", "’’" -> false;
            default -> at == 0 || Character.isWhitespace(text.charAt(at - 1)) || "([{".indexOf(text.charAt(at - 1)) >= 0;
        };
    }

    /** Adds a copy of the sentence unless it is empty. */
    static void addIfAny(List<List<String>> sentences, List<String> sentence) {
        if (!sentence.isEmpty()) {
            sentences.add(List.copyOf(sentence));
        }
    }
}
