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
        Random rng = new Random(seed);
        List<BrownCorpus.Document> documents = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            String name = String.format("ca%02d", f);
            List<BrownCorpus.Sentence> list = new ArrayList<>();
            for (int s = 0; s < sentences; s++) {
                int tag = rng.nextInt(2);
                List<String> tokens = new ArrayList<>();
                tokens.add((tag == 0 ? "alpha/" : "beta/") + RAW[tag]);
                int length = 2 + rng.nextInt(7);
                for (int t = 1; t < length; t++) {
                    tag = (tag + 1) % RAW.length;
                    tokens.add("x/" + RAW[tag]);
                }
                list.add(new BrownCorpus.Sentence(2 * s + 2, BrownCorpus.parseLine(String.join(" ", tokens), name, 2 * s + 2)));
            }
            documents.add(new BrownCorpus.Document(name, list));
        }
        return documents;
    }
}
