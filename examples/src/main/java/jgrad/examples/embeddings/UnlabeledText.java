package jgrad.examples.embeddings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.data.PublicDomainProse;
import jgrad.data.WordNetFetcher;
import jgrad.examples.tagger.BrownCorpus;
import jgrad.examples.tagger.CorpusSplit;
import jgrad.examples.tagger.Vocabulary;
import jgrad.examples.tagger.WindowFeaturizer;

/**
 * The text a ranking language model learns from: sentences of words, each word {@linkplain
 * WindowFeaturizer#normalize normalized as the tagger normalizes it} (lowercased, digits made 0), so
 * that the vectors line up with the tagger's vocabulary. Each source is kept apart to be counted.
 *
 * @param sources the sources in order, each with its name
 */
public record UnlabeledText(List<Source> sources) {

    /** One source of text: its name and its normalized sentences. */
    public record Source(String name, List<List<String>> sentences) {

        /** The number of tokens. */
        public long tokens() {
            return sentences.stream().mapToLong(List::size).sum();
        }
    }

    public UnlabeledText {
        sources = List.copyOf(sources);
    }

    /** The Brown corpus's training split with its tags dropped: never its dev or test files (see {@link CorpusSplit}). */
    public static Source brownTraining(BrownCorpus brown) {
        return new Source("brown-train", words(brown.documents(CorpusSplit.TRAIN)));
    }

    /** The Brown corpus's dev split with its tags dropped, to measure the ranking loss on held-out text. */
    public static Source brownDev(BrownCorpus brown) {
        return new Source("brown-dev", words(brown.documents(CorpusSplit.DEV)));
    }

    /** The WordNet 3.1 glosses and examples ({@link WordNetGlosses}) of the data files, fetched if needed. */
    public static Source wordNet(Path cacheDirectory) throws IOException {
        return normalized("wordnet", WordNetGlosses.read(WordNetFetcher.fetch(cacheDirectory)));
    }

    /** The State of the Union addresses 1790-2021 ({@link PublicDomainProse#stateOfTheUnion}), fetched if needed. */
    public static Source stateOfTheUnion(Path cacheDirectory) throws IOException {
        return prose("sotu", PublicDomainProse.stateOfTheUnion(cacheDirectory));
    }

    /** Melville's Moby-Dick ({@link PublicDomainProse#mobyDick}), fetched if needed. */
    public static Source mobyDick(Path cacheDirectory) throws IOException {
        return prose("moby-dick", List.of(PublicDomainProse.mobyDick(cacheDirectory)));
    }

    /** Plain-text files of prose, in order, cut by {@link ProseSentences} and normalized. */
    public static Source prose(String name, List<Path> files) throws IOException {
        List<List<String>> sentences = new ArrayList<>();
        for (Path file : files) {
            sentences.addAll(ProseSentences.read(file));
        }
        return normalized(name, sentences);
    }

    /** A source of sentences as written, normalized here. */
    public static Source normalized(String name, List<List<String>> sentences) {
        List<List<String>> result = new ArrayList<>(sentences.size());
        for (List<String> sentence : sentences) {
            result.add(sentence.stream().map(WindowFeaturizer::normalize).toList());
        }
        return new Source(name, result);
    }

    private static List<List<String>> words(List<BrownCorpus.Document> documents) {
        List<List<String>> sentences = new ArrayList<>();
        for (BrownCorpus.Document document : documents) {
            for (BrownCorpus.Sentence sentence : document.sentences()) {
                sentences.add(sentence.tokens().stream().map(BrownCorpus.Token::word).toList());
            }
        }
        return normalized("brown", sentences).sentences();
    }

    /** Every sentence of every source, in order. */
    public List<List<String>> sentences() {
        List<List<String>> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.sentences()));
        return all;
    }

    /** The {@code size} most frequent words of all sources (ties alphabetical), with the padding and unknown ids. */
    public Vocabulary vocabulary(int size) {
        Map<String, Integer> counts = new HashMap<>();
        for (Source source : sources) {
            for (List<String> sentence : source.sentences()) {
                sentence.forEach(w -> counts.merge(w, 1, Integer::sum));
            }
        }
        return Vocabulary.fromCounts(counts, 1, size);
    }
}
