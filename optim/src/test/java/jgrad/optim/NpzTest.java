package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jgrad.core.Staging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The .npz format: round trips, NumPy compatibility both ways, and refusal of corrupt or hostile files. */
class NpzTest {

    @TempDir
    Path dir;

    static Map<String, INDArray> sample() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("f32", Nd4j.createFromArray(new float[][] {{1.5f, -2f, 3f}, {4f, 5f, 6.25f}}));
        arrays.put("f64", Nd4j.createFromArray(0.1, -1e300, Math.PI));
        arrays.put("i64", Nd4j.createFromArray(new long[][] {{Long.MAX_VALUE, -1}, {0, 42}}));
        arrays.put("scalar", Nd4j.scalar(DataType.INT64, 7L));
        arrays.put("optimizer/momentum/0.weight", Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}).transpose());
        return arrays;
    }

    static void assertSameArray(INDArray expected, INDArray actual, String name) {
        assertEquals(expected.dataType(), actual.dataType(), name);
        assertArrayEquals(expected.shape(), actual.shape(), name);
        if (expected.dataType() == DataType.INT64) {
            assertArrayEquals(Nd4j.toFlattened('c', expected).toLongVector(), Nd4j.toFlattened('c', actual).toLongVector(), name);
        } else {
            assertArrayEquals(Nd4j.toFlattened('c', expected).toDoubleVector(), Nd4j.toFlattened('c', actual).toDoubleVector(), 0, name);
        }
    }

    @Test
    void float32Float64AndInt64ArraysSurviveARoundTrip() throws IOException {
        Path file = dir.resolve("a.npz");
        Map<String, INDArray> arrays = sample();
        Npz.write(file, arrays);
        Map<String, INDArray> back = Npz.read(file);
        assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
        arrays.forEach((name, a) -> assertSameArray(a, back.get(name), name));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void everyHeaderEndsOnA64ByteBoundary() {
        for (INDArray a : sample().values()) {
            byte[] header = Npy.header(Npy.dense(a));
            assertEquals(0, header.length % 64);
            assertEquals('\n', header[header.length - 1]);
        }
    }

    @Test
    void numpyReadsTheFileAsIs() throws Exception {
        assumeTrue(hasNumpy(), "python3 with numpy is not installed");
        Path file = dir.resolve("a.npz");
        Npz.write(file, sample());
        String out = python("import numpy as np\n"
                + "z = np.load('" + file + "')\n"
                + "for k in z.files: a = z[k]; print(k, a.dtype, a.shape, a.ravel().tolist())\n");
        assertEquals(String.join("\n",
                "f32 float32 (2, 3) [1.5, -2.0, 3.0, 4.0, 5.0, 6.25]",
                "f64 float64 (3,) [0.1, -1e+300, 3.141592653589793]",
                "i64 int64 (2, 2) [9223372036854775807, -1, 0, 42]",
                "scalar int64 () [7]",
                "optimizer/momentum/0.weight float64 (2, 2) [1.0, 3.0, 2.0, 4.0]"), out.strip());
    }

    @Test
    void weReadWhatNumpyWritesCompressedOrNotAndInFortranOrder() throws Exception {
        assumeTrue(hasNumpy(), "python3 with numpy is not installed");
        for (String save : List.of("savez", "savez_compressed")) {
            Path file = dir.resolve(save + ".npz");
            python("import numpy as np\n"
                    + "np." + save + "('" + file + "', a=np.arange(6, dtype='<f4').reshape(2, 3),"
                    + " b=np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3)), c=np.array([-5, 9], dtype='<i8'))\n");
            Map<String, INDArray> back = Npz.read(file);
            assertSameArray(Nd4j.createFromArray(new float[][] {{0, 1, 2}, {3, 4, 5}}), back.get("a"), save + " a");
            assertSameArray(Nd4j.createFromArray(new double[][] {{0, 1, 2}, {3, 4, 5}}), back.get("b"), save + " b");
            assertSameArray(Nd4j.createFromArray(-5L, 9L), back.get("c"), save + " c");
        }
    }

    // ---- corrupt and hostile files ----

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        Path file = dir.resolve("a.npz");
        Npz.write(file, sample());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertRefused(file, "not a readable .npz (zip) file, or truncated");
    }

    @Test
    void aFileThatIsNoZipIsRefused() throws IOException {
        Path file = dir.resolve("a.npz");
        Files.writeString(file, "hello");
        assertRefused(file, "not a readable .npz (zip) file");
    }

    @Test
    void anArrayLargerThanItsEntryIsRefusedBeforeAllocation() throws IOException {
        // the header announces 100 doubles; the entry holds 10
        Path file = zip("a.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100,), }", 80));
        assertRefused(file, "declares a float64[100] array of 800 bytes, but the entry holds 80 bytes of data");
    }

    @Test
    void anAbsurdlyLargeArrayIsRefused() throws IOException {
        Path huge = zip("a.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000, 1000000), }", 8));
        assertRefused(huge, "array of 8000000000000000 bytes, but the entry holds 8 bytes of data");
        Path file = dir.resolve("b.npz");
        Npz.write(file, Map.of("a", Nd4j.zeros(DataType.DOUBLE, 100)));
        IOException e = assertThrows(IOException.class, () -> Npz.read(file, 799));
        assertTrue(e.getMessage().contains("float64[100] array, 800 bytes, more than the limit of 799 bytes"), e.getMessage());
        Path overflowing = zip("a.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", 8));
        assertRefused(overflowing, "whose size overflows");
    }

    @Test
    void aZipEntryClaimingMoreThanTheFileHoldsIsRefused() throws IOException {
        Path file = dir.resolve("a.npz");
        Npz.write(file, Map.of("a", Nd4j.createFromArray(1.0, 2.0)));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = bytes.length - 4; i >= 0; i--) {
            if (b.getInt(i) == 0x02014b50) { // central directory header: sizes at +20 (compressed), +24
                b.putInt(i + 20, 0x7fffffff);
                b.putInt(i + 24, 0x7fffffff);
                break;
            }
        }
        Files.write(file, bytes);
        assertRefused(file, "the zip entry claims 2147483647 bytes (2147483647 compressed) in a file of");
    }

    @Test
    void badMagicUnknownTypesAndMalformedHeadersAreRefused() throws IOException {
        assertRefused(zip("a.npy", "not an array".getBytes(StandardCharsets.US_ASCII)), "not a .npy array");
        assertRefused(zip("a.npy", npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16)),
                "unsupported dtype '<c16'");
        assertRefused(zip("a.npy", npy("{'descr': '<f8', 'shape': (1,), }", 8)), "has no fortran_order");
        assertRefused(zip("a.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", 8)), "bad shape");
        assertRefused(zip("a.txt", new byte[3]), "not a .npy entry");
    }

    @Test
    void aFlippedBitInAnArrayIsRefusedByItsCrc32NamingFileAndEntry() throws IOException {
        Path file = dir.resolve("a.npz");
        Npz.write(file, Map.of("w", Nd4j.linspace(DataType.FLOAT, 1, 64, 64)));
        byte[] bytes = Files.readAllBytes(file);
        // The data of the only entry follows its local header (30 bytes + name) and the 128-byte .npy header.
        int data = 30 + "w.npy".length() + 128;
        bytes[data + 41] ^= 0x10;
        Files.write(file, bytes);

        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().startsWith(file + "!w.npy: bad CRC-32"), e.getMessage());
    }

    @Test
    void staleTemporariesOfKilledWritesAreDeletedAndLiveOnesKept() throws IOException {
        Path file = dir.resolve("run.npz");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7200));
        Path deadWriter = Files.writeString(dir.resolve("run.npz.999999999-42.tmp"), "killed mid-save");
        Path olderForm = Files.writeString(dir.resolve("run.npz.8675309.tmp"), "killed mid-save, older jgrad");
        Files.setLastModifiedTime(deadWriter, old);
        Files.setLastModifiedTime(olderForm, old);
        Path fresh = Files.writeString(dir.resolve("run.npz.999999999-43.tmp"), "changed just now");
        Path live = Files.writeString(dir.resolve("run.npz." + ProcessHandle.current().pid() + "-44.tmp"), "ours");
        Files.setLastModifiedTime(live, old);
        Path other = Files.writeString(dir.resolve("other.npz.999999999-45.tmp"), "another file's");
        Files.setLastModifiedTime(other, old);

        Npz.write(file, Map.of("a", Nd4j.zeros(DataType.FLOAT, 2)));

        try (var files = Files.list(dir)) {
            assertEquals(java.util.Set.of(file, fresh, live, other), java.util.Set.copyOf(files.toList()));
        }
    }

    @Test
    void stagingDirectoriesAreNamedLikeTemporaryFilesSoThatTheyAreCleanedUpAlike() throws IOException {
        Path target = dir.resolve("model");
        Path staged = Staging.directory(target);
        assertTrue(staged.getFileName().toString().matches("model\\." + ProcessHandle.current().pid() + "-\\d+\\.tmp"),
                staged.toString());
        assertTrue(Files.isDirectory(staged));
    }

    @Test
    void aWriteThatFailsNamesTheFileAndWhy() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path file = notADirectory.resolve("run.npz");
        IOException e = assertThrows(IOException.class, () -> Npz.write(file, Map.of("a", Nd4j.zeros(DataType.FLOAT, 2))));
        assertTrue(e.getMessage().startsWith("cannot create the directory of " + file + ": "), e.getMessage());
    }

    @Test
    void aMissingFileIsNamedWithWhatFailed() {
        Path file = dir.resolve("none.npz");
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertEquals("cannot read " + file + ": no such file or directory", e.getMessage());
    }

    static void assertRefused(Path file, String fragment) {
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** A .npy entry with a hand-written header dict and {@code dataBytes} zero bytes of data. */
    static byte[] npy(String dict, int dataBytes) {
        String text = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + text.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    Path zip(String entryName, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(entryName);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        Path file = Files.createTempFile(dir, "hostile", ".npz");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    static boolean hasNumpy() {
        try {
            python("import numpy\n");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static String python(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("python3 failed: " + out);
        }
        return out;
    }
}
