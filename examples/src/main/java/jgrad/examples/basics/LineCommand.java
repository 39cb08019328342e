package jgrad.examples.basics;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.examples.cli.TrainingOptions;
import jgrad.examples.report.TrainingReport;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad line}: fits y = w x + b to the points (1, 0), (5, 16), (6, 20) by gradient descent on
 * the squared-error cost sum((w x + b - y)^2), with the tensor engine.
 *
 * <p>From w = b = 2 the cost is 68 and its gradient (-104, -12); the points lie on y = 4x - 4, so the
 * cost goes to 0. The cost's curvature is 2 [[sum x^2, sum x], [sum x, n]] = [[124, 24], [24, 6]], whose
 * largest eigenvalue (about 129) makes gradient descent diverge above a learning rate of about 0.0155.
 * Tensors are float64 so the cost can be driven far below float32's resolution. The seed only matters
 * with {@code --random-start}: the lecture's example always starts from w = b = 2.
 */
@Command(name = "line", mixinStandardHelpOptions = true,
        description = "Fit y = w x + b to (1, 0), (5, 16), (6, 20) by gradient descent; converges to y = 4x - 4.")
public final class LineCommand implements Callable<Integer> {

    private static final double[] XS = {1, 5, 6};
    private static final double[] YS = {0, 16, 20};

    @Option(names = "--epochs", defaultValue = "2000", description = "Gradient steps (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.01",
            description = "Learning rate; above about 0.0155 the descent diverges (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--random-start", description = "Start from random w and b in [-5, 5) instead of w = b = 2.")
    boolean randomStart;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random start (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--print-every", paramLabel = "N", defaultValue = "200",
            description = "Print (and report) the cost at the first and last epoch and every N epochs (default: ${DEFAULT-VALUE}).")
    int printEvery;

    @Mixin
    TrainingOptions training;

    /** The fitted line and the cost before the first step and after the last. */
    public record Result(double w, double b, double initialCost, double finalCost) {}

    @Override
    public Integer call() {
        PrintStream out = System.out;
        FullBatchRun.checkOptions(epochs, printEvery, learningRate);
        String title = "y = w x + b through (1, 0), (5, 16), (6, 20): " + epochs + " epochs of gradient descent, lr "
                + TrainingReport.setting(learningRate) + (randomStart ? ", random start (seed " + seed + ")" : ", from w = b = 2");
        training.run(new TrainingReport("line", title, TrainingReport.TRAIN, configuration()), new PrintWriter(out, true),
                report -> train(out, report));
        return 0;
    }

    /** The settings, for the report. */
    Map<String, Object> configuration() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("epochs", epochs);
        configuration.put("learningRate", learningRate);
        configuration.put("randomStart", randomStart);
        configuration.put("seed", seed);
        configuration.put("cost", "sum of squared errors over (1, 0), (5, 16), (6, 20)");
        return configuration;
    }

    /**
     * Runs gradient descent, printing the cost every {@code printEvery} epochs, and returns the line.
     *
     * @throws jgrad.examples.cli.BadOptionException if an option is out of range
     * @throws ArithmeticException if the cost stops being finite (the learning rate is too large)
     */
    public Result train(PrintStream out, TrainingReport report) {
        FullBatchRun run = new FullBatchRun(epochs, printEvery, learningRate, XS.length);
        java.util.Random random = new java.util.Random(seed);
        double w0 = randomStart ? 10 * random.nextDouble() - 5 : 2;
        double b0 = randomStart ? 10 * random.nextDouble() - 5 : 2;
        Parameter w = Tensor.param(Nd4j.createFromArray(new double[] {w0}));
        Parameter b = Tensor.param(Nd4j.createFromArray(new double[] {b0}));
        Tensor x = Tensor.of(Nd4j.createFromArray(XS));
        Tensor y = Tensor.of(Nd4j.createFromArray(YS));

        double initialCost = Double.NaN;
        double cost = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            try (Tape tape = Tape.record()) {
                Tensor error = x.mul(w).add(b).sub(y);
                Tensor c = error.mul(error).sum();
                tape.backward(c);
                cost = c.item();
            }
            if (!Double.isFinite(cost)) {
                throw new ArithmeticException("line: the cost became " + cost + " at epoch " + epoch
                        + "; the learning rate " + learningRate + " is too large (keep it below about 0.0155)");
            }
            if (run.reports(epoch)) {
                // The cost and the line printed are those before this epoch's step; a fit has no accuracy.
                report.add(run.metrics(epoch, cost, Double.NaN));
                out.printf(Locale.ROOT, "epoch %6d  cost %.6g  %s%n",
                        epoch, cost, line(w.value().getDouble(0), b.value().getDouble(0)));
            }
            if (epoch == 1) {
                initialCost = cost;
                out.printf(Locale.ROOT, "       gradient at the start (%.4g, %.4g)%n", w.grad().getDouble(0), b.grad().getDouble(0));
            }
            for (Parameter p : new Parameter[] {w, b}) {
                // Plain gradient descent, in place: p -= learningRate * grad.
                p.value().subi(p.grad().mul(learningRate));
                p.zeroGrad();
            }
        }
        Result result = new Result(w.value().getDouble(0), b.value().getDouble(0), initialCost, cost);
        out.println("fitted  " + line(result.w(), result.b()) + "  (the points lie on y = 4 x - 4)");
        return result;
    }

    /** y = w x + b written as a person would, e.g. {@code y = 4.0000 x - 4.0000}. */
    static String line(double w, double b) {
        // Fixed point reads best near the answer; a diverging run needs the exponent.
        String number = Math.abs(w) < 1e6 && Math.abs(b) < 1e6 ? "%.4f" : "%.4g";
        return String.format(Locale.ROOT, "y = " + number + " x %s " + number, w, b < 0 ? "-" : "+", Math.abs(b));
    }
}
