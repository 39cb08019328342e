package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DataDirsTest {

    private static final Path HOME = Path.of("/home/ada");

    private static Properties property(String value) {
        Properties properties = new Properties();
        properties.setProperty(DataDirs.PROPERTY, value);
        return properties;
    }

    @Test
    void defaultsToTheUsersCacheDirectory() {
        assertEquals(Path.of("/home/ada/.cache/jgrad/mnist"), DataDirs.resolve("mnist", null, new Properties(), Map.of(), HOME));
    }

    @Test
    void theEnvironmentVariableNamesARootForAllDataSets() {
        assertEquals(Path.of("/data/brown"),
                DataDirs.resolve("brown", null, new Properties(), Map.of(DataDirs.ENVIRONMENT, "/data"), HOME));
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertEquals(Path.of("/prop/mnist"),
                DataDirs.resolve("mnist", null, property("/prop"), Map.of(DataDirs.ENVIRONMENT, "/data"), HOME));
    }

    @Test
    void anExplicitDirectoryWinsAndIsTheDataSetsOwnDirectory() {
        assertEquals(Path.of("/mine"),
                DataDirs.resolve("mnist", Path.of("/mine"), property("/prop"), Map.of(DataDirs.ENVIRONMENT, "/data"), HOME));
    }
}
