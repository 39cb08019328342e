package jgrad.examples.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.core.Parameter;
import jgrad.data.DataLoader;
import jgrad.data.Mnist;
import jgrad.examples.cli.SparkOptions;
import jgrad.examples.spark.SparkSteps;
import jgrad.spark.ClassifierReplica;
import jgrad.spark.LabeledExample;
import jgrad.spark.ModelFactory;
import jgrad.spark.SliceReader;
import jgrad.spark.SparkRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code mnist --spark}: each step's gradient computed by Spark tasks over the training images, held in
 * an RDD as {@link LabeledExample}s and read where each partition runs ({@link #trainingImages}); the
 * batches, the optimizer, its schedule, the evaluation and the checkpoints stay on the driver, in
 * {@link MnistTrainer}, so the epoch lines are those of a run on one machine.
 */
final class MnistSparkSteps implements MnistTrainer.StepGradients, AutoCloseable {

    final SparkSteps<LabeledExample> steps;

    /** Starts Spark over {@code size} examples in the partitions {@code spark} asks for, each read where it runs by {@code reader}. */
    MnistSparkSteps(SparkOptions spark, int size, SliceReader<LabeledExample> reader, MnistTrainer.Settings settings,
            Map<String, Parameter> named) {
        MnistModel model = settings.model();
        long seed = settings.seed();
        ModelFactory factory = () -> model.create(seed);
        this.steps = new SparkSteps<>(SparkRun.start("jgrad mnist", spark.master(), spark.partitions(), size, reader,
                new ClassifierReplica(factory, DataType.FLOAT), named), "images", named);
    }

    /**
     * Reads training images where a task runs, from the MNIST files in {@code dataDir} (null: the
     * default cache), fetched there if missing: on a cluster every machine needs them.
     */
    static SliceReader<LabeledExample> trainingImages(Path dataDir) {
        String dir = dataDir == null ? null : dataDir.toString();
        return (start, end) -> {
            Mnist train = Mnist.load(dir == null ? null : Path.of(dir), Mnist.Split.TRAIN, Mnist.Scaling.UNIT);
            try (INDArray images = train.images(); INDArray labels = train.labels()) {
                if (end > images.size(0)) {
                    throw new IOException("mnist: the training images here number " + images.size(0) + ", not " + end);
                }
                return examples(images, labels, (int) start, (int) end);
            }
        };
    }

    /** Rows start to end - 1 of images [n, 784] and labels [n] as plain Java objects, one per image. */
    static List<LabeledExample> examples(INDArray images, INDArray labels, int start, int end) {
        // Only the slice is copied out of the off-heap arrays, once.
        float[][] pixels = images.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).toFloatMatrix();
        long[] digits = labels.get(NDArrayIndex.interval(start, end)).toLongVector();
        List<LabeledExample> out = new ArrayList<>(end - start);
        for (int i = 0; i < pixels.length; i++) {
            out.add(new LabeledExample(pixels[i], (int) digits[i]));
        }
        return out;
    }

    @Override
    public double compute(DataLoader.Batch batch) {
        return steps.compute(batch.rows().toLongVector());
    }

    @Override
    public void close() {
        steps.close();
    }
}
