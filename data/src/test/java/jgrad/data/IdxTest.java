package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path temp;

    /** Three 2x3 images whose pixels are 0..17, with 255 as the last pixel to exercise "unsigned". */
    static final byte[] PIXELS = new byte[18];

    static {
        for (int i = 0; i < PIXELS.length; i++) {
            PIXELS[i] = (byte) i;
        }
        PIXELS[17] = (byte) 255;
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        buffer.put(data);
        return buffer.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(temp.resolve(name), bytes);
    }

    private static byte[] images() {
        return idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 3}, PIXELS);
    }

    private static byte[] labels() {
        return idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {7, 0, 9});
    }

    @Test
    void readsPlainImagesAndLabels() throws IOException {
        Idx.Images images = Idx.readImages(write("images-idx3-ubyte", images()));
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(3, images.columns());
        assertArrayEquals(PIXELS, images.pixels());
        assertArrayEquals(new byte[] {7, 0, 9}, Idx.readLabels(write("labels-idx1-ubyte", labels())));
    }

    @Test
    void readsGzipFilesRecognisedByTheirFirstBytesWhateverTheirName() throws IOException {
        assertArrayEquals(PIXELS, Idx.readImages(write("images-idx3-ubyte", gzip(images()))).pixels());
        assertArrayEquals(new byte[] {7, 0, 9}, Idx.readLabels(write("labels.gz", gzip(labels()))));
    }

    @Test
    void readsAnEmptySet() throws IOException {
        assertEquals(0, Idx.readImages(write("none", idx(Idx.IMAGES_MAGIC, new int[] {0, 28, 28}, new byte[0])))
                .pixels().length);
    }

    @Test
    void aTruncatedPlainFileSaysWhatTheHeaderPromisedAndWhatTheFileHas() throws IOException {
        Path file = write("train-images-idx3-ubyte", Arrays.copyOf(images(), 20));
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(file));
        assertEquals(file + ": truncated: header says 3 images of 2x3 (34 bytes) but file has 20 bytes", e.getMessage());
    }

    @Test
    void aGzipFileOfTruncatedDataSaysHowMuchItDecompressesTo() throws IOException {
        Path file = write("t10k-labels-idx1-ubyte.gz", gzip(Arrays.copyOf(labels(), 10)));
        IOException e = assertThrows(IOException.class, () -> Idx.readLabels(file));
        assertEquals(file + ": truncated: header says 3 labels (11 bytes) but the gzip data decompresses to 10 bytes",
                e.getMessage());
    }

    @Test
    void aCutOffGzipStreamIsReportedAsTruncated() throws IOException {
        byte[] big = idx(Idx.IMAGES_MAGIC, new int[] {100, 28, 28}, new byte[100 * 28 * 28]);
        new Random(1).nextBytes(big); // incompressible, so that cutting the gzip cuts the data
        System.arraycopy(idx(Idx.IMAGES_MAGIC, new int[] {100, 28, 28}, new byte[0]), 0, big, 0, 16);
        byte[] compressed = gzip(big);
        Path file = write("train-images-idx3-ubyte.gz", Arrays.copyOf(compressed, compressed.length / 2));
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().startsWith(file + ": truncated: header says 100 images of 28x28 (78416 bytes) but the "
                + "gzip stream breaks off after "), e.getMessage());
    }

    @Test
    void aFileWithTheWrongMagicNumberIsRejected() throws IOException {
        Path file = write("train-images-idx3-ubyte", labels());
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(file));
        assertEquals(file + ": bad magic number 0x00000801 (that is an IDX label file): expected 0x00000803 (2051), "
                + "IDX images of unsigned bytes in 3 dimension(s)", e.getMessage());
        Path text = write("labels", "hello, world".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(IOException.class, () -> Idx.readLabels(text));
        assertTrue(e.getMessage().startsWith(text + ": bad magic number 0x68656c6c: expected 0x00000801 (2049)"),
                e.getMessage());
    }

    @Test
    void impossibleDimensionsAreRejected() throws IOException {
        Path zeroRows = write("zero-rows", idx(Idx.IMAGES_MAGIC, new int[] {3, 0, 3}, new byte[0]));
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(zeroRows));
        assertTrue(e.getMessage().startsWith(zeroRows + ": bad dimensions: header says 3 images of 0x3"), e.getMessage());
        Path huge = write("huge", idx(Idx.LABELS_MAGIC, new int[] {-1}, new byte[0]));
        e = assertThrows(IOException.class, () -> Idx.readLabels(huge));
        assertTrue(e.getMessage().startsWith(huge + ": bad dimensions: header says 4294967295 labels"), e.getMessage());
        Path tooBig = write("too-big", idx(Idx.IMAGES_MAGIC, new int[] {60000, 2000, 2000}, new byte[0]));
        e = assertThrows(IOException.class, () -> Idx.readImages(tooBig));
        assertTrue(e.getMessage().contains("more than one Java array holds"), e.getMessage());
    }

    @Test
    void aHeaderCutShortIsReported() throws IOException {
        Path file = write("short", Arrays.copyOf(images(), 9));
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(file));
        assertEquals(file + ": truncated: file has 9 bytes, too short for the header's 3 dimension(s)", e.getMessage());
    }

    @Test
    void bytesAfterTheDataAreRejected() throws IOException {
        Path plain = write("plain", Arrays.copyOf(labels(), 12));
        IOException e = assertThrows(IOException.class, () -> Idx.readLabels(plain));
        assertEquals(plain + ": trailing data: header says 3 labels (11 bytes) but file has 12 bytes", e.getMessage());
        Path gz = write("gz", gzip(Arrays.copyOf(labels(), 12)));
        e = assertThrows(IOException.class, () -> Idx.readLabels(gz));
        assertEquals(gz + ": trailing data: header says 3 labels (11 bytes) but the gzip data decompresses to more",
                e.getMessage());
    }
}
