package jgrad.examples.basics;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.examples.cli.TrainingOptions;
import jgrad.examples.report.TrainingReport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad xor}: a 2-2-1 sigmoid network learns XOR with the tensor engine and plain gradient descent.
 *
 * <p>Shapes: inputs x [4, 2], hidden h = sigmoid(x w1 + b1) [4, 2] with w1 [2, 2] and b1 [1, 2], output
 * y = sigmoid(h w2 + b2) [4, 1] with w2 [2, 1] and b2 [1, 1]; the loss is the mean squared error against
 * the targets [4, 1]. Each epoch is one full-batch step {@code p -= learningRate * dLoss/dp}, in place.
 *
 * <p>A 2-2-1 network has local minima: from weights drawn uniformly in [-1, 1), seeds 1, 4, 5, 6, 9 and
 * 10 learn XOR in 5000 epochs, while 2, 3, 7 and 8 settle with one or two inputs wrong (loss near 0.125
 * or 0.167), with mean squared error as with cross-entropy. The default seed is one that learns.
 */
@Command(name = "xor", mixinStandardHelpOptions = true,
        description = "Train a 2-2-1 sigmoid network on XOR with the tensor engine and plain gradient descent.")
public final class XorCommand implements Callable<Integer> {

    private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[] TARGETS = {0, 1, 1, 0};

    @Option(names = "--epochs", defaultValue = "5000", description = "Full-batch gradient steps (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "2.0",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--print-every", paramLabel = "N", defaultValue = "500",
            description = "Print (and report) the loss at the first and last epoch and every N epochs (default: ${DEFAULT-VALUE}).")
    int printEvery;

    @Mixin
    TrainingOptions training;

    /** The trained network's outputs for the four inputs, in the order 00, 01, 10, 11, and the last loss. */
    public record Result(double[] outputs, double finalLoss) {}

    @Override
    public Integer call() {
        PrintStream out = System.out;
        FullBatchRun.checkOptions(epochs, printEvery, learningRate);
        String title = "XOR, 2-2-1 sigmoid network: " + epochs + " epochs of full-batch gradient descent, lr "
                + TrainingReport.setting(learningRate) + ", seed " + seed;
        training.run(new TrainingReport("xor", title, TrainingReport.TRAIN, configuration()), new PrintWriter(out, true),
                report -> train(out, report));
        return 0;
    }

    /** The settings, for the report. */
    Map<String, Object> configuration() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("epochs", epochs);
        configuration.put("learningRate", learningRate);
        configuration.put("seed", seed);
        configuration.put("network", "2-2-1 sigmoid, mean squared error, full-batch gradient descent");
        return configuration;
    }

    /**
     * Trains from the seeded initial weights, printing the loss every {@code printEvery} epochs, and
     * prints and returns the outputs for the four inputs.
     *
     * @throws jgrad.examples.cli.BadOptionException if an option is out of range
     */
    public Result train(PrintStream out, TrainingReport report) {
        FullBatchRun run = new FullBatchRun(epochs, printEvery, learningRate, INPUTS.length);
        Random random = new Random(seed);
        Parameter w1 = Tensor.param(uniform(random, 2, 2));
        Parameter b1 = Tensor.param(uniform(random, 1, 2));
        Parameter w2 = Tensor.param(uniform(random, 2, 1));
        Parameter b2 = Tensor.param(uniform(random, 1, 1));
        Parameter[] parameters = {w1, b1, w2, b2};
        Tensor x = Tensor.of(Nd4j.createFromArray(INPUTS));
        Tensor target = Tensor.of(Nd4j.create(TARGETS, new long[] {4, 1}, DataType.DOUBLE));

        double loss = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double accuracy;
            try (Tape tape = Tape.record()) {
                Tensor y = forward(x, w1, b1, w2, b2);
                Tensor cost = Ops.mse(y, target);
                tape.backward(cost);
                loss = cost.item();
                accuracy = accuracy(y.value());
            }
            for (Parameter p : parameters) {
                // Plain SGD, in place: p -= learningRate * grad.
                p.value().subi(p.grad().mul(learningRate));
                p.zeroGrad();
            }
            if (run.reports(epoch)) {
                report.add(run.metrics(epoch, loss, accuracy));
                out.printf(Locale.ROOT, "epoch %6d  loss %.6f  accuracy %.2f%n", epoch, loss, accuracy);
            }
        }

        double[] outputs;
        try (Tape scope = Tape.noGrad()) {
            outputs = forward(x, w1, b1, w2, b2).value().dup().data().asDouble();
        }
        for (int i = 0; i < INPUTS.length; i++) {
            out.printf(Locale.ROOT, "%.0f xor %.0f -> %.4f (target %.0f)%n",
                    INPUTS[i][0], INPUTS[i][1], outputs[i], TARGETS[i]);
        }
        return new Result(outputs, loss);
    }

    private static Tensor forward(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        Tensor hidden = x.matmul(w1).add(b1).sigmoid();
        return hidden.matmul(w2).add(b2).sigmoid();
    }

    /** The fraction of the four outputs on the target's side of 0.5. */
    private static double accuracy(INDArray outputs) {
        int correct = 0;
        for (int i = 0; i < TARGETS.length; i++) {
            if ((outputs.getDouble(i) > 0.5) == (TARGETS[i] > 0.5)) {
                correct++;
            }
        }
        return correct / (double) TARGETS.length;
    }

    /** A float64 matrix of uniform values in [-1, 1), from our own generator so a seed means the same weights everywhere. */
    private static INDArray uniform(Random random, int rows, int columns) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = 2 * random.nextDouble() - 1;
            }
        }
        return Nd4j.createFromArray(values);
    }
}
