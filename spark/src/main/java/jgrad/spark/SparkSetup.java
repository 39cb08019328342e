package jgrad.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.SparkConf;

/**
 * The settings a jgrad training run gives Spark, and the JVM flags Spark needs on Java 17.
 */
public final class SparkSetup {

    /**
     * The flags a JVM that runs Spark 3.5 on Java 17 needs (the list Spark's own launcher adds, from
     * {@code org.apache.spark.launcher.JavaModuleOptions}): Spark reaches into {@code java.nio},
     * {@code sun.nio.ch} and others by reflection. Written once, as the parent pom's
     * {@code spark.java17.options}, which Surefire's {@code argLine} passes to the tests and the build
     * copies to {@code jgrad/spark/java17-options.txt}, where this class and the {@code ./jgrad} launcher
     * read it; {@code spark-submit} adds the same list by itself.
     */
    public static final List<String> JAVA_17_OPTIONS = readOptions();

    private SparkSetup() {}

    /**
     * A configuration for training: the settings {@code spark-submit} passed (if it launched this JVM),
     * the master if one is given, and the web UI off (a training loop runs one job per step, and the UI's
     * bookkeeping of thousands of jobs costs driver memory and time for nothing).
     *
     * @param master {@code local[N]}, {@code spark://HOST:PORT}, ...; null or empty keeps spark-submit's
     */
    public static SparkConf conf(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null && !master.isEmpty()) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("spark: no master given: pass one (local[2], spark://HOST:7077) or "
                    + "launch with spark-submit --master");
        }
        if (conf.get("spark.master").startsWith("local")) {
            // Everything runs in this JVM: nothing needs to listen beyond the loopback address.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        // A task's gradient sums are as big as the model; above this size (1 MB by default) Spark stores a
        // result in the executor's block manager and the driver fetches it in a second round trip.
        conf.setIfMissing("spark.task.maxDirectResultSize", "64m");
        // The console progress bar would print a line for every step's job.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }

    private static List<String> readOptions() {
        try (InputStream in = SparkSetup.class.getResourceAsStream("java17-options.txt")) {
            if (in == null) {
                throw new IllegalStateException("spark: jgrad/spark/java17-options.txt is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (text.isEmpty() || text.startsWith("${")) {
                throw new IllegalStateException("spark: java17-options.txt was not filled in by the build: '" + text + "'");
            }
            return List.of(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("spark: cannot read java17-options.txt", e);
        }
    }
}
