package jgrad.examples.embeddings;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jgrad.examples.cli.OptionCheck;
import jgrad.examples.tagger.WindowFeaturizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad embeddings neighbours -e FILE WORD...}: for each word, its nearest words in a
 * {@link WordVectors} file by cosine similarity, as Collobert et al.'s table shows them. Each word is
 * normalized as the tagger normalizes it (lowercased, digits made 0) before it is looked up.
 */
@Command(name = "neighbours", aliases = "neighbors", mixinStandardHelpOptions = true,
        description = "Print each word's nearest words by cosine similarity in a word vectors file.")
public final class NeighboursCommand implements Callable<Integer> {

    @Option(names = {"-e", "--embeddings"}, required = true, paramLabel = "FILE",
            description = "Word vectors, one 'word v1 v2 ...' line per word (as 'embeddings train' writes them, or GloVe's).")
    Path file;

    @Option(names = {"-k", "--count"}, defaultValue = "10", description = "Neighbours per word (default: ${DEFAULT-VALUE}).")
    int count;

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "The words to look up.")
    List<String> words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        OptionCheck.atLeast("--count", count, 1);
        WordVectors vectors = WordVectors.read(file);
        for (String word : words) {
            String normalized = WindowFeaturizer.normalize(word);
            if (!vectors.contains(normalized)) {
                throw new IllegalArgumentException("the word '" + word + "'" + (normalized.equals(word) ? "" : " (normalized '"
                        + normalized + "')") + " has no vector in " + file + " (" + vectors + ")");
            }
        }
        out.printf(Locale.ROOT, "%d nearest words by cosine similarity in %s (%s):%n", count, file, vectors);
        for (String word : words) {
            String normalized = WindowFeaturizer.normalize(word);
            out.println(normalized + ": " + vectors.nearest(normalized, count).stream()
                    .map(n -> String.format(Locale.ROOT, "%s %.3f", n.word(), n.cosine()))
                    .collect(Collectors.joining(", ")));
        }
        out.flush();
        return 0;
    }
}
