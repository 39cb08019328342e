package jgrad.examples.graph;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jgrad.examples.report.AtomicFile;
import jgrad.core.Staging;

/**
 * Graphviz's {@code dot} program, run as a subprocess: DOT text in, an SVG, PNG or PDF file out.
 * Graphviz is not a Java library and jgrad does not need it; {@code ./jgrad graph} uses it when it is
 * installed ({@code apt-get install graphviz}, {@code brew install graphviz}).
 */
final class Graphviz {

    /** The formats {@code dot -T} writes that a learner would open. */
    static final List<String> FORMATS = List.of("svg", "png", "pdf");

    /** A diagram of a dozen boxes takes dot well under a second; a minute means something is wrong. */
    private static final long TIMEOUT_SECONDS = 60;

    /** Graphviz's 72 dpi makes the monospace labels hard to read in a PNG; twice that is sharp on any screen. */
    private static final int PNG_DPI = 144;

    private final Path executable;

    private Graphviz(Path executable) {
        this.executable = executable;
    }

    /**
     * Finds the {@code dot} program: {@code command} itself when it names a file (contains a path
     * separator), else the first executable file of that name in the directories of {@code path} (the
     * {@code PATH} environment variable's format).
     */
    static Optional<Graphviz> find(String command, String path) {
        if (command.contains("/") || command.contains(File.separator)) {
            Path file = Path.of(command);
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(new Graphviz(file)) : Optional.empty();
        }
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path file = Path.of(directory, command);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return Optional.of(new Graphviz(file));
            }
        }
        return Optional.empty();
    }

    /** The program that will run. */
    Path executable() {
        return executable;
    }

    /**
     * Draws {@code dot} into {@code target} in {@code format} (one of {@link #FORMATS}); the file is
     * written beside the target and moved over it when dot succeeded, so a failure leaves no half picture.
     *
     * @throws IOException if dot cannot be run, fails, or takes longer than a minute; the message has its
     *     exit code and what it wrote on its error stream
     */
    void render(String dot, String format, Path target) throws IOException {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("graphviz: format '" + format + "'; expected one of " + FORMATS);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = AtomicFile.temporaryBeside(target);
        Path messagesFile = null;
        try {
            List<String> command = new java.util.ArrayList<>(List.of(executable.toString(), "-T" + format, "-o", temp.toString()));
            if (format.equals("png")) {
                command.add("-Gdpi=" + PNG_DPI);
            }
            // dot's messages go to a file, not a pipe: reading a pipe to its end would wait for dot to
            // exit, and the timeout below could never fire.
            messagesFile = Staging.file(target.resolveSibling(target.getFileName() + ".dot-messages"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(messagesFile.toFile())
                    .start();
            IOException writeFailure = null;
            try (OutputStream in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                writeFailure = e; // dot stopped reading, e.g. at a syntax error: its own message says more
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(executable + " -T" + format + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String messages = Files.readString(messagesFile, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || Files.size(temp) == 0) {
                throw new IOException(executable + " -T" + format + " failed with exit code " + process.exitValue()
                        + (messages.isEmpty() ? "" : ": " + messages), writeFailure);
            }
            if (writeFailure != null) {
                throw new IOException("could not hand the graph to " + executable + ": " + writeFailure.getMessage(), writeFailure);
            }
            AtomicFile.moveOver(temp, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + executable + " was drawing " + target, e);
        } finally {
            Files.deleteIfExists(temp);
            if (messagesFile != null) {
                Files.deleteIfExists(messagesFile);
            }
        }
    }
}
