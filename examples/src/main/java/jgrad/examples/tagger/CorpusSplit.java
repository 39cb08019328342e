package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The train/dev/test split of the Brown corpus, by file: sort the file names, number them from 0; the
 * file at index i is {@link #TEST} when i % 10 == 0, {@link #DEV} when i % 10 == 1, and {@link #TRAIN}
 * otherwise. Splitting by file (not by sentence) keeps the sentences of one text together, and taking
 * every tenth file spreads each split over all 15 genres. On the 500 files: 400 train files (929,446
 * tokens), 50 dev (116,366) and 50 test (115,380).
 */
public enum CorpusSplit {
    TRAIN, DEV, TEST;

    /** The split of the file at {@code index} among the sorted file names. */
    public static CorpusSplit ofIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("CorpusSplit.ofIndex: index " + index + " is negative; expected a position >= 0");
        }
        return switch (index % 10) {
            case 0 -> TEST;
            case 1 -> DEV;
            default -> TRAIN;
        };
    }

    /** The names of each split, each list in sorted order. */
    public static Map<CorpusSplit, List<String>> assign(Collection<String> names) {
        Map<CorpusSplit, List<String>> result = new EnumMap<>(CorpusSplit.class);
        List<String> sorted = names.stream().sorted().toList();
        for (CorpusSplit split : values()) {
            result.put(split, select(sorted, Function.identity(), split));
        }
        return result;
    }

    /** The documents of one split, sorted by name. */
    static List<BrownCorpus.Document> select(List<BrownCorpus.Document> documents, CorpusSplit split) {
        List<BrownCorpus.Document> sorted = documents.stream()
                .sorted(Comparator.comparing(BrownCorpus.Document::name)).toList();
        return select(sorted, BrownCorpus.Document::name, split);
    }

    private static <T> List<T> select(List<T> sorted, Function<T, String> name, CorpusSplit split) {
        for (int i = 1; i < sorted.size(); i++) {
            if (name.apply(sorted.get(i)).equals(name.apply(sorted.get(i - 1)))) {
                throw new IllegalArgumentException("CorpusSplit: the name " + name.apply(sorted.get(i))
                        + " appears twice; expected distinct file names");
            }
        }
        List<T> chosen = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (ofIndex(i) == split) {
                chosen.add(sorted.get(i));
            }
        }
        return List.copyOf(chosen);
    }
}
