package jgrad.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** transpose, reshape and concat: ops that move elements without computing on them. */
final class Shapes {

    private Shapes() {}

    /** Swaps the two axes of a matrix. The result is a view: no element is copied. */
    static Tensor transpose(Tensor x) {
        Check.rank("transpose", x, 2, "(a matrix)");
        INDArray out = x.value().transpose();
        return Tape.result("transpose", out, (g, y) -> x.addToGrad(g.transpose()), x);
    }

    /** The same elements in row-major order under a new shape; one axis may be -1 (inferred). */
    static Tensor reshape(Tensor x, long... shape) {
        long[] target = resolve(x.shape(), shape);
        INDArray source = x.value();
        INDArray contiguous = source;
        if (source.ordering() != 'c' || !Shape.hasDefaultStridesForShape(source)) {
            contiguous = Tape.allocate(source.dataType(), source.shape());
            contiguous.assign(source);
        }
        INDArray out = contiguous.reshape('c', target);
        long[] original = x.shape();
        return Tape.result("reshape", out, (g, y) -> x.addToGrad(g.reshape('c', original)), x);
    }

    private static long[] resolve(long[] from, long[] to) {
        long length = 1;
        for (long d : from) {
            length *= d;
        }
        long known = 1;
        int inferred = -1;
        for (int i = 0; i < to.length; i++) {
            if (to[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (to[i] <= 0) {
                throw new IllegalArgumentException("reshape: " + Check.shape(from) + " to " + Check.shape(to)
                        + ": sizes must be positive, with at most one -1");
            } else {
                known *= to[i];
            }
        }
        long[] shape = to.clone();
        if (inferred >= 0) {
            if (known == 0 || length % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Check.shape(from) + " (" + length
                        + " elements) to " + Check.shape(to));
            }
            shape[inferred] = length / known;
        } else if (known != length) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Check.shape(from) + " (" + length
                    + " elements) to " + Check.shape(to) + " (" + known + " elements)");
        }
        return shape;
    }

    /** Joins tensors of equal shape but for {@code axis}, along that axis. */
    static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        Tensor first = parts[0];
        int ax = Check.axis("concat", first, axis);
        long[] shape = first.shape().clone();
        shape[ax] = 0;
        for (Tensor part : parts) {
            Check.sameType("concat", first, part);
            long[] s = part.shape();
            if (s.length != shape.length) {
                throw new IllegalArgumentException("concat: parts of rank " + shape.length + " and " + s.length + " ("
                        + Check.shape(first.shape()) + " and " + Check.shape(s) + "); all parts must have the same rank");
            }
            boolean compatible = s.length == shape.length;
            for (int i = 0; compatible && i < s.length; i++) {
                compatible = i == ax || s[i] == shape[i];
            }
            if (!compatible) {
                throw new IllegalArgumentException("concat: along axis " + ax + ", shapes " + Check.shape(first.shape())
                        + " and " + Check.shape(s) + " differ on another axis");
            }
            shape[ax] += s[ax];
        }
        INDArray out = Tape.allocate(first.dataType(), shape);
        long[] offsets = new long[parts.length + 1];
        long outer = Arrays.stream(shape, 0, ax).reduce(1, (a, b) -> a * b);
        long tail = Arrays.stream(shape, ax + 1, shape.length).reduce(1, (a, b) -> a * b);
        long outBlock = shape[ax] * tail;
        for (int i = 0; i < parts.length; i++) {
            offsets[i + 1] = offsets[i] + parts[i].shape()[ax];
            long block = parts[i].shape()[ax] * tail;
            if (!copyBlocks(parts[i].value(), block, 0, out, outBlock, offsets[i] * tail, block, outer)) {
                out.get(slab(shape.length, ax, offsets[i], offsets[i + 1])).assign(parts[i].value());
            }
        }
        return Tape.result("concat", out, (g, y) -> {
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].requiresGrad()) {
                    continue;
                }
                long block = parts[i].shape()[ax] * tail;
                long from = offsets[i] * tail;
                long lo = offsets[i];
                long hi = offsets[i + 1];
                parts[i].accumulateGrad(target -> {
                    if (!copyBlocks(g, outBlock, from, target, block, 0, block, outer)) {
                        target.assign(g.get(slab(shape.length, ax, lo, hi)));
                    }
                });
            }
        }, parts);
    }

    /**
     * Copies {@code outer} blocks of {@code width} elements, block o from element o * fromBlock +
     * fromOffset of {@code from} to o * toBlock + toOffset of {@code to}, for dense row-major arrays of
     * one type; false (nothing copied) when they are not. Concatenation is this copy both ways: ND4J's
     * assign into a strided slab cost a tagger step about 1.5 ms, the loop of row copies a tenth of it.
     */
    private static boolean copyBlocks(INDArray from, long fromBlock, long fromOffset, INDArray to, long toBlock,
            long toOffset, long width, long outer) {
        if (!Elements.supports(from) || !Elements.supports(to) || from.dataType() != to.dataType()) {
            return false;
        }
        Elements source = Elements.of(from);
        Elements target = Elements.of(to);
        for (long o = 0; o < outer; o++) {
            source.copy((int) (o * fromBlock + fromOffset), target, (int) (o * toBlock + toOffset), (int) width);
        }
        return true;
    }

    private static INDArrayIndex[] slab(int rank, int axis, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        Arrays.fill(index, NDArrayIndex.all());
        index[axis] = NDArrayIndex.interval(from, to);
        return index;
    }
}
