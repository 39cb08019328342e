package jgrad.core;

import static org.bytedeco.openblas.global.openblas_nolapack.cblas_daxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dscal;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_saxpy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sscal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD's classic momentum step over a parameter's whole array, for an optimizer:
 *
 * <pre>
 *   v = mu * v + grad          (cblas scal, then axpy)
 *   v = v + wd * w             (axpy; only when wd != 0, with the old weights)
 *   w = w - lr * v             (axpy)
 * </pre>
 *
 * <p>The same OpenBLAS calls as one pass of each over the arrays, but run chunk by chunk, each chunk of
 * {@value #CHUNK} elements through all three before the next (its v, grad and w stay in cache between
 * them, so memory is read once instead of three times), and the chunks shared by the threads that share
 * matrix products ({@link Threads#products()}). The chunks start at multiples of {@value #CHUNK}, so the
 * vector kernels meet the same elements as in one call over the array, and every element gets the
 * same bits.
 */
public final class MomentumStep {

    /** Elements per chunk: three float arrays' chunks take 192 KB, within a core's L2 cache. */
    static final int CHUNK = 16_384;

    private MomentumStep() {}

    /**
     * Applies the step to {@code w} and {@code velocity} in place; false, having done nothing, when the
     * arrays are not three compact arrays of one floating type and one length.
     */
    public static boolean apply(INDArray w, INDArray grad, INDArray velocity, double learningRate, double momentum,
            double weightDecay) {
        DataType type = w.dataType();
        long n = w.length();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || grad.dataType() != type || velocity.dataType() != type
                || grad.length() != n || velocity.length() != n || n == 0 || !Gemm.isCompact(w) || !Gemm.isCompact(grad)
                || !Gemm.isCompact(velocity)) {
            return false;
        }
        long width = type.width();
        long wAt = RawPointers.addressOf(w);
        long gAt = RawPointers.addressOf(grad);
        long vAt = RawPointers.addressOf(velocity);
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        int threads = SharedProducts.mayShare() ? Threads.products().threads() : 1;
        SharedProducts.share(chunks, i -> {
            long from = (long) i * CHUNK;
            int length = (int) Math.min(CHUNK, n - from);
            long offset = from * width;
            Gemm.Pointers p = Gemm.pointers();
            if (type == DataType.FLOAT) {
                cblas_sscal(length, (float) momentum, p.floatC.at(vAt + offset), 1);
                cblas_saxpy(length, 1f, p.floatA.at(gAt + offset), 1, p.floatC.at(vAt + offset), 1);
                if (weightDecay != 0) {
                    cblas_saxpy(length, (float) weightDecay, p.floatA.at(wAt + offset), 1, p.floatC.at(vAt + offset), 1);
                }
                cblas_saxpy(length, (float) -learningRate, p.floatA.at(vAt + offset), 1, p.floatC.at(wAt + offset), 1);
            } else {
                cblas_dscal(length, momentum, p.doubleC.at(vAt + offset), 1);
                cblas_daxpy(length, 1.0, p.doubleA.at(gAt + offset), 1, p.doubleC.at(vAt + offset), 1);
                if (weightDecay != 0) {
                    cblas_daxpy(length, weightDecay, p.doubleA.at(wAt + offset), 1, p.doubleC.at(vAt + offset), 1);
                }
                cblas_daxpy(length, -learningRate, p.doubleA.at(vAt + offset), 1, p.doubleC.at(wAt + offset), 1);
            }
        }, threads);
        return true;
    }
}
