package jgrad.examples.lm;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.examples.cli.OutputCheck;
import jgrad.examples.cli.ThreadOptions;
import jgrad.examples.report.AtomicFile;
import jgrad.examples.tagger.CorpusOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad lm eval}: the perplexity of a trained network, of the interpolated modified Kneser-Ney
 * trigram and 5-gram (counted on the training part) and of the paper's mixture (network and trigram
 * averaged) on the validation or test part, as a table; {@code --report FILE} writes it as JSON.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Perplexity of the network, the Kneser-Ney 3- and 5-gram and their mixture on the valid or test part.")
public final class EvalCommand implements Callable<Integer> {

    /** The splits one may evaluate on. */
    enum Split { VALID, TEST }

    /** The mixture's n-gram model is the trigram, as in the paper. */
    static final int MIXTURE_ORDER = 3;
    static final int KN_LARGE = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus;

    @Mixin
    SplitOptions splitOptions;

    @Mixin
    ThreadOptions threads;

    @Option(names = {"-m", "--model"}, defaultValue = "lm-model", paramLabel = "DIR",
            description = "The directory 'lm train' saved the model in (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--split", defaultValue = "TEST", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the table as JSON to FILE.")
    Path report;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        splitOptions.check();
        if (report != null) {
            OutputCheck.writable("--report", report);
        }
        threads.apply(out, 0);
        LmModelFiles.Loaded loaded = LmModelFiles.load(model);
        LmCorpus data = splitOptions.of(corpus.read());
        requireSameVocabulary(loaded, data, model);
        LmCorpus.Split part = split == Split.VALID ? LmCorpus.Split.VALID : LmCorpus.Split.TEST;
        int order = loaded.model().sizes().order();
        int width = Math.max(order, KN_LARGE);
        LmCorpus.Examples train = data.examples(LmCorpus.Split.TRAIN, width);
        LmCorpus.Examples examples = data.examples(part, width);
        LmCorpus.Examples networkExamples = data.examples(part, order);

        Map<String, Double> perplexities = new LinkedHashMap<>();
        long start = System.nanoTime();
        double[] kn3 = KneserNey.fit(train, MIXTURE_ORDER, data.predicted()).logProbabilities(examples);
        perplexities.put("Kneser-Ney 3-gram", LmTraining.perplexity(kn3));
        double[] kn5 = KneserNey.fit(train, KN_LARGE, data.predicted()).logProbabilities(examples);
        perplexities.put("Kneser-Ney 5-gram", LmTraining.perplexity(kn5));
        double countSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        double[] network = LmTraining.logProbabilities(loaded.model(), networkExamples);
        double networkSeconds = (System.nanoTime() - start) / 1e9;
        perplexities.put("network", LmTraining.perplexity(network));
        perplexities.put("mixture (network + 3-gram)", LmTraining.perplexity(Mixture.average(network, kn3)));

        String name = split.name().toLowerCase(Locale.ROOT);
        out.printf(Locale.ROOT, "%s part: %,d tokens (%,d unknown), vocabulary %,d words%n", name, examples.size(),
                data.unknowns(part), data.predicted());
        out.printf(Locale.ROOT, "%-28s %12s%n", "model", name + " perplexity");
        perplexities.forEach((model, perplexity) -> out.printf(Locale.ROOT, "%-28s %12.2f%n", model, perplexity));
        double wordsPerSecond = examples.size() / networkSeconds;
        out.printf(Locale.ROOT, "network %s: scored %,d words in %.1f s (%.0f words/s); n-grams counted and scored in %.1f s%n",
                loaded.model().sizes(), examples.size(), networkSeconds, wordsPerSecond, countSeconds);
        if (report != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model.toString());
            json.put("network", loaded.model().sizes().toString());
            json.put("split", name);
            json.put("tokens", examples.size());
            json.put("unknownTokens", data.unknowns(part));
            json.put("vocabulary", data.predicted());
            json.put("perplexity", perplexities);
            json.put("networkWordsPerSecond", wordsPerSecond);
            AtomicFile.writeJson(report, json);
            out.println("report written to " + report);
        }
        out.flush();
        return 0;
    }

    /** A model scores ids, so the corpus must give every word the id the model was trained with. */
    static void requireSameVocabulary(LmModelFiles.Loaded loaded, LmCorpus data, Path model) {
        if (!loaded.vocabulary().known().equals(data.vocabulary().known())) {
            throw new IllegalArgumentException("lm: the model in " + model + " has a vocabulary of "
                    + (loaded.vocabulary().size() - 2) + " words, but this corpus and split give "
                    + (data.vocabulary().size() - 2) + " other ones; use the corpus and --train-tokens it was trained with");
        }
    }
}
