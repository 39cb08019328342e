package jgrad.examples.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.examples.cli.OptionCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jgrad bench ops}: the tape's cost per step for three sizes of work, each a whole step (open a
 * tape, forward, backward, close, zero the gradients): a 4-element add, where the cost is all overhead; a
 * 256x256 matmul; and the 784-32-10 MLP at batch 128. A plain timed loop: warm-up, then several
 * repeats of a fixed time each, and the median, of wall time and of the thread's CPU time. The JMH benchmarks in the {@code benchmarks} module
 * ({@code TapeBenchmarks}) measure the same steps rigorously.
 */
@Command(name = "ops", mixinStandardHelpOptions = true,
        description = "Microseconds per tape step (open, forward, backward, close) for a 4-element add, a 256x256 matmul "
                + "and the 784-32-10 MLP at batch 128: a plain timed loop with warm-up, the median of several repeats, "
                + "in wall time and in the thread's CPU time.",
        footerHeading = "%nFor rigorous figures, the JMH benchmarks of the same steps (TapeBenchmarks), from the repository:%n",
        footer = {
            "  mvn -q -Pbench -pl benchmarks -am package -DskipTests",
            "  java \\",
            "    -cp \"benchmarks/target/jgrad-benchmarks.jar:benchmarks/target/lib/*\" \\",
            "    org.openjdk.jmh.Main%n"})
public final class OpsBenchCommand implements Callable<Integer> {

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "1.0",
            description = "Untimed running per case before measuring (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--repeat-seconds", paramLabel = "S", defaultValue = "0.5",
            description = "Length of each timed repeat (default: ${DEFAULT-VALUE}).")
    double repeatSeconds;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "7",
            description = "Timed repeats per case; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    BenchOptions options;

    /** One timed case: its report key, its description and one step of it. */
    private record Case(String key, String name, Runnable step) {}

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        OptionCheck.inRange("--warmup-seconds", warmupSeconds, 0, BenchOptions.MAX_SECONDS, true);
        OptionCheck.aboveAtMost("--repeat-seconds", repeatSeconds, 0, BenchOptions.MAX_SECONDS);
        OptionCheck.inRange("--repeats", repeats, 1, BenchOptions.MAX_REPEATS, "");
        options.check();
        var backend = options.start(out);
        Map<String, Object> figures = run(out);
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("warmupSeconds", warmupSeconds);
        configuration.put("repeatSeconds", repeatSeconds);
        configuration.put("repeats", repeats);
        options.finish("bench ops", configuration, figures, backend, out);
        return 0;
    }

    /**
     * Times every case, prints a line for each and returns the medians in microseconds by report key:
     * wall time under {@code key}, and the thread CPU time of the same repeats under the key with
     * {@code _microseconds} replaced by {@code _cpu_microseconds} (on a shared machine the wall time also
     * counts the time other processes held the core; the CPU time does not), null where the JVM cannot
     * measure a thread's CPU time.
     */
    Map<String, Object> run(PrintStream out) {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (Case c : cases()) {
            double[][] timed = time(c.step());
            double[] micros = timed[0];
            double median = micros[micros.length / 2];
            double cpu = timed[1][micros.length / 2];
            out.printf(Locale.ROOT, "%-48s %10.2f us  (median of %d; range %.2f to %.2f; thread CPU time %.2f us)%n",
                    c.name() + ":", median, micros.length, micros[0], micros[micros.length - 1], cpu);
            figures.put(c.key(), median);
            // Without thread CPU timing the figure is NaN, which JSON cannot hold: the report says null.
            figures.put(c.key().replace("_microseconds", "_cpu_microseconds"), Double.isNaN(cpu) ? null : cpu);
        }
        return figures;
    }

    /** Sorted microseconds per step, one figure per repeat: wall time, then the thread's CPU time. */
    private double[][] time(Runnable step) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        do {
            step.run();
        } while (System.nanoTime() < warmupEnd);
        double[] micros = new double[repeats];
        double[] cpuMicros = new double[repeats];
        long repeatNanos = (long) (repeatSeconds * 1e9);
        for (int r = 0; r < repeats; r++) {
            long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            long now;
            int steps = 0;
            do {
                step.run();
                steps++;
                now = System.nanoTime();
            } while (now - start < repeatNanos);
            micros[r] = (now - start) / 1e3 / steps;
            cpuMicros[r] = cpuTime ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / steps : Double.NaN;
        }
        Arrays.sort(micros);
        Arrays.sort(cpuMicros);
        return new double[][] {micros, cpuMicros};
    }

    /** The three cases of {@code TapeBenchmarks}, on the same shapes. */
    private static Case[] cases() {
        Nd4j.getRandom().setSeed(1);
        Parameter tinyA = Tensor.param(Nd4j.rand(DataType.FLOAT, 4));
        Tensor tinyB = Tensor.of(Nd4j.rand(DataType.FLOAT, 4));
        Parameter squareA = Tensor.param(Nd4j.rand(DataType.FLOAT, 256, 256));
        Tensor squareB = Tensor.of(Nd4j.rand(DataType.FLOAT, 256, 256));
        Parameter w1 = Tensor.param(Nd4j.randn(DataType.FLOAT, 784, 32).muli(0.05));
        Parameter b1 = Tensor.param(Nd4j.zeros(DataType.FLOAT, 32));
        Parameter w2 = Tensor.param(Nd4j.randn(DataType.FLOAT, 32, 10).muli(0.05));
        Parameter b2 = Tensor.param(Nd4j.zeros(DataType.FLOAT, 10));
        Tensor images = Tensor.of(Nd4j.rand(DataType.FLOAT, 128, 784));
        INDArray labels = Nd4j.rand(DataType.FLOAT, 128).muli(10).castTo(DataType.LONG);
        return new Case[] {
            new Case("tiny_add_microseconds", "4-element add, forward + backward", () -> {
                try (Tape tape = Tape.record()) {
                    tape.backward(tinyA.add(tinyB), null);
                }
                tinyA.zeroGrad();
            }),
            new Case("matmul256_microseconds", "256x256 matmul, forward + backward", () -> {
                try (Tape tape = Tape.record()) {
                    tape.backward(squareA.matmul(squareB), null);
                }
                squareA.zeroGrad();
            }),
            new Case("mlp_batch128_microseconds", "784-32-10 MLP at batch 128, forward + backward", () -> {
                try (Tape tape = Tape.record()) {
                    Tensor hidden = images.matmul(w1).add(b1).sigmoid();
                    tape.backward(Ops.crossEntropy(hidden.matmul(w2).add(b2), labels));
                }
                for (Parameter p : new Parameter[] {w1, b1, w2, b2}) {
                    p.zeroGrad();
                }
            }),
        };
    }
}
