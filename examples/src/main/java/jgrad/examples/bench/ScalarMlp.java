package jgrad.examples.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.core.scalar.Add;
import jgrad.core.scalar.Constant;
import jgrad.core.scalar.Multiply;
import jgrad.core.scalar.Node;
import jgrad.core.scalar.Sigmoid;
import jgrad.core.scalar.Solver;
import jgrad.core.scalar.Variable;

/**
 * The benchmark MLP on the scalar engine: one graph node per weight, product, sum and activation
 * (about 51,000 nodes for 784-32-10), trained by SGD one image at a time.
 *
 * <p>The graph's outputs are the logits. Softmax cross-entropy is computed from them in plain Java,
 * and its gradient with respect to the logits, softmax - onehot, is handed to {@link Solver#fit} as the
 * error {@code onehot - softmax} ("target - output"), so that fit's step {@code w += rate * error * d
 * logit / d w} is exactly {@code w -= rate * d loss / d w}.
 */
public final class ScalarMlp {

    private final MlpWeights initial;
    private final Solver solver;
    /** Where pixel i goes in the solver's input array. */
    private final int[] slotOfPixel;

    public ScalarMlp(MlpWeights weights) {
        this.initial = weights;
        int inputs = weights.inputs();
        int hidden = weights.hidden();
        int classes = weights.classes();
        Map<String, Double> values = new HashMap<>();
        Constant[] pixels = new Constant[inputs];
        for (int i = 0; i < inputs; i++) {
            pixels[i] = new Constant("x" + i);
        }
        Node[] hiddenLayer = new Node[hidden];
        for (int j = 0; j < hidden; j++) {
            Node[] terms = new Node[inputs + 1];
            for (int i = 0; i < inputs; i++) {
                terms[i] = new Multiply("x" + i + "*w1[" + i + "][" + j + "]", pixels[i], variable("w1[" + i + "][" + j + "]",
                        weights.w1()[i][j], values));
            }
            terms[inputs] = variable("b1[" + j + "]", weights.b1()[j], values);
            hiddenLayer[j] = new Sigmoid("h" + j, new Add("z1[" + j + "]", terms));
        }
        List<Node> logits = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            Node[] terms = new Node[hidden + 1];
            for (int j = 0; j < hidden; j++) {
                terms[j] = new Multiply("h" + j + "*w2[" + j + "][" + k + "]", hiddenLayer[j],
                        variable("w2[" + j + "][" + k + "]", weights.w2()[j][k], values));
            }
            terms[hidden] = variable("b2[" + k + "]", weights.b2()[k], values);
            logits.add(new Add("logit" + k, terms));
        }
        this.solver = new Solver(logits, values);
        List<String> inputIds = solver.inputIds();
        this.slotOfPixel = new int[inputs];
        for (int i = 0; i < inputs; i++) {
            slotOfPixel[i] = inputIds.indexOf(pixels[i].id());
        }
    }

    private static Variable variable(String id, float value, Map<String, Double> values) {
        values.put(id, (double) value);
        return new Variable(id);
    }

    /** The number of nodes in the graph. */
    public int size() {
        return solver.size();
    }

    /**
     * Runs {@code steps} SGD steps of batch size 1 over the images in order (wrapping around), each
     * loss measured before its step's update. Continues from the weights left by earlier calls.
     *
     * @param images pixel values in [0, 1], {@code inputs} per image
     * @param labels the class of each image
     */
    public TrainingRun train(float[][] images, int[] labels, int steps, double learningRate) {
        initial.checkData("ScalarMlp", images, labels);
        double[] input = new double[slotOfPixel.length];
        double[] errors = new double[initial.classes()];
        double[] losses = new double[steps];
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            int example = step % images.length;
            float[] image = images[example];
            for (int i = 0; i < image.length; i++) {
                input[slotOfPixel[i]] = image[i];
            }
            solver.solve(input);
            losses[step] = softmaxCrossEntropy(solver.outputValues(), labels[example], errors);
            solver.fit(errors, learningRate);
        }
        return new TrainingRun("scalar engine, batch 1", losses, System.nanoTime() - start);
    }

    /**
     * -log softmax(logits)[label], computed as logsumexp(logits) - logits[label] after subtracting the
     * largest logit so that exp cannot overflow; writes onehot(label) - softmax(logits) into {@code errors}.
     */
    static double softmaxCrossEntropy(double[] logits, int label, double[] errors) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (double z : logits) {
            sum += Math.exp(z - max);
        }
        double logSum = Math.log(sum) + max;
        for (int k = 0; k < logits.length; k++) {
            errors[k] = (k == label ? 1 : 0) - Math.exp(logits[k] - logSum);
        }
        return logSum - logits[label];
    }
}
