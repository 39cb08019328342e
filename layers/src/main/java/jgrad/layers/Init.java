package jgrad.layers;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a parameter's first value is drawn, from an explicit {@link Random}: the same seed gives the
 * same model, whatever else the program draws from ND4J's global generator.
 *
 * <p>{@code fanIn} and {@code fanOut} are the number of inputs and outputs each unit sees: for a dense
 * weight [in, out] they are in and out; for a convolution weight [outC, inC, kH, kW] they are
 * inC kH kW and outC kH kW.
 *
 * <pre>{@code
 * INDArray w = Init.heNormal().create(new Random(42), DataType.FLOAT, 784, 128, 784, 128);
 * }</pre>
 */
@FunctionalInterface
public interface Init {

    /** A new array of the given type and shape, drawn from {@code rng}, outside any tape. */
    INDArray create(Random rng, DataType type, long fanIn, long fanOut, long... shape);

    /** Glorot (Xavier) uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)); keeps the variance of activations and gradients alike. */
    static Init glorotUniform() {
        return (rng, type, fanIn, fanOut, shape) -> uniform(rng, type, Math.sqrt(6.0 / (fanIn + fanOut)), shape);
    }

    /** Glorot (Xavier) normal: N(0, s^2) with s = sqrt(2 / (fanIn + fanOut)). */
    static Init glorotNormal() {
        return (rng, type, fanIn, fanOut, shape) -> normal(rng, type, Math.sqrt(2.0 / (fanIn + fanOut)), shape);
    }

    /** He (Kaiming) uniform: U(-a, a) with a = sqrt(6 / fanIn); made for ReLU, which zeroes half its inputs. */
    static Init heUniform() {
        return (rng, type, fanIn, fanOut, shape) -> uniform(rng, type, Math.sqrt(6.0 / fanIn), shape);
    }

    /** He (Kaiming) normal: N(0, s^2) with s = sqrt(2 / fanIn). */
    static Init heNormal() {
        return (rng, type, fanIn, fanOut, shape) -> normal(rng, type, Math.sqrt(2.0 / fanIn), shape);
    }

    /** N(0, std^2) whatever the fans: e.g. std 1 for an embedding table. */
    static Init normal(double std) {
        return (rng, type, fanIn, fanOut, shape) -> normal(rng, type, std, shape);
    }

    /** All zeros; draws nothing from the generator. */
    static Init zeros() {
        return constant(0);
    }

    /** Every element equal to {@code value}; draws nothing from the generator. */
    static Init constant(double value) {
        return (rng, type, fanIn, fanOut, shape) -> {
            checkType(type);
            return Nd4j.valueArrayOf(shape, value, type);
        };
    }

    private static INDArray uniform(Random rng, DataType type, double limit, long[] shape) {
        double[] values = new double[length(type, shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * rng.nextDouble() - 1) * limit;
        }
        return Nd4j.createFromArray(values).reshape('c', shape).castTo(type);
    }

    private static INDArray normal(Random rng, DataType type, double std, long[] shape) {
        double[] values = new double[length(type, shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian() * std;
        }
        return Nd4j.createFromArray(values).reshape('c', shape).castTo(type);
    }

    private static int length(DataType type, long[] shape) {
        checkType(type);
        long length = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Init: shape " + java.util.Arrays.toString(shape) + " has a size below 1");
            }
            length *= d;
        }
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Init: shape " + java.util.Arrays.toString(shape) + " has more than 2^31 elements");
        }
        return (int) length;
    }

    private static void checkType(DataType type) {
        if (type == null || !type.isFPType()) {
            throw new IllegalArgumentException("Init: parameters must be floating point, got " + type);
        }
    }
}
