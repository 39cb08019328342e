package jgrad.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temporary files and directories beside a target, for writes that end with an atomic rename, and the
 * clean-up of those that a killed process left behind.
 *
 * <p>A temporary is named {@code <target>.<pid>-<random>.tmp}: the process id says who wrote it. One is
 * stale, and deleted by {@link #deleteStale}, when that process is no longer alive and the file (for a
 * directory, nothing in it) has not changed for {@link #STALE_AFTER} (a process of another container, whose
 * ids this one cannot see, keeps writing while it lives). Temporaries of the older form {@code <target>.<random>.tmp}, without a process
 * id, are deleted once they are {@link #STALE_UNNAMED_AFTER} old; no write takes that long.
 */
public final class Staging {

    /** How long a dead process's temporary must have been left unchanged before it is deleted. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(1);
    /** How old a temporary without a process id must be before it is deleted. */
    public static final Duration STALE_UNNAMED_AFTER = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private Staging() {}

    /**
     * A new empty file beside {@code target}, to be renamed over it. Not {@code Files.createTempFile},
     * which makes the file readable by its owner only: the renamed file gets the permissions of any file
     * the user creates.
     */
    public static Path file(Path target) throws IOException {
        return fresh(target, Files::createFile);
    }

    /** A new empty directory beside {@code target}, to be renamed into its place. */
    public static Path directory(Path target) throws IOException {
        return fresh(target, Files::createDirectory);
    }

    private interface Creator {
        Path create(Path path) throws IOException;
    }

    private static Path fresh(Path target, Creator creator) throws IOException {
        Path absolute = target.toAbsolutePath();
        for (int attempt = 0; ; attempt++) {
            Path candidate = absolute.resolveSibling(prefix(absolute) + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
            try {
                return creator.create(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    private static String prefix(Path target) {
        return target.getFileName() + "." + ProcessHandle.current().pid() + "-";
    }

    /**
     * Deletes the stale temporaries of {@code target} (see the class comment); failures to delete are
     * ignored, since a leftover is only wasted space.
     *
     * @return how many were deleted
     */
    public static int deleteStale(Path target) {
        Path absolute = target.toAbsolutePath();
        Pattern pattern = Pattern.compile(Pattern.quote(absolute.getFileName().toString()) + "\\.(?:(\\d+)-)?\\d+\\.tmp");
        int deleted = 0;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(absolute.getParent())) {
            for (Path sibling : siblings) {
                Matcher m = pattern.matcher(sibling.getFileName().toString());
                if (m.matches() && isStale(sibling, m.group(1))) {
                    deleteRecursively(sibling);
                    deleted++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Nothing to clean, or not allowed to: the leftovers stay, harmless under their .tmp names.
        }
        return deleted;
    }

    private static boolean isStale(Path file, String pid) throws IOException {
        FileTime modified = lastWrite(file);
        Duration age = Duration.between(modified.toInstant(), Instant.now());
        if (pid == null) {
            return age.compareTo(STALE_UNNAMED_AFTER) > 0;
        }
        long id = Long.parseLong(pid);
        boolean alive = ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        return !alive && age.compareTo(STALE_AFTER) > 0;
    }

    /**
     * When a file, or anything in a directory, was last written: a live writer into a staged directory
     * (a download unpacking into it) changes the files inside, not the directory's own time.
     */
    private static FileTime lastWrite(Path file) throws IOException {
        if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        }
        try (var paths = Files.walk(file)) {
            return paths.map(path -> {
                try {
                    return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    return FileTime.fromMillis(0);   // deleted while we looked: it dates nothing
                }
            }).max(FileTime::compareTo).orElseThrow();
        }
    }

    /** Deletes a file, or a directory and everything in it (links are deleted, not followed). */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Forces a file's content to disk. */
    public static void syncFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes renames in {@code dir} durable; some platforms cannot open a directory, and then it is left to the OS. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (e.g. Windows); the files themselves were forced before the rename.
        }
    }
}
