package jgrad.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.core.FileErrors;

/**
 * Checks, before a run starts, that the files it will write at its end can be written: a report path
 * under {@code /proc} or in a directory without write permission fails in the first second, not after an
 * hour of training. The check makes the missing parent directories (the write would make them anyway)
 * and creates and deletes a probe file beside the target, which is the only test a file system answers
 * truthfully (permissions, read-only mounts, {@code /proc}).
 */
public final class OutputCheck {

    private OutputCheck() {}

    /**
     * @param option the option that named the file, for the message ({@code --report})
     * @throws IOException naming the option, the file, what failed and why
     */
    public static void writable(String option, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(option + " " + file + ": is a directory; expected the name of a file");
        }
        canCreateFilesIn(option, file, target.getParent());
    }

    /**
     * Checks that {@code directory} is a directory (or can be made one) in which files can be created.
     *
     * @throws IOException naming the option, the directory, what failed and why
     */
    public static void writableDirectory(String option, Path directory) throws IOException {
        Path target = directory.toAbsolutePath();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException(option + " " + directory + ": is a file; expected a directory");
        }
        canCreateFilesIn(option, directory, target);
    }

    /**
     * Checks that files can be created in {@code directory} (made if missing), for the output
     * {@code given} to {@code option}.
     */
    public static void canCreateFilesIn(String option, Path given, Path directory) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException(option + " " + given + ": " + FileErrors.describe("create the directory", directory, e).getMessage(), e);
        }
        Path probe;
        try {
            probe = Files.createTempFile(directory, ".jgrad-write-check-", ".tmp");
        } catch (IOException e) {
            throw new IOException(option + " " + given + ": cannot create files in " + directory + ": "
                    + FileErrors.reason(e), e);
        }
        Files.deleteIfExists(probe);
    }
}
