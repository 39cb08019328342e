package jgrad.examples.tagger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import jgrad.core.FileErrors;
import jgrad.examples.cli.OutputCheck;
import jgrad.core.Staging;

/**
 * A model directory (a tagger's, a language model's) replaced as one unit, so that a reader sees the old model or the new one
 * and a kill or a full disk during a save never destroys the model saved before.
 *
 * <p>A save writes the new files into a fresh directory beside the target ({@link Staging}), forces them
 * to disk, then renames the target to {@code <name>.previous}, the new directory to the target, and
 * deletes the previous one. A process killed between the two renames leaves only {@code <name>.previous}:
 * {@link #readable} reads from it, and the next save puts it back first. Staging directories left by
 * killed saves are deleted by the next save. A reader that finds the directory swapped while it read
 * (its {@link #identity} changed) reads again.
 *
 * <p>Only a directory that holds nothing but a model's files is replaced: an {@code -o} that names a
 * directory of other things is refused instead of being swept away with the old model.
 */
public final class ModelDirectory {

    /**
     * The files a kind of model directory may hold (besides temporaries of writes of them, named
     * {@code <file>.<...>.tmp}), and what it holds, for messages.
     *
     * @param model e.g. "a tagger model"
     */
    public record Contents(String model, Set<String> files) {
        public Contents {
            files = Set.copyOf(files);
        }
    }

    /** A tagger's: its three files. */
    static final Contents TAGGER = new Contents("a tagger model", Set.of(TaggerCheckpoint.VOCABULARY, TaggerCheckpoint.MODEL,
            TaggerCheckpoint.PARAMETERS));
    private static final String PREVIOUS = ".previous";

    /** Writes a model's files into a directory. */
    public interface Writer {
        void writeInto(Path directory) throws IOException;
    }

    private ModelDirectory() {}

    /**
     * Checks, before training, that a model can be saved as {@code directory}: it is new, empty or holds
     * nothing but the {@code contents}' files, and files can be created beside it.
     *
     * @param option the option that named it, for the message
     */
    public static void checkWritable(String option, Path directory, Contents contents) throws IOException {
        Path target = directory.toAbsolutePath();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException(option + " " + directory + ": is a file; expected a directory");
        }
        if (Files.isDirectory(target)) {
            List<String> foreign = foreignFiles(target, contents);
            if (!foreign.isEmpty()) {
                throw new IOException(option + " " + directory + ": holds files that are not part of " + contents.model() + " "
                        + foreign + "; a save replaces the whole directory, so choose a new or empty one");
            }
        }
        OutputCheck.canCreateFilesIn(option, directory, target.getParent());
    }

    /**
     * Replaces {@code directory}, which may hold only the {@code contents}' files, with what {@code writer}
     * writes, as one unit (see the class comment).
     */
    public static void save(Path directory, Contents contents, Writer writer) throws IOException {
        Path target = directory.toAbsolutePath();
        Path previous = previous(target);
        if (!Files.exists(target) && Files.isDirectory(previous)) {
            move(previous, target); // a save was killed between its two renames: the old model comes back first
        }
        checkWritable("the model directory", target, contents);
        Path staged;
        try {
            staged = Staging.directory(target);
        } catch (IOException e) {
            throw FileErrors.describe("create a directory beside", target, e);
        }
        try {
            writer.writeInto(staged);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(staged)) {
                for (Path file : files) {
                    Staging.syncFile(file);
                }
            }
            Staging.syncDirectory(staged);
            if (Files.exists(target)) {
                Staging.deleteRecursively(previous); // a save killed after both renames left it
                move(target, previous);
                move(staged, target);
                Staging.syncDirectory(target.getParent());
                Staging.deleteRecursively(previous);
            } else {
                move(staged, target);
                Staging.syncDirectory(target.getParent());
            }
        } catch (IOException | RuntimeException e) {
            try {
                Staging.deleteRecursively(staged);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Staging.deleteStale(target);
    }

    /**
     * The directory to read the model from: {@code directory}, or its {@code .previous} when a save was
     * killed between its two renames and left only that.
     */
    public static Path readable(Path directory) {
        Path previous = previous(directory.toAbsolutePath());
        return !Files.exists(directory) && Files.isDirectory(previous) ? previous : directory;
    }

    /**
     * What identifies the directory itself (its inode on POSIX, and when its entries last changed),
     * which a swap changes; null when nothing is there.
     */
    static Object identity(Path directory) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
            // The modification time as well: a new directory may get the inode number of one just deleted.
            return Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }

    private static Path previous(Path target) {
        return target.resolveSibling(target.getFileName() + PREVIOUS);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot rename " + from + " to " + to + ": " + FileErrors.reason(e, from), e);
        }
    }

    private static List<String> foreignFiles(Path directory, Contents contents) throws IOException {
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean temporary = name.endsWith(".tmp") && contents.files().stream().anyMatch(f -> name.startsWith(f + "."));
                if (!contents.files().contains(name) && !temporary) {
                    foreign.add(name);
                }
            }
        } catch (IOException e) {
            throw FileErrors.describe("list", directory, e);
        }
        foreign.sort(null);
        return foreign;
    }
}
