package jgrad.examples.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions of jgrad and ND4J on the class path, read from the Maven descriptors in their jars. */
public final class Versions {

    private Versions() {}

    /** jgrad's version, or "development build" when run from compiled classes rather than a jar. */
    public static String jgrad() {
        return fromPom("jgrad", "jgrad-examples", "development build");
    }

    /** ND4J's version, e.g. 1.0.0-M2.1. */
    public static String nd4j() {
        return fromPom("org.nd4j", "nd4j-api", "unknown");
    }

    /** The running Java version. */
    public static String java() {
        return System.getProperty("java.version");
    }

    private static String fromPom(String groupId, String artifactId, String fallback) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return fallback;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", fallback);
        } catch (IOException e) {
            return fallback;
        }
    }
}
