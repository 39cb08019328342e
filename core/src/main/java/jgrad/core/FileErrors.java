package jgrad.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Messages for failed file operations that say what failed, on which file, and why.
 *
 * <p>Java's file exceptions often carry only a path: creating {@code /proc/nope} fails with a
 * {@code NoSuchFileException} whose message is {@code /proc/nope}, a full disk with an
 * {@code IOException} whose message is {@code No space left on device} and no path at all. The why is in
 * the exception's type or message, the what and which only at the call site, so each call site that
 * touches a file the user chose wraps its failure with {@link #describe}.
 */
public final class FileErrors {

    private FileErrors() {}

    /**
     * An exception saying {@code cannot <operation> <file>: <reason>}, with {@code cause} as its cause.
     *
     * @param operation what was being done, as a verb phrase: {@code "create the directory"}
     */
    public static IOException describe(String operation, Path file, IOException cause) {
        return new IOException("cannot " + operation + " " + file + ": " + reason(cause, file), cause);
    }

    /** Why a file operation failed, in words ("permission denied"), naming the file it failed on when that is not {@code file}. */
    public static String reason(IOException e, Path file) {
        String why = reason(e);
        if (e instanceof FileSystemException fs && fs.getFile() != null
                && (file == null || !Path.of(fs.getFile()).toAbsolutePath().equals(file.toAbsolutePath()))) {
            return why + " (" + fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ")";
        }
        return why;
    }

    /** Why a file operation failed, in words: the reason of a {@link FileSystemException}, or its kind. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "something of that name already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName();
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
    }
}
