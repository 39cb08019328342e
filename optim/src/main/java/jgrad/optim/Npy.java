package jgrad.optim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format, version 1.0, written and read here: the magic {@code \x93NUMPY}, the
 * version, a little-endian header length, a Python dict literal giving {@code descr}, {@code
 * fortran_order} and {@code shape}, padded with spaces to a multiple of 64 bytes and ended by a newline,
 * then the raw little-endian data.
 */
final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** A header longer than this is no NumPy header (v1 allows 65535; real ones are ~128 bytes). */
    private static final int MAX_HEADER_LENGTH = 1 << 16;
    private static final Map<String, DataType> BY_DESCR = Map.ofEntries(
            Map.entry("<f8", DataType.DOUBLE), Map.entry("<f4", DataType.FLOAT), Map.entry("<f2", DataType.FLOAT16),
            Map.entry("<i8", DataType.INT64), Map.entry("<i4", DataType.INT32), Map.entry("<i2", DataType.INT16),
            Map.entry("|i1", DataType.INT8), Map.entry("|u1", DataType.UINT8), Map.entry("|b1", DataType.BOOL));
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final int CHUNK = 1 << 16;

    static {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            // The data is copied as raw bytes between native memory and the little-endian file.
            throw new ExceptionInInitializerError("npy: only little-endian platforms are supported");
        }
    }

    private Npy() {}

    /** A parsed header: the array's type and shape, and how many bytes the header itself took. */
    record Header(ArraySpec spec, boolean fortranOrder, long headerBytes) {
        /** The size of the data that follows, or -1 when it overflows a long. */
        long dataBytes() {
            try {
                long n = spec.dataType().width();
                for (long d : spec.shape()) {
                    n = Math.multiplyExact(n, d);
                }
                return n;
            } catch (ArithmeticException e) {
                return -1;
            }
        }
    }

    static String descr(DataType type) {
        for (Map.Entry<String, DataType> e : BY_DESCR.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("npy: arrays of type " + type + " have no NumPy equivalent");
    }

    /** The array as one dense row-major block, which its data buffer then holds from its start. */
    static INDArray dense(INDArray a) {
        descr(a.dataType());
        return a.isView() || a.ordering() != 'c' || (a.length() > 1 && a.elementWiseStride() != 1) ? a.dup('c') : a;
    }

    /** The complete header of a dense array, padded so that the data starts at a multiple of 64 bytes. */
    static byte[] header(INDArray a) {
        StringBuilder shape = new StringBuilder("(");
        for (long d : a.shape()) {
            shape.append(d).append(", ");
        }
        if (a.rank() > 0) {
            shape.setLength(shape.length() - 2);
        }
        shape.append(a.rank() == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr(a.dataType()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        out.put(text.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /** Updates {@code crc} with the array's data (a dense array, from {@link #dense}). */
    static void crc(INDArray a, CRC32 crc) {
        for (ByteBuffer buffer : dataBuffers(a)) {
            crc.update(buffer);
        }
    }

    /** Writes the data of a dense array, raw little-endian bytes. */
    static void writeData(INDArray a, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (ByteBuffer buffer : dataBuffers(a)) {
            while (buffer.hasRemaining()) {
                int n = Math.min(chunk.length, buffer.remaining());
                buffer.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    /** Reads and checks a header; {@code where} names the entry in messages. */
    static Header readHeader(InputStream in, String where) throws IOException {
        byte[] start = readFully(in, MAGIC.length + 2, where, "its magic");
        if (!Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
            throw new IOException(where + ": not a .npy array (no \\x93NUMPY magic)");
        }
        int major = start[MAGIC.length];
        int lengthBytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : -1;
        if (lengthBytes < 0) {
            throw new IOException(where + ": unsupported .npy version " + major + "." + start[MAGIC.length + 1]);
        }
        ByteBuffer len = ByteBuffer.wrap(readFully(in, lengthBytes, where, "its header length")).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? Short.toUnsignedInt(len.getShort()) : Integer.toUnsignedLong(len.getInt());
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new IOException(where + ": header claims " + headerLength + " bytes, more than the "
                    + MAX_HEADER_LENGTH + " any real .npy header needs");
        }
        String dict = new String(readFully(in, (int) headerLength, where, "its header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
        return new Header(parse(dict, where), parseFortran(dict, where), MAGIC.length + 2 + lengthBytes + headerLength);
    }

    private static ArraySpec parse(String dict, String where) throws IOException {
        Matcher descr = DESCR.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!dict.startsWith("{") || !dict.endsWith("}") || !descr.find() || !shape.find()) {
            throw new IOException(where + ": malformed .npy header " + abbreviate(dict));
        }
        DataType type = BY_DESCR.get(descr.group(1).replace("<i1", "|i1").replace("<u1", "|u1").replace("<b1", "|b1"));
        if (type == null) {
            throw new IOException(where + ": unsupported dtype '" + descr.group(1) + "'; supported: "
                    + new java.util.TreeSet<>(BY_DESCR.keySet()));
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    long d = Long.parseLong(part.trim());
                    if (d < 0) {
                        throw new NumberFormatException();
                    }
                    dims.add(d);
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": bad shape (" + abbreviate(shape.group(1)) + ") in the .npy header");
                }
            }
        }
        if (dims.size() > 32) {
            throw new IOException(where + ": shape of rank " + dims.size() + " in the .npy header (at most 32)");
        }
        return new ArraySpec(type, dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static boolean parseFortran(String dict, String where) throws IOException {
        Matcher m = FORTRAN.matcher(dict);
        if (!m.find()) {
            throw new IOException(where + ": .npy header has no fortran_order: " + abbreviate(dict));
        }
        return m.group(1).equals("True");
    }

    /** Reads the data the header announced into a new array; fails on a short stream. */
    @SuppressWarnings("try") // the scope is used for its effect: state outlives any workspace
    static INDArray readData(InputStream in, Header h, String where) throws IOException {
        long[] shape = h.spec().shape();
        DataType type = h.spec().dataType();
        INDArray a;
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            a = h.dataBytes() == 0 ? Nd4j.create(type, shape) : Nd4j.createUninitialized(type, shape, h.fortranOrder() ? 'f' : 'c');
        }
        if (h.dataBytes() == 0) {
            return a;
        }
        byte[] chunk = new byte[CHUNK];
        long read = 0;
        for (ByteBuffer buffer : dataBuffers(a)) {
            while (buffer.hasRemaining()) {
                int n = in.read(chunk, 0, Math.min(chunk.length, buffer.remaining()));
                if (n < 0) {
                    throw new EOFException(where + ": truncated: the header announces " + h.dataBytes()
                            + " bytes of data, the entry ends after " + read);
                }
                buffer.put(chunk, 0, n);
                read += n;
            }
        }
        return h.fortranOrder() ? a.dup('c') : a;
    }

    /**
     * The array's data as little-endian views of its native memory, of at most 1 GiB each (a ByteBuffer
     * holds at most 2 GiB); none for an empty array.
     */
    private static List<ByteBuffer> dataBuffers(INDArray a) {
        List<ByteBuffer> buffers = new ArrayList<>();
        long bytes = a.length() * a.dataType().width();
        if (bytes == 0) {
            return buffers;
        }
        BytePointer data = new BytePointer(a.data().pointer());
        data.capacity(bytes);
        for (long offset = 0; offset < bytes; offset += 1 << 30) {
            long end = Math.min(bytes, offset + (1 << 30));
            buffers.add(data.position(offset).limit(end).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
        return buffers;
    }

    private static byte[] readFully(InputStream in, int n, String where, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException(where + ": truncated in " + what);
        }
        return b;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
