package jgrad.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCheckTest {

    @TempDir
    Path dir;

    @Test
    void aWritableFileLeavesNothingBehindButTheParentsItWillNeed() throws IOException {
        Path report = dir.resolve("runs/today/report.json");
        OutputCheck.writable("--report", report);
        assertTrue(Files.isDirectory(report.getParent()));
        assertFalse(Files.exists(report));
        assertEquals(List.of(), entries(report.getParent()));
    }

    @Test
    void aDirectoryGivenForAFileIsRefusedByName() throws IOException {
        var e = assertThrows(IOException.class, () -> OutputCheck.writable("--plot", dir));
        assertEquals("--plot " + dir + ": is a directory; expected the name of a file", e.getMessage());
    }

    @Test
    void aFileGivenForADirectoryIsRefusedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("model"), "x");
        var e = assertThrows(IOException.class, () -> OutputCheck.writableDirectory("-o", file));
        assertEquals("-o " + file + ": is a file; expected a directory", e.getMessage());
    }

    @Test
    void aDirectoryThatRefusesNewFilesFailsNamingTheOptionAndTheDirectory() {
        // /proc refuses file creation even to root, for whom permission bits would not.
        Path report = Path.of("/proc/jgrad-report.json");
        var e = assertThrows(IOException.class, () -> OutputCheck.writable("--report", report));
        assertTrue(e.getMessage().startsWith("--report /proc/jgrad-report.json: cannot create files in /proc: "),
                e.getMessage());
    }

    @Test
    void aParentThatIsAFileFailsWhenMakingTheDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        var e = assertThrows(IOException.class, () -> OutputCheck.writable("--report", file.resolve("r.json")));
        assertTrue(e.getMessage().startsWith("--report " + file.resolve("r.json") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.toList();
        }
    }
}
