package jgrad.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dger;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * c = op(a) op(b) + beta c for matrices: small products go straight to the bundled OpenBLAS
 * ({@code cblas_sgemm}/{@code cblas_dgemm} on the arrays' own memory), large ones through
 * {@code Nd4j.gemm}, which libnd4j hands to oneDNN.
 *
 * <p>Why two paths: oneDNN sets itself up on every call, about 18-20 us, and {@code Nd4j.gemm} builds
 * a custom op with its shape buffers (a few KB of Java garbage a call). Measured by thread CPU time, one
 * thread, on a 2-core Xeon: 128x32x10 took 22.0 us in oneDNN against 1.1 us in OpenBLAS, 128x256x10
 * 33.2 against 7.1, 128x512x256 311 against 212; from about 2^24 multiply-adds on they are even
 * (128x784x512 838 against 810) and oneDNN pulls ahead (64x800x500 355 against 448), and only oneDNN
 * gets the large kernels' extra threads ({@link Threads#large()}).
 *
 * <p>A third path comes first: while {@link Threads#products()} is above 1, a product of at least
 * {@value SharedProducts#SPLIT_LIMIT} multiply-adds that OpenBLAS can read in place is cut into blocks of
 * c's columns or rows, each one one-thread OpenBLAS call, which the calling thread and helper threads take
 * from a shared counter ({@link SharedProducts}); so with two product threads, outside a {@link DataParallel}
 * share (whose thread never splits), no product that OpenBLAS can read in place reaches oneDNN.
 * Cut into blocks, a product repacks its shared operand once per block: at 128x784x512 on one thread,
 * blocks of 64 columns took 1.31x the single call's CPU time, of 128 1.15x, of 256 1.10x, hence blocks of
 * about 128 (evened out to a multiple of 16; {@link SharedProducts#MIN_WIDTH}).
 */
final class Gemm {

    /** Multiply-adds (m n k) up to which OpenBLAS is called directly. */
    static final long DIRECT_LIMIT = 1L << 24;

    /** Reusable pointers per thread: a raw address for JavaCPP, so that a call allocates nothing. */
    private static final ThreadLocal<Pointers> POINTERS = ThreadLocal.withInitial(Pointers::new);

    private Gemm() {}

    /**
     * c = op(a) op(b) + beta c, op transposing when asked; c is [rows of op(a), columns of op(b)] and
     * may not overlap a or b.
     */
    static void gemm(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double beta) {
        long m = c.size(0);
        long n = c.size(1);
        long k = transA ? a.size(0) : a.size(1);
        long multiplyAdds = m * n * k;
        int threads = Threads.products().threads();
        boolean splits = SharedProducts.splits(multiplyAdds, threads);
        // Built once for both OpenBLAS paths: null when OpenBLAS cannot read the arrays in place.
        StridedProduct product = splits || multiplyAdds <= DIRECT_LIMIT
                ? StridedProduct.of(a, transA, b, transB, c, m, n, k, beta) : null;
        if (product == null) {
            Threads.large("gemm", new long[] {m, n, k, transA ? 1 : 0, transB ? 1 : 0},
                    () -> Nd4j.gemm(a, b, c, transA, transB, 1.0, beta));
        } else if (splits) {
            SharedProducts.run(product, threads);
        } else {
            product.run();
        }
    }

    /**
     * c = sum over i of a[i] b[i]^T + beta c, for c-ordered a [batch, m, k], b [batch, n, k] and c [m, n],
     * as one OpenBLAS call per i on the arrays' own memory (no view is built).
     */
    static void sumOfProductsWithTransposes(INDArray a, INDArray b, INDArray c, double beta) {
        DataType type = c.dataType();
        long batch = a.size(0);
        long m = a.size(1);
        long k = a.size(2);
        long n = b.size(1);
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || a.dataType() != type || b.dataType() != type
                || a.rank() != 3 || b.rank() != 3 || b.size(0) != batch || b.size(2) != k || c.rank() != 2
                || c.size(0) != m || c.size(1) != n || !isCompact(a) || !isCompact(b)
                || !isCompact(c) || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("gemm: a sum of products wants c-ordered compact a [batch, m, k], b [batch, n, k]"
                    + " and c [m, n] of one type, got a " + Check.shape(a.shape()) + " " + a.dataType() + ", b "
                    + Check.shape(b.shape()) + " " + b.dataType() + ", c " + Check.shape(c.shape()) + " " + type);
        }
        long width = type.width();
        perItem(a, m * k * width, b, n * k * width, CblasTrans, c, 0, batch, m, n, k, beta, 1.0);
    }

    /**
     * c[i] = a b[i] for every i, for c-ordered compact a [m, k], b [batch, k, n] and c [batch, m, n] of one
     * type, as one OpenBLAS call per i on the arrays' own memory (a convolution's forward over its columns).
     */
    static void productsWithShared(INDArray a, INDArray b, INDArray c) {
        DataType type = c.dataType();
        long batch = b.size(0);
        long m = a.size(0);
        long k = a.size(1);
        long n = b.size(2);
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || a.dataType() != type || b.dataType() != type
                || a.rank() != 2 || b.rank() != 3 || c.rank() != 3 || b.size(1) != k || c.size(0) != batch
                || c.size(1) != m || c.size(2) != n || !isCompact(a) || !isCompact(b) || !isCompact(c)
                || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("gemm: products with a shared matrix want c-ordered compact a [m, k], b [batch, k, n]"
                    + " and c [batch, m, n] of one type, got a " + Check.shape(a.shape()) + " " + a.dataType() + ", b "
                    + Check.shape(b.shape()) + " " + b.dataType() + ", c " + Check.shape(c.shape()) + " " + type);
        }
        long width = type.width();
        perItem(a, 0, b, k * n * width, CblasNoTrans, c, m * n * width, batch, m, n, k, 0.0, 0.0);
    }

    /**
     * For i = 0 .. batch - 1: c_i = a_i op(b_i) + beta c_i, a_i [m, k], op(b_i) [k, n] and c_i [m, n]
     * row-major at the arrays' addresses plus i times the steps (in bytes; 0 reuses one matrix), beta
     * being firstBeta for i = 0 and laterBeta after.
     */
    private static void perItem(INDArray a, long aStep, INDArray b, long bStep, int opB, INDArray c, long cStep, long batch,
            long m, long n, long k, double firstBeta, double laterBeta) {
        Pointers p = POINTERS.get();
        int ldb = (int) (opB == CblasTrans ? k : n);
        for (long i = 0; i < batch; i++) {
            double beta = i == 0 ? firstBeta : laterBeta;
            if (c.dataType() == DataType.FLOAT) {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, opB, (int) m, (int) n, (int) k, 1f,
                        p.floatA.at(RawPointers.addressOf(a) + i * aStep), (int) k,
                        p.floatB.at(RawPointers.addressOf(b) + i * bStep), ldb,
                        (float) beta, p.floatC.at(RawPointers.addressOf(c) + i * cStep), (int) n);
            } else {
                cblas_dgemm(CblasRowMajor, CblasNoTrans, opB, (int) m, (int) n, (int) k, 1.0,
                        p.doubleA.at(RawPointers.addressOf(a) + i * aStep), (int) k,
                        p.doubleB.at(RawPointers.addressOf(b) + i * bStep), ldb,
                        beta, p.doubleC.at(RawPointers.addressOf(c) + i * cStep), (int) n);
            }
        }
    }

    /** Whether an array's elements lie in c order without gaps. */
    static boolean isCompact(INDArray x) {
        long expected = 1;
        for (int d = x.rank() - 1; d >= 0; d--) {
            if (x.size(d) != 1 && x.stride(d) != expected) {
                return false;
            }
            expected *= x.size(d);
        }
        return true;
    }

    /**
     * target = the column sums of a row-major [n, d] matrix, as x^T ones (a bias's gradient), straight
     * in OpenBLAS; false, having done nothing, when the arrays do not qualify.
     *
     * @param ones a contiguous row of at least n ones of the matrix's type
     * @param target d elements with unit stride
     */
    static boolean columnSums(INDArray x, INDArray ones, INDArray target) {
        DataType type = x.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || ones.dataType() != type || target.dataType() != type
                || x.rank() != 2 || x.size(0) == 0 || x.size(1) == 0 || target.length() != x.size(1)
                || target.stride(target.rank() - 1) != 1 || ones.length() < x.size(0)) {
            return false;
        }
        long ld = leadingDimension(x);
        if (ld <= 0 || ld > Integer.MAX_VALUE || x.size(0) > Integer.MAX_VALUE) {
            return false;
        }
        int rows = (int) x.size(0);
        int cols = (int) x.size(1);
        Pointers p = POINTERS.get();
        if (type == DataType.FLOAT) {
            cblas_sgemv(CblasRowMajor, CblasTrans, rows, cols, 1f, p.floatA.at(RawPointers.addressOf(x)), (int) ld,
                    p.floatB.at(RawPointers.addressOf(ones)), 1, 0f, p.floatC.at(RawPointers.addressOf(target)), 1);
        } else {
            cblas_dgemv(CblasRowMajor, CblasTrans, rows, cols, 1.0, p.doubleA.at(RawPointers.addressOf(x)), (int) ld,
                    p.doubleB.at(RawPointers.addressOf(ones)), 1, 0.0, p.doubleC.at(RawPointers.addressOf(target)), 1);
        }
        return true;
    }

    /**
     * matrix[i, :] += row for every row i of a row-major [n, d] matrix, as the rank-1 update
     * matrix += ones row^T (a bias added to a batch), straight in OpenBLAS; false, having done nothing,
     * when the arrays do not qualify.
     *
     * @param row d elements, a vector or a [1, d] matrix
     * @param ones a contiguous row of at least n ones of the matrix's type
     */
    static boolean addToEveryRow(INDArray row, INDArray ones, INDArray matrix) {
        DataType type = matrix.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || row.dataType() != type || ones.dataType() != type
                || matrix.rank() != 2 || matrix.size(0) == 0 || matrix.size(1) == 0 || row.length() != matrix.size(1)
                || row.rank() < 1 || row.rank() > 2 || (row.rank() == 2 && row.size(0) != 1)
                || ones.length() < matrix.size(0) || matrix.size(0) > Integer.MAX_VALUE) {
            return false;
        }
        long ld = leadingDimension(matrix);
        long increment = row.stride(row.rank() - 1);
        if (ld <= 0 || ld > Integer.MAX_VALUE || increment <= 0 || increment > Integer.MAX_VALUE) {
            return false;
        }
        int rows = (int) matrix.size(0);
        int cols = (int) matrix.size(1);
        Pointers p = POINTERS.get();
        if (type == DataType.FLOAT) {
            cblas_sger(CblasRowMajor, rows, cols, 1f, p.floatA.at(RawPointers.addressOf(ones)), 1, p.floatB.at(RawPointers.addressOf(row)), (int) increment,
                    p.floatC.at(RawPointers.addressOf(matrix)), (int) ld);
        } else {
            cblas_dger(CblasRowMajor, rows, cols, 1.0, p.doubleA.at(RawPointers.addressOf(ones)), 1, p.doubleB.at(RawPointers.addressOf(row)), (int) increment,
                    p.doubleC.at(RawPointers.addressOf(matrix)), (int) ld);
        }
        return true;
    }

    /**
     * The leading dimension of a matrix as BLAS reads it: positive for row-major (unit column stride),
     * negative for column-major (unit row stride, e.g. a transpose view), 0 for other layouts.
     */
    static long leadingDimension(INDArray x) {
        long rows = x.size(0);
        long cols = x.size(1);
        long rowStride = x.stride(0);
        long colStride = x.stride(1);
        if (cols == 1 || colStride == 1) {
            long ld = rows == 1 ? cols : rowStride;
            if (ld >= cols) {
                return ld;
            }
        }
        if (rows == 1 || rowStride == 1) {
            long ld = cols == 1 ? rows : colStride;
            if (ld >= rows) {
                return -ld;
            }
        }
        return 0;
    }

    /** This thread's reusable pointers. */
    static Pointers pointers() {
        return POINTERS.get();
    }

    static final class Pointers {
        final RawPointers.Floats floatA = new RawPointers.Floats();
        final RawPointers.Floats floatB = new RawPointers.Floats();
        final RawPointers.Floats floatC = new RawPointers.Floats();
        final RawPointers.Doubles doubleA = new RawPointers.Doubles();
        final RawPointers.Doubles doubleB = new RawPointers.Doubles();
        final RawPointers.Doubles doubleC = new RawPointers.Doubles();
    }
}
