package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileErrorsTest {

    @Test
    void anExceptionThatCarriesOnlyAPathGetsItsReasonFromItsKind() {
        assertEquals("permission denied", FileErrors.reason(new AccessDeniedException("/x")));
        assertEquals("no such file or directory", FileErrors.reason(new NoSuchFileException("/x")));
        assertEquals("Read-only file system", FileErrors.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("File too large", FileErrors.reason(new IOException("File too large")));
    }

    @Test
    void describeSaysWhatFailedOnWhichFileAndWhyNamingAnotherFileItFailedOn(@TempDir Path dir) {
        Path file = dir.resolve("a").resolve("b");
        IOException cause = new NoSuchFileException(dir.resolve("a").toString());

        IOException e = FileErrors.describe("create the directory", file, cause);

        assertEquals("cannot create the directory " + file + ": no such file or directory (" + dir.resolve("a") + ")",
                e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void theReasonOfARealFailureIsWords(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "a file");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Files.createDirectory(file.resolve("sub")));

        assertEquals("Not a directory", FileErrors.reason(e, file.resolve("sub")));
    }
}
