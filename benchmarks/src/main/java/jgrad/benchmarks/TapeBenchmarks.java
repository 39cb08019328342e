package jgrad.benchmarks;

import java.util.concurrent.TimeUnit;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tape's cost per op: each benchmark is one step (open a tape, run the forward, backward, close),
 * so the figure includes recording, step memory and the backward walk, not just the ND4J kernels.
 *
 * <pre>
 * mvn -q -Pbench -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/jgrad-benchmarks.jar:benchmarks/target/lib/*" org.openjdk.jmh.Main
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TapeBenchmarks {

    private Parameter tinyA;
    private Tensor tinyB;
    private Parameter squareA;
    private Tensor squareB;
    private Parameter w1;
    private Parameter b1;
    private Parameter w2;
    private Parameter b2;
    private Tensor images;
    private INDArray labels;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(1);
        tinyA = Tensor.param(Nd4j.rand(DataType.FLOAT, 4));
        tinyB = Tensor.of(Nd4j.rand(DataType.FLOAT, 4));
        squareA = Tensor.param(Nd4j.rand(DataType.FLOAT, 256, 256));
        squareB = Tensor.of(Nd4j.rand(DataType.FLOAT, 256, 256));
        // The MLP of the tensor-versus-scalar benchmark: 784-32-10, sigmoid hidden units, batch 128.
        w1 = Tensor.param(Nd4j.randn(DataType.FLOAT, 784, 32).muli(0.05));
        b1 = Tensor.param(Nd4j.zeros(DataType.FLOAT, 32));
        w2 = Tensor.param(Nd4j.randn(DataType.FLOAT, 32, 10).muli(0.05));
        b2 = Tensor.param(Nd4j.zeros(DataType.FLOAT, 10));
        images = Tensor.of(Nd4j.rand(DataType.FLOAT, 128, 784));
        labels = Nd4j.rand(DataType.FLOAT, 128).muli(10).castTo(DataType.LONG);
    }

    /** A 4-element add, recorded and back-propagated: the fixed cost of one op on the tape. */
    @Benchmark
    public double tinyAddForwardBackward() {
        try (Tape tape = Tape.record()) {
            Tensor sum = tinyA.add(tinyB);
            tape.backward(sum, null);
        }
        tinyA.zeroGrad();
        return 0;
    }

    /** A 256x256 matmul forward and backward: one gemm forward, one for the parameter's gradient. */
    @Benchmark
    public double matmul256ForwardBackward() {
        try (Tape tape = Tape.record()) {
            Tensor product = squareA.matmul(squareB);
            tape.backward(product, null);
        }
        squareA.zeroGrad();
        return 0;
    }

    /** One forward and backward of the 784-32-10 MLP with softmax cross-entropy on 128 images. */
    @Benchmark
    public double mlpStep() {
        double loss;
        try (Tape tape = Tape.record()) {
            Tensor hidden = images.matmul(w1).add(b1).sigmoid();
            Tensor logits = hidden.matmul(w2).add(b2);
            Tensor crossEntropy = Ops.crossEntropy(logits, labels);
            tape.backward(crossEntropy);
            loss = crossEntropy.item();
        }
        for (Parameter p : new Parameter[] {w1, b1, w2, b2}) {
            p.zeroGrad();
        }
        return loss;
    }
}
