package jgrad.optim;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Named arrays in one {@code .npz} file, as NumPy's {@code np.savez} writes them: a zip of uncompressed
 * {@code <name>.npy} entries, which {@code np.load} reads as is.
 *
 * <p>Writes are atomic: the file is written under a temporary name in the same directory, forced to
 * disk, then renamed over the target, so a crash leaves either the old file or the new one. Reads refuse
 * a file whose declared sizes cannot be true (an array larger than its zip entry, an entry larger than the
 * file could hold) or exceed a limit, before allocating anything: a corrupt or hostile file cannot
 * exhaust memory.
 */
public final class Npz {

    /** The default largest array {@link #read(Path)} accepts: 4 GiB. */
    public static final long DEFAULT_MAX_ARRAY_BYTES = 1L << 32;
    /** Deflate cannot compress by more than about 1032:1; a larger declared ratio is a lie. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private Npz() {}

    /**
     * Writes the arrays to {@code file}, replacing it atomically. Names become entry names
     * ({@code name + ".npy"}); types must have a NumPy equivalent (float16/32/64, int8-64, uint8, bool).
     */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        Path target = file.toAbsolutePath();
        for (String name : arrays.keySet()) {
            if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
                throw new IllegalArgumentException("npz: bad array name '" + name + "'");
            }
        }
        Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
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
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(target.getParent());
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

    /** Makes the rename durable; some platforms cannot open a directory, and then it is left to the OS. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (e.g. Windows); the file itself was forced before the rename.
        }
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
        long fileSize = Files.size(file);
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
                if (dataBytes < 0 || dataBytes > maxArrayBytes) {
                    throw new IOException(where + ": the header declares a " + header.spec() + " array, "
                            + (dataBytes < 0 ? "whose size overflows" : dataBytes + " bytes") + ", more than the limit of "
                            + maxArrayBytes + " bytes");
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
            check.accept(specs);
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, Npy.Header> e : headers.entrySet()) {
                ZipEntry entry = entries.get(e.getKey());
                String where = file + "!" + entry.getName();
                try (InputStream in = zip.getInputStream(entry)) {
                    in.skipNBytes(e.getValue().headerBytes());
                    arrays.put(e.getKey(), Npy.readData(in, e.getValue(), where));
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
