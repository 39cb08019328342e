package jgrad.examples.tagger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The most-frequent-tag baseline: tag each word with the tag it had most often in training (ties go to
 * the lower tag id), and a word never seen in training with the most frequent tag of all. Words are
 * looked up exactly as written. A tagger should beat it; it also checks the reader, tag map and split
 * (on the Brown test split: 94.09% for universal tags, 90.10% for reduced Brown tags).
 */
public final class MostFrequentTag {

    private final TagSet tags;
    private final Map<String, Integer> tagOfWord;
    private final int defaultTag;

    private MostFrequentTag(TagSet tags, Map<String, Integer> tagOfWord, int defaultTag) {
        this.tags = tags;
        this.tagOfWord = tagOfWord;
        this.defaultTag = defaultTag;
    }

    /** Counts the tags of each word in the training documents. */
    public static MostFrequentTag fit(List<BrownCorpus.Document> train, TagSet tags) {
        Map<String, int[]> counts = new HashMap<>();
        int[] total = new int[tags.size()];
        for (BrownCorpus.Document document : train) {
            for (BrownCorpus.Sentence sentence : document.sentences()) {
                for (BrownCorpus.Token token : sentence.tokens()) {
                    int tag = tags.id(token.rawTag());
                    counts.computeIfAbsent(token.word(), w -> new int[tags.size()])[tag]++;
                    total[tag]++;
                }
            }
        }
        Map<String, Integer> tagOfWord = new HashMap<>(counts.size() * 2);
        counts.forEach((word, c) -> tagOfWord.put(word, argmax(c)));
        return new MostFrequentTag(tags, tagOfWord, argmax(total));
    }

    /** The first index of the largest count. */
    private static int argmax(int[] counts) {
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The predicted tag id of a word. */
    public int predict(String word) {
        return tagOfWord.getOrDefault(word, defaultTag);
    }

    /** Whether the word was seen in training. */
    public boolean knows(String word) {
        return tagOfWord.containsKey(word);
    }

    /** The tag id given to words never seen in training. */
    public int defaultTag() {
        return defaultTag;
    }

    /** The fraction of tokens of the documents whose predicted tag is right. */
    public double accuracy(List<BrownCorpus.Document> documents) {
        long right = 0;
        long total = 0;
        for (BrownCorpus.Document document : documents) {
            for (BrownCorpus.Sentence sentence : document.sentences()) {
                for (BrownCorpus.Token token : sentence.tokens()) {
                    right += predict(token.word()) == tags.id(token.rawTag()) ? 1 : 0;
                    total++;
                }
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("MostFrequentTag.accuracy: the documents hold no token; expected at least one");
        }
        return (double) right / total;
    }
}
