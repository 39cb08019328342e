package jgrad.examples.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphvizTest {

    @TempDir
    Path dir;

    /** A stand-in for dot: a shell script that fails like dot on bad input. */
    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    @Test
    void dotIsFoundInTheFirstDirectoryOfThePathThatHasIt() throws IOException {
        Path first = Files.createDirectory(dir.resolve("a"));
        Path second = Files.createDirectory(dir.resolve("b"));
        Files.writeString(first.resolve("dot"), "not executable");
        Path executable = Files.writeString(second.resolve("dot"), "#!/bin/sh\n");
        assertTrue(executable.toFile().setExecutable(true));

        String path = first + File.pathSeparator + second;

        assertEquals(executable, Graphviz.find("dot", path).orElseThrow().executable());
        assertFalse(Graphviz.find("dot", "").isPresent());
        assertFalse(Graphviz.find("dot", null).isPresent());
        assertFalse(Graphviz.find(first.resolve("dot").toString(), path).isPresent(), "a file that cannot run is no dot");
    }

    @Test
    void aFailingDotIsAnErrorWithItsMessageAndLeavesNoFile() throws IOException {
        Path fake = script("dot", "echo 'Error: syntax error in line 1' >&2; exit 1");
        Path target = dir.resolve("out.svg");

        IOException e = assertThrows(IOException.class,
                () -> Graphviz.find(fake.toString(), null).orElseThrow().render("digraph {", "svg", target));

        assertTrue(e.getMessage().contains("exit code 1") && e.getMessage().contains("syntax error in line 1"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the fake dot is left");
        }
    }
}
