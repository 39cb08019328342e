package jgrad.optim;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import jgrad.core.FileErrors;
import jgrad.core.Staging;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named arrays in one {@code .npz} file, as NumPy's {@code np.savez} writes them: a zip of uncompressed
 * {@code <name>.npy} entries, which {@code np.load} reads as is.
 *
 * <p>Writes are atomic: the file is written under a temporary name in the same directory
 * ({@link Staging}), forced to disk, then renamed over the target, so a crash leaves either the old file or
 * the new one; the temporaries that killed writers left beside it are deleted after the next write.
 * Reads refuse a file whose declared sizes cannot be true (an array larger than its zip entry, an entry
 * larger than the file could hold) or exceed a limit, before allocating anything: a corrupt or hostile
 * file cannot exhaust memory. Every entry's CRC-32 is checked against the zip directory as its data is
 * read, as NumPy does: a flipped bit is refused, naming the file and the entry.
 */
public final class Npz {

    /** The default largest array {@link #read(Path)} accepts: 4 GiB. */
    public static final long DEFAULT_MAX_ARRAY_BYTES = 1L << 32;
    /** Deflate cannot compress by more than about 1032:1; a larger declared ratio is a lie. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private Npz() {}

    /**
     * Writes the arrays to {@code file}, replacing it atomically and creating missing parent directories.
     * Names become entry names ({@code name + ".npy"}); types must have a NumPy equivalent (float16/32/64,
     * int8-64, uint8, bool).
     */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        Path target = file.toAbsolutePath();
        for (String name : arrays.keySet()) {
            if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
                throw new IllegalArgumentException("npz: bad array name '" + name + "'");
            }
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw FileErrors.describe("create the directory of", target, e);
        }
        Path temp;
        try {
            temp = Staging.file(target);
        } catch (IOException e) {
            throw new IOException("cannot create a temporary file beside " + target + ": " + FileErrors.reason(e), e);
        }
        try {
            try (FileOutputStream out = new FileOutputStream(temp.toFile());
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                    writeEntry(zip, e.getKey(), e.getValue());
                }
                zip.finish();
                zip.flush();
                out.getFD().sync();
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            // A full disk says only "No space left on device"; say which file, and that the old one is intact.
            throw new IOException("cannot write " + target + " (through the temporary " + temp.getFileName()
                    + ", now deleted; any previous " + target.getFileName() + " is unchanged): " + FileErrors.reason(e, temp), e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Staging.syncDirectory(target.getParent());
        Staging.deleteStale(target);
    }

    /** An uncompressed entry, as np.savez writes: the size and CRC go first, so the data is read twice. */
    private static void writeEntry(ZipOutputStream zip, String name, INDArray array) throws IOException {
        INDArray dense = Npy.dense(array);
        byte[] header = Npy.header(dense);
        CRC32 crc = new CRC32();
        crc.update(header);
        Npy.crc(dense, crc);
        ZipEntry entry = new ZipEntry(name + ".npy");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(header.length + dense.length() * dense.dataType().width());
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(header);
        Npy.writeData(dense, zip);
        zip.closeEntry();
    }

    /** Reads every array, refusing any larger than {@link #DEFAULT_MAX_ARRAY_BYTES}. */
    public static Map<String, INDArray> read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_ARRAY_BYTES, specs -> {});
    }

    /** Reads every array, refusing any whose data would take more than {@code maxArrayBytes}. */
    public static Map<String, INDArray> read(Path file, long maxArrayBytes) throws IOException {
        return read(file, maxArrayBytes, specs -> {});
    }

    /**
     * Reads the headers of every entry and checks their declared sizes, hands the names, types and
     * shapes to {@code check} (which throws to refuse the file), and only then reads the data.
     */
    static Map<String, INDArray> read(Path file, long maxArrayBytes, Consumer<Map<String, ArraySpec>> check)
            throws IOException {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw FileErrors.describe("read", file, e);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            Map<String, Npy.Header> headers = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String where = file + "!" + entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.getName().endsWith(".npy")) {
                    throw new IOException(where + ": not a .npy entry; an .npz holds only .npy arrays");
                }
                String name = entry.getName().substring(0, entry.getName().length() - 4);
                if (entries.put(name, entry) != null) {
                    throw new IOException(where + ": the array '" + name + "' appears twice");
                }
                checkEntrySize(entry, fileSize, where);
                Npy.Header header;
                try (InputStream in = zip.getInputStream(entry)) {
                    header = Npy.readHeader(in, where);
                }
                long dataBytes = header.dataBytes();
                if (dataBytes < 0) {
                    throw new IOException(where + ": the header declares a " + header.spec()
                            + " array, whose size overflows; the file is corrupt or hostile");
                }
                if (header.headerBytes() + dataBytes != entry.getSize()) {
                    throw new IOException(where + ": the header declares a " + header.spec() + " array of "
                            + dataBytes + " bytes, but the entry holds " + (entry.getSize() - header.headerBytes())
                            + " bytes of data; the file is corrupt or truncated");
                }
                headers.put(name, header);
            }
            Map<String, ArraySpec> specs = new LinkedHashMap<>();
            headers.forEach((n, h) -> specs.put(n, h.spec()));
            // The caller's check first: a file of another model is "another model", not "too large".
            check.accept(specs);
            for (Map.Entry<String, Npy.Header> e : headers.entrySet()) {
                long dataBytes = e.getValue().dataBytes();
                if (dataBytes > maxArrayBytes) {
                    throw new IOException(file + "!" + entries.get(e.getKey()).getName() + ": the header declares a "
                            + e.getValue().spec() + " array, " + dataBytes + " bytes, more than the limit of "
                            + maxArrayBytes + " bytes");
                }
            }
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, Npy.Header> e : headers.entrySet()) {
                ZipEntry entry = entries.get(e.getKey());
                String where = file + "!" + entry.getName();
                try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
                    in.skipNBytes(e.getValue().headerBytes()); // read, and so checksummed
                    INDArray array = Npy.readData(in, e.getValue(), where);
                    if (in.read() >= 0) {
                        throw new IOException(where + ": the entry holds more data than its header declares");
                    }
                    long crc = in.getChecksum().getValue();
                    if (crc != entry.getCrc()) {
                        throw new IOException(String.format("%s: bad CRC-32: the data gives %08x, the zip directory says %08x; "
                                + "the file is damaged", where, crc, entry.getCrc()));
                    }
                    arrays.put(e.getKey(), array);
                } catch (EOFException ex) {
                    throw ex.getMessage() != null && ex.getMessage().startsWith(where) ? ex
                            : new EOFException(where + ": truncated");
                }
            }
            return arrays;
        } catch (ZipException e) {
            throw new IOException(file + ": not a readable .npz (zip) file, or truncated: " + e.getMessage(), e);
        }
    }

    private static void checkEntrySize(ZipEntry entry, long fileSize, String where) throws IOException {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size < 0 || compressed < 0) {
            throw new IOException(where + ": the zip entry does not declare its size");
        }
        boolean possible = compressed <= fileSize
                && (entry.getMethod() == ZipEntry.STORED ? size == compressed : size <= compressed * MAX_DEFLATE_RATIO + 1024);
        if (!possible) {
            throw new IOException(where + ": the zip entry claims " + size + " bytes (" + compressed
                    + " compressed) in a file of " + fileSize + " bytes; the file is corrupt or hostile");
        }
    }
}
