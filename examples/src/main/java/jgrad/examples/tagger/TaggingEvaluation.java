package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well predicted tags match the gold ones: token accuracy, accuracy on the tokens whose word was
 * never seen in training, the confusion matrix, and per-tag precision and recall.
 */
public final class TaggingEvaluation {

    /** One cell off the diagonal of the confusion matrix: {@code count} tokens of {@code gold} tagged {@code predicted}. */
    public record Confusion(String gold, String predicted, int count) {}

    /** A tag's precision (right among those predicted), recall (right among the gold ones) and gold count. */
    public record TagScore(String tag, double precision, double recall, int support, int predicted) {}

    private final TagSet tags;
    private final int tokens;
    private final int right;
    private final int unseen;
    private final int unseenRight;
    /** confusion[gold][predicted]. */
    private final int[][] confusion;

    /**
     * Compares predictions to gold tags, token by token.
     *
     * @param unseen 1 where the token's word was never seen in training (see {@link TaggedFeatures#unseen()}), else 0
     */
    public TaggingEvaluation(TagSet tags, int[] gold, int[] predicted, int[] unseen) {
        if (gold.length != predicted.length || gold.length != unseen.length || gold.length == 0) {
            throw new IllegalArgumentException("TaggingEvaluation: " + gold.length + " gold tags, " + predicted.length
                    + " predictions and " + unseen.length + " unseen flags; expected the same non-zero number");
        }
        this.tags = tags;
        this.tokens = gold.length;
        this.confusion = new int[tags.size()][tags.size()];
        int right = 0;
        int unseenCount = 0;
        int unseenRight = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean correct = gold[i] == predicted[i];
            confusion[gold[i]][predicted[i]]++;
            right += correct ? 1 : 0;
            if (unseen[i] != 0) {
                unseenCount++;
                unseenRight += correct ? 1 : 0;
            }
        }
        this.right = right;
        this.unseen = unseenCount;
        this.unseenRight = unseenRight;
    }

    public int tokens() {
        return tokens;
    }

    /** The fraction of tokens tagged right. */
    public double accuracy() {
        return (double) right / tokens;
    }

    /** The number of tokens whose word was never seen in training. */
    public int unseenTokens() {
        return unseen;
    }

    /** The fraction of those tokens tagged right; NaN when there are none. */
    public double unseenAccuracy() {
        return unseen == 0 ? Double.NaN : (double) unseenRight / unseen;
    }

    /** How many tokens of tag {@code gold} were tagged {@code predicted}. */
    public int count(int gold, int predicted) {
        return confusion[gold][predicted];
    }

    /** The {@code n} most frequent confusions, largest first (ties in tag order). */
    public List<Confusion> topConfusions(int n) {
        List<Confusion> all = new ArrayList<>();
        for (int g = 0; g < confusion.length; g++) {
            for (int p = 0; p < confusion.length; p++) {
                if (g != p && confusion[g][p] > 0) {
                    all.add(new Confusion(tags.name(g), tags.name(p), confusion[g][p]));
                }
            }
        }
        all.sort(Comparator.comparingInt(Confusion::count).reversed());
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** Precision and recall of every tag that occurs in the gold tags or the predictions, in tag order. */
    public List<TagScore> tagScores() {
        List<TagScore> scores = new ArrayList<>();
        for (int t = 0; t < confusion.length; t++) {
            int support = 0;
            int predicted = 0;
            for (int other = 0; other < confusion.length; other++) {
                support += confusion[t][other];
                predicted += confusion[other][t];
            }
            if (support > 0 || predicted > 0) {
                int hits = confusion[t][t];
                scores.add(new TagScore(tags.name(t), predicted == 0 ? 0 : (double) hits / predicted,
                        support == 0 ? 0 : (double) hits / support, support, predicted));
            }
        }
        return scores;
    }

    /** The figures as a JSON-ready map: the keys {@code --report} writes. */
    public Map<String, Object> toJson(String split, int confusions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tagScheme", tags.scheme().name().toLowerCase(Locale.ROOT));
        json.put("split", split);
        json.put("tokens", tokens);
        json.put("accuracy", accuracy());
        json.put("unseenTokens", unseen);
        json.put("unseenAccuracy", unseen == 0 ? null : unseenAccuracy());
        List<Map<String, Object>> perTag = new ArrayList<>();
        for (TagScore score : tagScores()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tag", score.tag());
            entry.put("precision", score.precision());
            entry.put("recall", score.recall());
            entry.put("support", score.support());
            entry.put("predicted", score.predicted());
            perTag.add(entry);
        }
        json.put("perTag", perTag);
        List<Map<String, Object>> top = new ArrayList<>();
        for (Confusion c : topConfusions(confusions)) {
            top.add(new LinkedHashMap<>(Map.of("gold", c.gold(), "predicted", c.predicted(), "count", c.count())));
        }
        json.put("topConfusions", top);
        return json;
    }

    /** A human-readable summary: the accuracies, the top confusions and the per-tag table. */
    public List<String> summary(int confusions) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "accuracy %.2f%% (%d tokens); unseen words %.2f%% (%d tokens)",
                100 * accuracy(), tokens, 100 * unseenAccuracy(), unseen));
        lines.add("top confusions (gold -> predicted: tokens):");
        for (Confusion c : topConfusions(confusions)) {
            lines.add(String.format(Locale.ROOT, "  %-8s -> %-8s %6d", c.gold(), c.predicted(), c.count()));
        }
        lines.add(String.format(Locale.ROOT, "  %-8s %9s %9s %8s", "tag", "precision", "recall", "support"));
        for (TagScore s : tagScores()) {
            lines.add(String.format(Locale.ROOT, "  %-8s %8.2f%% %8.2f%% %8d", s.tag(), 100 * s.precision(), 100 * s.recall(), s.support()));
        }
        return lines;
    }
}
