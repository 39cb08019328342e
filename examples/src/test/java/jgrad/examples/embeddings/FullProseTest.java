package jgrad.examples.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jgrad.data.DataUnavailableException;
import jgrad.data.NpmFetcher;
import jgrad.data.PublicDomainProse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The addresses and the novel as {@code embeddings train} reads them, against the figures the README
 * gives. Skipped when they are not cached where {@link jgrad.data.DataDirs} looks (nothing is fetched).
 */
class FullProseTest {

    private static final NpmFetcher CACHE_ONLY = new NpmFetcher((spec, destination) -> {
        throw new IOException("this test reads the cache only");
    });

    private static <T> T cachedOrSkip(Fetch<T> fetch) throws IOException {
        try {
            return fetch.get();
        } catch (DataUnavailableException e) {
            Assumptions.abort("not cached: " + e.getMessage());
            throw e;
        }
    }

    private interface Fetch<T> {
        T get() throws IOException;
    }

    @Test
    void theAddressesAre233FilesInYearOrderOfTheSentencesAndWordsTheReadmeGives() throws IOException {
        List<Path> files = cachedOrSkip(() -> PublicDomainProse.stateOfTheUnion(null, CACHE_ONLY));
        assertEquals(233, files.size());
        assertEquals("1790_george_washington_n.txt", files.get(0).getFileName().toString());
        assertEquals("2021_joseph_r_biden_d.txt", files.get(232).getFileName().toString());

        UnlabeledText.Source sotu = UnlabeledText.prose("sotu", files);

        assertEquals(List.of(63_511, 1_960_462L), List.of(sotu.sentences().size(), sotu.tokens()), "sentences, words");
        assertEquals(List.of("fellow-citizens", "of", "the", "senate", "and", "house", "of", "representatives", ":"),
                sotu.sentences().get(0).subList(0, 9));
    }

    @Test
    void theNovelIsOneFileOfTheSentencesAndWordsTheReadmeGives() throws IOException {
        Path novel = cachedOrSkip(() -> PublicDomainProse.mobyDick(null, CACHE_ONLY));

        UnlabeledText.Source mobyDick = UnlabeledText.prose("moby-dick", List.of(novel));

        assertEquals(List.of(10_070, 248_377L), List.of(mobyDick.sentences().size(), mobyDick.tokens()), "sentences, words");
        assertEquals(List.of("call", "me", "ishmael", "."), mobyDick.sentences().get(2));
    }
}
