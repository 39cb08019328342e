package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    private static final INDArray ARRAY = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});

    private static byte[] file(INDArray a) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(Npy.header(a));
        Npy.writeData(a, bytes);
        return bytes.toByteArray();
    }

    @Test
    void dataWrittenIsReadBackAndItsCrcIsThatOfTheBytes() throws Exception {
        byte[] file = file(ARRAY);
        InputStream in = new ByteArrayInputStream(file);

        Npy.Header header = Npy.readHeader(in, "test");
        INDArray read = Npy.readData(in, header, "test");

        assertEquals(ARRAY, read);
        CRC32 expected = new CRC32();
        expected.update(file, (int) header.headerBytes(), file.length - (int) header.headerBytes());
        CRC32 crc = new CRC32();
        Npy.crc(ARRAY, crc);
        assertEquals(expected.getValue(), crc.getValue());
    }

    @Test
    void truncatedDataIsRefusedWithTheBytesAnnouncedAndFound() throws Exception {
        byte[] file = file(ARRAY);
        InputStream in = new ByteArrayInputStream(Arrays.copyOf(file, file.length - 16));
        Npy.Header header = Npy.readHeader(in, "test");

        EOFException e = assertThrows(EOFException.class, () -> Npy.readData(in, header, "test"));

        assertTrue(e.getMessage().contains("the header announces 48 bytes of data, the entry ends after 32"), e.getMessage());
    }

    @Test
    void emptyArrayHasNoData() throws Exception {
        INDArray empty = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 3);
        byte[] file = file(empty);

        assertArrayEquals(Npy.header(empty), file);
    }
}
