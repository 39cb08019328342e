package jgrad.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Package tarballs made up by tests, laid out as {@code npm pack} writes them (files under {@code package/}). */
final class FakeTarballs {

    private FakeTarballs() {}

    /** A new .tgz in {@code directory} holding each file at its path inside the package. */
    static Path tarball(Path directory, Map<String, byte[]> files) throws IOException {
        Path tgz = Files.createTempFile(directory, "fake", ".tgz");
        try (OutputStream out = Files.newOutputStream(tgz);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("package/" + file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return tgz;
    }
}
