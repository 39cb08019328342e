package jgrad.examples.tagger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A toy corpus in the Brown format whose tags a window tagger can learn: sentences of the two shapes
 * "DET [ADJ] NOUN VERB DET [ADJ] NOUN ." and "PRON VERB ADV .", where "run" and "walk" are nouns in the
 * first shape and verbs in the second, so that only the context tells their tag. The most frequent tag
 * (NOUN) covers about a third of the tokens.
 */
final class ToyCorpus {

    private static final String[] DETERMINERS = {"the", "a", "every"};
    private static final String[] ADJECTIVES = {"big", "red", "old", "happy", "green"};
    private static final String[] NOUNS = {"dog", "cat", "idea", "table", "run", "walk", "house"};
    private static final String[] PAST_VERBS = {"saw", "liked", "found", "took"};
    private static final String[] PRONOUNS = {"we", "they", "you"};
    private static final String[] VERBS = {"run", "walk", "sing", "swim"};
    private static final String[] ADVERBS = {"quickly", "slowly", "often"};

    private ToyCorpus() {}

    /** Writes {@code files} corpus files ca00, ca01, ... of {@code sentences} sentences each into {@code dir}. */
    static Path write(Path dir, int files, int sentences, long seed) throws IOException {
        Random rng = new Random(seed);
        for (int f = 0; f < files; f++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                text.append('\n').append(String.join(" ", sentence(rng))).append('\n');
            }
            Files.writeString(dir.resolve(String.format("ca%02d", f)), text.toString());
        }
        return dir;
    }

    /** The documents that {@link #write} would write. */
    static List<BrownCorpus.Document> documents(int files, int sentences, long seed) {
        return documents(files, sentences, seed, ToyCorpus::sentence);
    }

    /** {@code files} documents ca00, ca01, ... of {@code sentences} sentences each, drawn as word/tag tokens by {@code sentence}. */
    static List<BrownCorpus.Document> documents(int files, int sentences, long seed, Function<Random, List<String>> sentence) {
        Random rng = new Random(seed);
        List<BrownCorpus.Document> documents = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            String name = String.format("ca%02d", f);
            List<BrownCorpus.Sentence> list = new ArrayList<>();
            for (int s = 0; s < sentences; s++) {
                list.add(new BrownCorpus.Sentence(2 * s + 2, BrownCorpus.parseLine(String.join(" ", sentence.apply(rng)), name, 2 * s + 2)));
            }
            documents.add(new BrownCorpus.Document(name, list));
        }
        return documents;
    }

    /** One sentence as word/tag tokens, its first word capitalized. */
    private static List<String> sentence(Random rng) {
        List<String> tokens = new ArrayList<>();
        if (rng.nextInt(3) < 2) {
            nounPhrase(rng, tokens);
            tokens.add(pick(rng, PAST_VERBS) + "/vbd");
            nounPhrase(rng, tokens);
        } else {
            tokens.add(pick(rng, PRONOUNS) + "/ppss");
            tokens.add(pick(rng, VERBS) + "/vb");
            tokens.add(pick(rng, ADVERBS) + "/rb");
        }
        tokens.add("./.");
        String first = tokens.get(0);
        tokens.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
        return tokens;
    }

    private static void nounPhrase(Random rng, List<String> tokens) {
        tokens.add(pick(rng, DETERMINERS) + "/at");
        if (rng.nextBoolean()) {
            tokens.add(pick(rng, ADJECTIVES) + "/jj");
        }
        tokens.add(pick(rng, NOUNS) + "/nn");
    }

    private static String pick(Random rng, String[] words) {
        return words[rng.nextInt(words.length)];
    }
}
