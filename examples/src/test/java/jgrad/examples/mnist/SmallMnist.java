package jgrad.examples.mnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import jgrad.data.DataDirs;
import jgrad.data.Mnist;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A few hundred images for fast tests: the first ones of MNIST's training set when it is cached (no
 * download is ever started), otherwise synthetic digits, where digit k is a bright 7x7 block at a
 * place of its own plus noise.
 *
 * @param images float32 [n, 784] in [0, 1]
 * @param labels int64 [n]
 */
record SmallMnist(INDArray images, INDArray labels, boolean real) {

    private static Mnist cached;

    /** Images [from, from + count) of the training set, or {@code count} synthetic ones drawn from {@code from}. */
    static synchronized SmallMnist of(int from, int count) {
        Path dir = DataDirs.resolve("mnist", null);
        Path images = dir.resolve(Mnist.Split.TRAIN.imagesFile());
        Path labels = dir.resolve(Mnist.Split.TRAIN.labelsFile());
        if (Files.isRegularFile(images) && Files.isRegularFile(labels)) {
            try {
                if (cached == null) {
                    cached = Mnist.read(images, labels, Mnist.Scaling.UNIT);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new SmallMnist(
                    cached.images().get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()).dup('c'),
                    cached.labels().get(NDArrayIndex.interval(from, from + count)).dup('c'), true);
        }
        return synthetic(from, count);
    }

    static SmallMnist synthetic(long seed, int count) {
        Random random = new Random(seed);
        float[] pixels = new float[count * Mnist.PIXELS];
        long[] digits = new long[count];
        for (int i = 0; i < count; i++) {
            int digit = random.nextInt(Mnist.CLASSES);
            digits[i] = digit;
            int top = 3 + (digit / 5) * 12;
            int left = 1 + (digit % 5) * 5;
            for (int p = 0; p < Mnist.PIXELS; p++) {
                int row = p / Mnist.SIDE;
                int column = p % Mnist.SIDE;
                boolean ink = row >= top && row < top + 7 && column >= left && column < left + 7;
                pixels[i * Mnist.PIXELS + p] = (ink ? 0.8f : 0f) + 0.2f * random.nextFloat();
            }
        }
        return new SmallMnist(Nd4j.create(pixels, new long[] {count, Mnist.PIXELS}, 'c'),
                Nd4j.createFromArray(digits).castTo(DataType.INT64), false);
    }
}
