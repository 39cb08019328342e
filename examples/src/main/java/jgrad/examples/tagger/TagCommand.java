package jgrad.examples.tagger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import jgrad.examples.cli.ThreadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad tagger tag}: reads plain sentences from standard input, one per line, splits them at
 * whitespace, and prints each as {@code word/TAG} tokens separated by one space; a blank line stays blank.
 * An SLL model ({@link TaggerLoss}) tags each sentence by Viterbi decoding.
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Tag sentences read from standard input (one per line, whitespace-tokenized) as word/TAG.")
public final class TagCommand implements Callable<Integer> {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Sentences tagged together: enough for large batches, few enough to print as input streams in. */
    private static final int SENTENCES_PER_CHUNK = 256;

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, defaultValue = "tagger-model", paramLabel = "DIR",
            description = "The directory 'tagger train' saved the model in (default: ${DEFAULT-VALUE}).")
    Path model;

    @Mixin
    ThreadOptions threads;

    /** Where sentences come from; a test replaces it. */
    java.io.InputStream input = System.in;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // No start-up line: standard output is the tagged text, for a pipe.
        threads.configure(0);
        TaggerCheckpoint.Loaded loaded = TaggerCheckpoint.load(model);
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        List<List<String>> chunk = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            chunk.add(line.isBlank() ? List.of() : List.of(WHITESPACE.split(line.strip())));
            if (chunk.size() == SENTENCES_PER_CHUNK) {
                tag(chunk, loaded, out);
                chunk.clear();
            }
        }
        tag(chunk, loaded, out);
        out.flush();
        return 0;
    }

    private static void tag(List<List<String>> sentences, TaggerCheckpoint.Loaded loaded, PrintWriter out) {
        int tokens = sentences.stream().mapToInt(List::size).sum();
        int[] predicted = tokens == 0 ? new int[0]
                : TaggerTraining.predict(loaded.model(), new WindowBatches(loaded.featurizer().extractWords(sentences),
                        loaded.model().readsCharacters()));
        TagSet tags = loaded.featurizer().tags();
        int row = 0;
        for (List<String> sentence : sentences) {
            StringBuilder line = new StringBuilder();
            for (String word : sentence) {
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word).append('/').append(tags.name(predicted[row++]));
            }
            out.println(line);
        }
    }
}
