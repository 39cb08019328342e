package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.layers.CharacterConvolution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The words of a split as written, for the tagger's {@link CharacterConvolution}: each distinct written
 * form once, as character ids (case and digits kept, unlike the word lookup's {@link WindowFeaturizer#normalize
 * normalized} form), and for every window slot of every token the form standing there.
 *
 * <p>A form longer than {@link #MAX_CHARACTERS} characters keeps its last {@value #MAX_CHARACTERS}, where
 * the suffixes are ("...-controversial" stays "controversial"'s end). Character ids come from a
 * {@link Vocabulary} of the training split's characters: {@link Vocabulary#PADDING} (0) is the
 * convolution's padding, {@link Vocabulary#UNKNOWN} every character never seen in training.
 *
 * <p>{@link #pack} gives a batch its characters once per distinct form among its window slots, not once
 * per slot: the convolution's cost is that of the words a batch holds.
 */
public final class Spellings {

    /** The characters kept of a form: its last 20 (the longest Brown words are hyphenated compounds). */
    public static final int MAX_CHARACTERS = 20;

    private final int window;
    /** [tokens * window]: 0 for a slot beyond a sentence edge, f + 1 for form f. */
    private final int[] slots;
    /** The character ids of each form, at most {@link #MAX_CHARACTERS} of them. */
    private final int[][] forms;

    private Spellings(int window, int[] slots, int[][] forms) {
        this.window = window;
        this.slots = slots;
        this.forms = forms;
    }

    /** The vocabulary of the characters of {@code words} (each character a string of one char), every one kept. */
    static Vocabulary characters(Iterable<String> words) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : words) {
            for (int i = 0; i < word.length(); i++) {
                counts.merge(String.valueOf(word.charAt(i)), 1, Integer::sum);
            }
        }
        return Vocabulary.fromCounts(counts, 1);
    }

    /** A form's character ids: its last {@link #MAX_CHARACTERS} characters, each its id in {@code characters}. */
    static int[] characterIds(String word, Vocabulary characters) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("Spellings: an empty word; expected every token to have a character");
        }
        int from = Math.max(0, word.length() - MAX_CHARACTERS);
        int[] ids = new int[word.length() - from];
        for (int i = from; i < word.length(); i++) {
            ids[i - from] = characters.id(String.valueOf(word.charAt(i)));
        }
        return ids;
    }

    /** The forms of the sentences' words (as written) and of every token's window slots. */
    static Spellings of(List<List<String>> sentences, int window, Vocabulary characters) {
        int tokens = sentences.stream().mapToInt(List::size).sum();
        int half = window / 2;
        int[] slots = new int[tokens * window];
        Map<String, Integer> formIds = new HashMap<>();
        List<int[]> forms = new ArrayList<>();
        int row = 0;
        for (List<String> sentence : sentences) {
            int length = sentence.size();
            int[] slotOf = new int[length];
            for (int t = 0; t < length; t++) {
                String word = sentence.get(t);
                slotOf[t] = 1 + formIds.computeIfAbsent(word, w -> {
                    forms.add(characterIds(w, characters));
                    return forms.size() - 1;
                });
            }
            for (int t = 0; t < length; t++) {
                for (int j = Math.max(0, half - t); j < Math.min(window, length - t + half); j++) {
                    slots[(row + t) * window + j] = slotOf[t - half + j];
                }
            }
            row += length;
        }
        return new Spellings(window, slots, forms.toArray(int[][]::new));
    }

    /** The number of distinct forms. */
    public int forms() {
        return forms.length;
    }

    /**
     * A batch's characters: {@code slots} [batch, window], 0 for a slot beyond a sentence edge and i + 1
     * for the form in row i of {@code characters} [forms, length], each distinct form of the batch once,
     * its ids followed by {@link CharacterConvolution#PADDING} up to the longest. Both INT, outside any
     * tape; closing frees both.
     */
    public record Packed(INDArray slots, INDArray characters) implements AutoCloseable {

        @Override
        public void close() {
            slots.close();
            characters.close();
        }
    }

    /** The characters of the tokens {@code tokens[from]} ... {@code tokens[to - 1]}; see {@link Packed}. */
    Packed pack(int[] tokens, int from, int to) {
        int size = to - from;
        int[] batchSlots = new int[size * window];
        int[] rowOf = new int[forms.length + 1]; // slot -> its row + 1 in this batch, 0 before it is placed
        List<int[]> rows = new ArrayList<>();
        int longest = 1;
        for (int b = 0; b < size; b++) {
            int base = tokens[from + b] * window;
            for (int j = 0; j < window; j++) {
                int slot = slots[base + j];
                if (slot == 0) {
                    continue; // beyond a sentence edge: the zero vector
                }
                if (rowOf[slot] == 0) {
                    rows.add(forms[slot - 1]);
                    rowOf[slot] = rows.size();
                    longest = Math.max(longest, forms[slot - 1].length);
                }
                batchSlots[b * window + j] = rowOf[slot];
            }
        }
        // Never empty: each token of the batch stands in the middle of its own window.
        int[] characters = new int[rows.size() * longest];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, characters, r * longest, rows.get(r).length);
        }
        return new Packed(Nd4j.createFromArray(batchSlots).reshape('c', size, window),
                Nd4j.createFromArray(characters).reshape('c', rows.size(), longest));
    }
}
