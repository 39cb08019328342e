package jgrad.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NpmPack#npm()}: runs {@code npm pack} as a child process. {@code --pack-destination} needs npm 7.18
 * or later (Node.js 16 and later ship such an npm).
 */
final class NpmSubprocess {

    private static final Logger log = LoggerFactory.getLogger(NpmSubprocess.class);
    private static final long TIMEOUT_MINUTES = 10;

    private NpmSubprocess() {}

    static Path pack(String spec, Path destination) throws IOException {
        // On Windows npm is a batch file, which ProcessBuilder finds only by its full name.
        String npm = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "npm.cmd" : "npm";
        return pack(npm, spec, destination);
    }

    /** Runs {@code <npm> pack <spec> --pack-destination <destination>}; the executable is a parameter for tests. */
    static Path pack(String npm, String spec, Path destination) throws IOException {
        List<String> command = List.of(npm, "pack", spec, "--pack-destination", destination.toString());
        // Output goes to files, not pipes: a child that fills an unread pipe would block forever.
        Path stdout = Files.createTempFile("jgrad-npm-out", ".txt");
        Path stderr = Files.createTempFile("jgrad-npm-err", ".txt");
        try {
            log.info("running {}", String.join(" ", command));
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
            } catch (IOException e) {
                throw new IOException("could not start '" + npm + "' (is Node.js with npm installed and on the PATH?): "
                        + e.getMessage(), e);
            }
            boolean finished;
            try {
                finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for '" + String.join(" ", command) + "'", e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not finish within "
                        + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("'" + String.join(" ", command) + "' exited with code " + process.exitValue()
                        + ": " + tail(stderr));
            }
            try (Stream<Path> files = Files.list(destination)) {
                List<Path> tarballs = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).toList();
                if (tarballs.size() != 1) {
                    throw new IOException("'" + String.join(" ", command) + "' succeeded but left "
                            + tarballs.size() + " .tgz files in " + destination + ", expected 1");
                }
                return tarballs.get(0);
            }
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** The last lines of npm's error output, which hold its actual complaint. */
    private static String tail(Path file) throws IOException {
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank())
                .toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - 6), lines.size());
        return last.isEmpty() ? "(no error output)" : String.join(" | ", last);
    }
}
