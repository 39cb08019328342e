package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {

    private static final FileTime AN_HOUR_AGO = FileTime.from(Instant.now().minusSeconds(3600));

    @Test
    void aDeadWritersStagingDirectoryIsDeletedWhenNothingInItChangedLately(@TempDir Path dir) throws IOException {
        Path staged = Files.createDirectory(dir.resolve("cache.999999999-1.tmp"));
        Path part = Files.writeString(staged.resolve("part"), "half a download");
        Files.setLastModifiedTime(part, AN_HOUR_AGO);
        Files.setLastModifiedTime(staged, AN_HOUR_AGO);

        assertEquals(1, Staging.deleteStale(dir.resolve("cache")));
        assertFalse(Files.exists(staged));
    }

    @Test
    void aStagingDirectoryStillBeingWrittenInsideIsKeptThoughItsOwnTimeIsOld(@TempDir Path dir) throws IOException {
        // A writer in another container (its pid not visible here) unpacking into a subdirectory changes
        // the files deep inside, never the staging directory's own time.
        Path staged = Files.createDirectory(dir.resolve("cache.999999999-2.tmp"));
        Path inner = Files.createDirectory(staged.resolve("npm"));
        Files.writeString(inner.resolve("part"), "still downloading");
        Files.setLastModifiedTime(inner, AN_HOUR_AGO);
        Files.setLastModifiedTime(staged, AN_HOUR_AGO);

        assertEquals(0, Staging.deleteStale(dir.resolve("cache")));
        assertTrue(Files.exists(staged));
    }
}
