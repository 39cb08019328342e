package jgrad.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where each data set is cached. First match wins:
 * <ol>
 *   <li>an explicit directory (from a command-line option), used as the data set's own directory;</li>
 *   <li>the system property {@value #PROPERTY}, a root under which the data set is {@code <root>/<name>};</li>
 *   <li>the environment variable {@value #ENVIRONMENT}, a root likewise;</li>
 *   <li>{@code ~/.cache/jgrad/<name>}.</li>
 * </ol>
 * One root variable for all data sets rather than one per data set, so that a machine with a shared data
 * disk needs one setting.
 */
public final class DataDirs {

    /** System property naming the root of all data set caches. */
    public static final String PROPERTY = "jgrad.data";
    /** Environment variable naming the root of all data set caches. */
    public static final String ENVIRONMENT = "JGRAD_DATA";

    private DataDirs() {}

    /**
     * The cache directory of a data set.
     *
     * @param name the data set's directory name, e.g. {@code mnist}
     * @param explicit a directory chosen by the user for this data set, or null
     */
    public static Path resolve(String name, Path explicit) {
        return resolve(name, explicit, System.getProperties(), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** {@link #resolve(String, Path)} with the process's settings passed in, for tests. */
    static Path resolve(String name, Path explicit, Properties properties, Map<String, String> environment, Path home) {
        if (explicit != null) {
            return explicit.toAbsolutePath();
        }
        String root = properties.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            root = environment.get(ENVIRONMENT);
        }
        if (root != null && !root.isBlank()) {
            return Path.of(root).resolve(name).toAbsolutePath();
        }
        return home.resolve(".cache").resolve("jgrad").resolve(name).toAbsolutePath();
    }
}
