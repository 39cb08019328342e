package jgrad.examples.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jgrad.core.Staging;

/**
 * Writes a file whole or not at all: to a temporary file beside the target ({@link Staging}), flushed and
 * forced to disk, then renamed over the target, the directory forced to disk too. A reader (or a crash)
 * never sees half a report or half a plot.
 */
public final class AtomicFile {

    private AtomicFile() {}

    /** What writes the file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} with {@code value} as indented JSON, as {@link #write} does. */
    public static void writeJson(Path file, Object value) throws IOException {
        write(file, stream -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(stream, value));
    }

    /**
     * Replaces {@code file} with what {@code content} writes, creating missing parent directories.
     *
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = temporaryBeside(target);
        try {
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                // Writers such as Jackson close the stream they are given; the descriptor must stay open to be synced.
                OutputStream unclosable = new BufferedOutputStream(out, 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(unclosable);
                unclosable.flush();
                out.getFD().sync();
            }
            moveOver(temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * A fresh, empty temporary file beside {@code target}, named after it ({@link Staging#file}), for a
     * producer that writes by file name (such as Graphviz); hand it back with {@link #moveOver}.
     */
    public static Path temporaryBeside(Path target) throws IOException {
        return Staging.file(target);
    }

    /**
     * Renames {@code temp} over {@code target} in one step (rename(2) on POSIX), forces the directory
     * entry to disk, and deletes what killed writers left beside the target ({@link Staging#deleteStale}).
     */
    public static void moveOver(Path temp, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Staging.syncDirectory(absolute.getParent());
        Staging.deleteStale(absolute);
    }
}
