package jgrad.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST: a big-endian header (magic number, then one 32-bit size per
 * dimension) followed by the data. Only unsigned-byte data is supported, which is what MNIST uses:
 * images have magic 2051 (0x00000803: ubyte, 3 dimensions: count, rows, columns) and labels 2049
 * (0x00000801: ubyte, 1 dimension: count). Files may be gzip-compressed, recognised by their first two
 * bytes whatever their name.
 *
 * <p>Every inconsistency is an {@link IOException} whose message starts with the file and says what was
 * found and what was expected: a wrong magic number, an impossible dimension, a file shorter or longer
 * than its header says, a damaged gzip stream.
 */
public final class Idx {

    /** Magic number of an IDX file of unsigned-byte images [count, rows, columns]. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels [count]. */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /**
     * Images as read from an IDX file.
     *
     * @param count the number of images
     * @param rows the height of each image
     * @param columns the width of each image
     * @param pixels count * rows * columns unsigned bytes, image after image, each row-major
     */
    public record Images(int count, int rows, int columns, byte[] pixels) {}

    /** Reads an IDX image file (plain or gzip). */
    public static Images readImages(Path file) throws IOException {
        try (Reader reader = new Reader(file)) {
            int[] dims = reader.header(IMAGES_MAGIC, "images");
            int count = dims[0];
            int rows = dims[1];
            int columns = dims[2];
            String shape = Integer.toUnsignedString(count) + " images of " + Integer.toUnsignedString(rows) + "x"
                    + Integer.toUnsignedString(columns);
            if (count < 0 || rows <= 0 || columns <= 0) {
                throw new IOException(file + ": bad dimensions: header says " + shape
                        + ", expected a count below 2^31 and rows and columns from 1 to 2^31 - 1");
            }
            long bytes = (long) count * rows * columns;
            return new Images(count, rows, columns, reader.body(bytes, shape));
        }
    }

    /** Reads an IDX label file (plain or gzip): one unsigned byte per example. */
    public static byte[] readLabels(Path file) throws IOException {
        try (Reader reader = new Reader(file)) {
            int count = reader.header(LABELS_MAGIC, "labels")[0];
            if (count < 0) {
                throw new IOException(file + ": bad dimensions: header says " + Integer.toUnsignedString(count)
                        + " labels, which is more than " + Integer.MAX_VALUE + " (it is stored as a signed count)");
            }
            return reader.body(count, count + " labels");
        }
    }

    /** One pass over one file: header, then body, then a check that nothing follows. */
    private static final class Reader implements AutoCloseable {
        private final Path file;
        private final boolean gzip;
        private final InputStream in;
        /** Bytes of the header read so far. */
        private long headerBytes;
        /** Whether a gzip stream ended in the middle of its compressed data. */
        private boolean cutOff;

        Reader(Path file) throws IOException {
            this.file = file;
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            gzip = b0 == 0x1f && b1 == 0x8b;
            InputStream opened = raw;
            if (gzip) {
                try {
                    opened = new GZIPInputStream(raw, 1 << 16);
                } catch (IOException e) {
                    raw.close();
                    throw new IOException(file + ": corrupt gzip header: " + e.getMessage(), e);
                }
            }
            this.in = opened;
        }

        /** Reads and checks the magic number, then returns the dimensions it announces. */
        int[] header(int expectedMagic, String kind) throws IOException {
            byte[] magicBytes = readFully(4, "the 4-byte magic number");
            int magic = bigEndian(magicBytes, 0);
            if (magic != expectedMagic) {
                String hint = magic == LABELS_MAGIC ? " (that is an IDX label file)"
                        : magic == IMAGES_MAGIC ? " (that is an IDX image file)" : "";
                throw new IOException(String.format("%s: bad magic number 0x%08x%s: expected 0x%08x (%d), IDX %s of"
                        + " unsigned bytes in %d dimension(s)", file, magic, hint, expectedMagic, expectedMagic,
                        kind, expectedMagic & 0xff));
            }
            int rank = expectedMagic & 0xff;
            byte[] dimBytes = readFully(4 * rank, "the header's " + rank + " dimension(s)");
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = bigEndian(dimBytes, 4 * i);
            }
            return dims;
        }

        /** Reads exactly the announced data, and insists that the file ends there. */
        byte[] body(long bytes, String announced) throws IOException {
            String says = "header says " + announced + " (" + (headerBytes + bytes) + " bytes)";
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": bad dimensions: " + says + ", more than one Java array holds");
            }
            if (!gzip) {
                long size = Files.size(file);
                if (size != headerBytes + bytes) {
                    throw new IOException(file + ": " + (size < headerBytes + bytes ? "truncated" : "trailing data")
                            + ": " + says + " but file has " + size + " bytes");
                }
            }
            byte[] data = readUpTo((int) bytes);
            if (data.length < bytes) {
                throw new IOException(file + ": truncated: " + says + " but " + describeLength(headerBytes + data.length));
            }
            if (in.read() >= 0) {
                throw new IOException(file + ": trailing data: " + says + " but " + describeLength(-1));
            }
            return data;
        }

        private String describeLength(long length) {
            if (cutOff) {
                return "the gzip stream breaks off after " + length + " decompressed bytes";
            }
            String where = gzip ? "the gzip data decompresses to " : "file has ";
            return length < 0 ? where + "more" : where + length + " bytes";
        }

        private byte[] readFully(int n, String what) throws IOException {
            byte[] bytes = readUpTo(n);
            if (bytes.length < n) {
                throw new IOException(file + ": truncated: " + describeLength(headerBytes + bytes.length)
                        + ", too short for " + what);
            }
            headerBytes += n;
            return bytes;
        }

        /**
         * Reads n bytes, or fewer when the stream ends first. The buffer grows as data arrives rather than
         * being sized by the header up front, so a corrupt header in a gzip file that claims gigabytes
         * costs only as much memory as the file really holds.
         */
        private byte[] readUpTo(int n) throws IOException {
            byte[] buffer = new byte[Math.min(n, 1 << 24)];
            int off = 0;
            try {
                while (off < n) {
                    if (off == buffer.length) {
                        buffer = Arrays.copyOf(buffer, (int) Math.min(n, 2L * buffer.length));
                    }
                    int got = in.read(buffer, off, buffer.length - off);
                    if (got < 0) {
                        break;
                    }
                    off += got;
                }
            } catch (EOFException e) {
                // A gzip stream cut short fails like this instead of simply ending.
                cutOff = true;
            } catch (ZipException e) {
                throw new IOException(file + ": corrupt gzip data after " + (headerBytes + off) + " decompressed bytes: "
                        + e.getMessage(), e);
            }
            return off == buffer.length ? buffer : Arrays.copyOf(buffer, off);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
