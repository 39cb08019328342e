package jgrad.examples.lm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import jgrad.examples.cli.ThreadOptions;
import jgrad.examples.tagger.CorpusOptions;
import jgrad.examples.tagger.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad lm score}: reads sentences from standard input, one per line, tokens separated by
 * whitespace (case kept, punctuation as separate tokens, as in the corpus), and prints for each its
 * natural log-probability, its perplexity per word and the sentence; {@code --rank} prints them best
 * first (highest log-probability), as a translation system rescores its candidates. Each sentence is read
 * on its own, its first words after the start symbol, as training read the corpus's sentences; no
 * end-of-sentence probability is added. Words outside the vocabulary are scored as the unknown word.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score sentences from standard input (one per line): log-probability and perplexity; --rank orders them best first.")
public final class ScoreCommand implements Callable<Integer> {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Spec
    CommandSpec spec;

    @Mixin
    ThreadOptions threads;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    SplitOptions splitOptions;

    @Option(names = {"-m", "--model"}, defaultValue = "lm-model", paramLabel = "DIR",
            description = "The directory 'lm train' saved the model in (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--rank", description = "Print the sentences best first instead of in input order.")
    boolean rank;

    @Option(names = "--mixture",
            description = "Score with the paper's mixture, the network and the Kneser-Ney trigram averaged (reads the corpus to count the trigrams).")
    boolean mixture;

    /** Where the sentences come from: standard input, or what a test sets. */
    java.io.InputStream input = System.in;

    /** One scored sentence. */
    record Scored(String sentence, int words, int unknown, double logProbability) {
        double perplexity() {
            return Math.exp(-logProbability / words);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        splitOptions.check();
        threads.apply(err, 0);
        LmModelFiles.Loaded loaded = LmModelFiles.load(model);
        KneserNey trigram = null;
        if (mixture) {
            LmCorpus data = splitOptions.of(corpus.read());
            EvalCommand.requireSameVocabulary(loaded, data, model);
            trigram = KneserNey.fit(data.examples(LmCorpus.Split.TRAIN, EvalCommand.MIXTURE_ORDER),
                    EvalCommand.MIXTURE_ORDER, data.predicted());
        }
        long start = System.nanoTime();
        List<Scored> scored = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                scored.add(score(line.strip(), loaded, trigram));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (rank) {
            scored.sort(Comparator.comparingDouble(Scored::logProbability).reversed());
        }
        out.printf(Locale.ROOT, "%10s %10s  %s%n", "log-prob", "perplexity", "sentence");
        for (Scored s : scored) {
            out.printf(Locale.ROOT, "%10.3f %10.2f  %s%s%n", s.logProbability(), s.perplexity(), s.sentence(),
                    s.unknown() > 0 ? "  (" + s.unknown() + " unknown)" : "");
        }
        out.flush();
        int words = scored.stream().mapToInt(Scored::words).sum();
        err.printf(Locale.ROOT, "scored %d sentences, %d words in %.2f s (%.0f words/s)%n", scored.size(), words, seconds,
                words / Math.max(seconds, 1e-9));
        err.flush();
        return 0;
    }

    static Scored score(String sentence, LmModelFiles.Loaded loaded, KneserNey trigram) {
        String[] tokens = WHITESPACE.split(sentence);
        int[] ids = new int[tokens.length];
        int unknown = 0;
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = loaded.vocabulary().id(tokens[i]);
            unknown += ids[i] == Vocabulary.UNKNOWN ? 1 : 0;
        }
        LmCorpus.Examples examples = LmCorpus.sentence(ids, loaded.model().sizes().order());
        double[] logProbabilities = LmTraining.logProbabilities(loaded.model(), examples);
        if (trigram != null) {
            LmCorpus.Examples trigramExamples = LmCorpus.sentence(ids, EvalCommand.MIXTURE_ORDER);
            logProbabilities = Mixture.average(logProbabilities, trigram.logProbabilities(trigramExamples));
        }
        return new Scored(sentence, tokens.length, unknown, LmTraining.logProbability(logProbabilities));
    }
}
