package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strings numbered for an embedding table: id {@link #PADDING} fills window positions beyond a sentence
 * edge, id {@link #UNKNOWN} stands for every string not in the vocabulary, and the known strings follow
 * from id 2 on.
 */
public final class Vocabulary {

    /** The id of the padding token, which fills window positions beyond a sentence edge. */
    public static final int PADDING = 0;
    /** The id shared by every string outside the vocabulary (unseen, or rarer than the cutoff). */
    public static final int UNKNOWN = 1;
    /** The name stored for the padding id, {@link #PADDING}. */
    public static final String PADDING_NAME = "<PAD>";
    /** The name stored for the unknown id, {@link #UNKNOWN}. */
    public static final String UNKNOWN_NAME = "<UNK>";

    private final List<String> strings;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> strings) {
        this.strings = List.copyOf(strings);
        this.ids = new HashMap<>(strings.size() * 2);
        for (int id = 0; id < strings.size(); id++) {
            if (ids.put(strings.get(id), id) != null) {
                throw new IllegalArgumentException("Vocabulary: '" + strings.get(id) + "' appears twice; expected distinct strings");
            }
        }
    }

    /**
     * The strings that occur at least {@code minCount} times, ordered by falling count and then
     * alphabetically (so the order, and the ids, do not depend on hash order).
     */
    public static Vocabulary fromCounts(Map<String, Integer> counts, int minCount) {
        return fromCounts(counts, minCount, Integer.MAX_VALUE);
    }

    /**
     * As {@link #fromCounts(Map, int)}, keeping at most the {@code maxKnown} most frequent strings (ties
     * at the cut broken alphabetically, as the order is).
     */
    public static Vocabulary fromCounts(Map<String, Integer> counts, int minCount, int maxKnown) {
        if (minCount < 1 || maxKnown < 1) {
            throw new IllegalArgumentException("Vocabulary: minCount " + minCount + " and maxKnown " + maxKnown
                    + " must be at least 1");
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        new TreeMap<>(counts).forEach((s, c) -> {
            if (c >= minCount) {
                kept.add(Map.entry(s, c));
            }
        });
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed()); // stable: ties stay alphabetical
        List<String> strings = new ArrayList<>(kept.size() + 2);
        strings.add(PADDING_NAME);
        strings.add(UNKNOWN_NAME);
        kept.stream().limit(maxKnown).forEach(e -> strings.add(e.getKey()));
        return new Vocabulary(strings);
    }

    /** A vocabulary of the known strings in id order, from id 2 (as {@link #known()} returns them). */
    public static Vocabulary of(List<String> known) {
        List<String> strings = new ArrayList<>(known.size() + 2);
        strings.add(PADDING_NAME);
        strings.add(UNKNOWN_NAME);
        strings.addAll(known);
        return new Vocabulary(strings);
    }

    /** The id of a string, or {@link #UNKNOWN}. */
    public int id(String s) {
        Integer id = ids.get(s);
        // The reserved names are not words: a literal "<PAD>" in a text is unknown, not padding.
        return id == null || id < 2 ? UNKNOWN : id;
    }

    /** Whether the string has an id of its own. */
    public boolean contains(String s) {
        return id(s) != UNKNOWN;
    }

    /** The string of an id; the reserved ids give {@code <PAD>} and {@code <UNK>}. */
    public String string(int id) {
        if (id < 0 || id >= strings.size()) {
            throw new IllegalArgumentException("Vocabulary: id " + id + " is out of range; expected 0 ... " + (strings.size() - 1));
        }
        return strings.get(id);
    }

    /** The number of ids, the two reserved ones included: the row count of an embedding table. */
    public int size() {
        return strings.size();
    }

    /** Every id's string in id order: {@link #PADDING_NAME}, {@link #UNKNOWN_NAME}, then the known strings (unmodifiable). */
    public List<String> strings() {
        return strings;
    }

    /** The known strings in id order, starting at id 2. */
    public List<String> known() {
        return strings.subList(2, strings.size());
    }
}
