package jgrad.examples.tagger;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.examples.cli.OptionCheck;
import jgrad.examples.cli.OutputCheck;
import jgrad.examples.cli.ThreadOptions;
import jgrad.examples.report.AtomicFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad tagger eval}: tags the dev or test split with a saved model and prints the token accuracy,
 * the accuracy on words never seen in training, the top confusions and per-tag precision and recall;
 * {@code --report FILE} writes the same as JSON. An SLL model ({@link TaggerLoss}) tags each sentence by
 * its best tag path (Viterbi), a WLL one each word by its best tag.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a trained tagger on the dev or test split.")
public final class EvalCommand implements Callable<Integer> {

    /** The splits one may evaluate on. */
    enum Split { DEV, TEST }

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus;

    @Option(names = {"-m", "--model"}, defaultValue = "tagger-model", paramLabel = "DIR",
            description = "The directory 'tagger train' saved the model in (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--split", defaultValue = "TEST", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Split split;

    @Option(names = "--confusions", defaultValue = "10", description = "How many top confusions to show (default: ${DEFAULT-VALUE}).")
    int confusions;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the figures as JSON to FILE.")
    Path report;

    @Mixin
    ThreadOptions threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionCheck.atLeast("--confusions", confusions, 0);
        threads.check();
        if (report != null) {
            OutputCheck.writable("--report", report);
        }
        threads.apply(out, 0);
        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(model);
        BrownCorpus brown = corpus.read();
        var documents = brown.documents(split == Split.DEV ? CorpusSplit.DEV : CorpusSplit.TEST);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("eval: the corpus has no " + split + " file; it has " + brown.documents().size() + " files");
        }
        TaggedFeatures features = loaded.featurizer().extract(documents);
        WindowBatches batches = new WindowBatches(features, loaded.model().readsCharacters());
        long start = System.nanoTime();
        int[] predicted = TaggerTraining.predict(loaded.model(), batches);
        double seconds = (System.nanoTime() - start) / 1e9;
        TaggingEvaluation evaluation = new TaggingEvaluation(loaded.featurizer().tags(), batches.tags(), predicted,
                features.unseen().toIntVector());
        String splitName = split.name().toLowerCase(Locale.ROOT);
        out.printf(Locale.ROOT, "%s split, %s tags: tagged %d tokens in %.2f s (%.0f words/s)%n", splitName,
                loaded.featurizer().tags().scheme().name().toLowerCase(Locale.ROOT), batches.tokens(), seconds,
                batches.tokens() / seconds);
        evaluation.summary(confusions).forEach(out::println);
        if (report != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model.toString());
            json.putAll(evaluation.toJson(splitName, confusions));
            json.put("wordsPerSecond", batches.tokens() / seconds);
            AtomicFile.writeJson(report, json);
            out.println("report written to " + report);
        }
        out.flush();
        return 0;
    }
}
