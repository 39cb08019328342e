package jgrad.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writeReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("sub/report.json");
        AtomicFile.write(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));

        AtomicFile.write(file, out -> {
            out.write("new".getBytes(StandardCharsets.UTF_8));
            out.close(); // as Jackson does: the file must still be synced and moved
        });

        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("plot.png");
        AtomicFile.write(file, out -> out.write(1));

        assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
            out.write(2);
            throw new IOException("disk full");
        }));

        assertEquals(1, Files.readAllBytes(file)[0]);
        assertEquals(List.of(file), list(dir));
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
