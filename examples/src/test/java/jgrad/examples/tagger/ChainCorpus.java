package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A toy corpus in which only the tag chain tells the tags: a sentence starts with "alpha" (DET) or
 * "beta" (NOUN), and every later word is "x", whose tag follows from the previous tag alone (DET ->
 * NOUN -> VERB -> DET ...). A window of one word sees nothing but "x"; a model of the transitions
 * tags every word right.
 */
final class ChainCorpus {

    private static final String[] RAW = {"at", "nn", "vb"};

    private ChainCorpus() {}

    static List<BrownCorpus.Document> documents(int files, int sentences, long seed) {
        return ToyCorpus.documents(files, sentences, seed, ChainCorpus::sentence);
    }

    private static List<String> sentence(Random rng) {
        int tag = rng.nextInt(2);
        List<String> tokens = new ArrayList<>();
        tokens.add((tag == 0 ? "alpha/" : "beta/") + RAW[tag]);
        int length = 2 + rng.nextInt(7);
        for (int t = 1; t < length; t++) {
            tag = (tag + 1) % RAW.length;
            tokens.add("x/" + RAW[tag]);
        }
        return tokens;
    }
}
