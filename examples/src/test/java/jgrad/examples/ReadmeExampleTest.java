package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tape;
import jgrad.core.Tensor;
import jgrad.layers.Dense;
import jgrad.layers.ReLU;
import jgrad.layers.Sequential;
import jgrad.optim.Checkpoint;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The README's "Build, train, save" example, kept compiling and running. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleBuildsTrainsOneStepAndSaves(@TempDir Path dir) throws Exception {
        INDArray images = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 128).muli(10).castTo(DataType.LONG);
        Path file = dir.resolve("model.npz");
        // The snippet prints its loss; the test keeps that line to itself and checks it.
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, Parameter> named;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            named = buildTrainAndSave(images, labels, file);
        } finally {
            System.setOut(stdout);
        }

        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("loss "), printed.toString(StandardCharsets.UTF_8));
        assertTrue(Files.size(file) > 784 * 512 * 4);
        Sequential restored = new Sequential(new Dense(784, 512, 7), new ReLU(), new Dense(512, 10, 8));
        Checkpoint.load(file, restored.namedParameters());
        Parameter weight = restored.namedParameters().get("2.weight");
        assertEquals(named.get("2.weight").value(), weight.value());
    }

    private static Map<String, Parameter> buildTrainAndSave(INDArray images, INDArray labels, Path file) throws IOException {
        // --- README: build, train, save ---
        Sequential model = new Sequential(
                new Dense(784, 512, 1), new ReLU(),
                new Dense(512, 10, 2));
        var named = model.namedParameters();                       // "0.weight", "0.bias", "2.weight", ...
        SGD sgd = SGD.builder(model.parameters(), 0.1)
                .momentum(0.9)
                .weightDecay(1e-4, Optimizer.select(named, name -> !name.endsWith("bias")))
                .build();

        try (Tape tape = Tape.record()) {
            Tensor loss = Ops.crossEntropy(model.forward(Tensor.of(images)), labels);
            tape.backward(loss);
            System.out.println("loss " + loss.item());
        }
        sgd.step();
        sgd.zeroGrad();
        Checkpoint.save(file, named, sgd);                          // one .npz, written atomically
        // --- end ---
        return named;
    }
}
