package jgrad.spark;

import java.util.List;
import org.apache.spark.SparkConf;

/**
 * The settings a jgrad training run gives Spark, and the JVM flags Spark needs on Java 17.
 */
public final class SparkSetup {

    /**
     * The flags a JVM that runs Spark 3.5 on Java 17 needs (the list Spark's own launcher adds, from
     * {@code org.apache.spark.launcher.JavaModuleOptions}): Spark reaches into {@code java.nio},
     * {@code sun.nio.ch} and others by reflection. The {@code ./jgrad} launcher and the tests' Surefire
     * {@code argLine} pass the same list; {@code spark-submit} adds it by itself.
     */
    public static final List<String> JAVA_17_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

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
        conf.setIfMissing("spark.ui.enabled", "false");
        // Each step's job lists one small result per partition; nothing here needs Spark's event log.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }
}
