package jgrad.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One product c = op(a) op(b) + beta c as OpenBLAS reads it on the arrays' own memory (addresses,
 * row-major ops and leading dimensions), so that any block of c's rows or columns can be computed by
 * one {@code cblas_sgemm}/{@code cblas_dgemm} call at offset addresses, on any thread.
 *
 * <p>Block [r0, r1) x [c0, c1) of c reads rows r0 to r1 of op(a) and columns c0 to c1 of op(b): in a
 * row-major matrix a row i starts i ld elements in and a column j starts j elements in, and a transposed
 * operand swaps the two.
 */
final class StridedProduct {

    private final boolean isFloat;
    private final int opA;
    private final int opB;
    final int m;
    final int n;
    final int k;
    private final long a;
    private final long b;
    private final long c;
    private final int lda;
    private final int ldb;
    private final int ldc;
    private final double beta;
    private final long width;

    private StridedProduct(boolean isFloat, int opA, int opB, int m, int n, int k, long a, long b, long c, int lda,
            int ldb, int ldc, double beta) {
        this.isFloat = isFloat;
        this.opA = opA;
        this.opB = opB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.b = b;
        this.c = c;
        this.lda = lda;
        this.ldb = ldb;
        this.ldc = ldc;
        this.beta = beta;
        this.width = isFloat ? Float.BYTES : Double.BYTES;
    }

    /**
     * The product c = op(a) op(b) + beta c with c [m, n] and inner size k, or null when OpenBLAS cannot
     * read one of the arrays in place (another type, a layout with no unit stride, an empty dimension).
     */
    static StridedProduct of(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, long m, long n, long k,
            double beta) {
        DataType type = c.dataType();
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || a.dataType() != type || b.dataType() != type
                || a.rank() != 2 || b.rank() != 2 || c.rank() != 2 || m == 0 || n == 0 || k == 0
                || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE) {
            return null;
        }
        long lda = Gemm.leadingDimension(a);
        long ldb = Gemm.leadingDimension(b);
        long ldc = Gemm.leadingDimension(c);
        if (lda == 0 || ldb == 0 || ldc <= 0 || Math.max(Math.abs(lda), Math.max(Math.abs(ldb), ldc)) > Integer.MAX_VALUE) {
            return null;
        }
        // A column-major operand is the row-major transpose: flip its op.
        int opA = (transA != lda < 0) ? CblasTrans : CblasNoTrans;
        int opB = (transB != ldb < 0) ? CblasTrans : CblasNoTrans;
        return new StridedProduct(type == DataType.FLOAT, opA, opB, (int) m, (int) n, (int) k, RawPointers.addressOf(a),
                RawPointers.addressOf(b), RawPointers.addressOf(c), (int) Math.abs(lda), (int) Math.abs(ldb), (int) ldc,
                beta);
    }

    /** Multiply-adds of the whole product. */
    long multiplyAdds() {
        return (long) m * n * k;
    }

    /** c = the whole product, in one call. */
    void run() {
        run(0, m, 0, n);
    }

    /** c[rowFrom..rowTo, colFrom..colTo] = that block of the product, in one call on this thread. */
    void run(int rowFrom, int rowTo, int colFrom, int colTo) {
        long aAt = a + (opA == CblasTrans ? rowFrom : (long) rowFrom * lda) * width;
        long bAt = b + (opB == CblasTrans ? (long) colFrom * ldb : colFrom) * width;
        long cAt = c + ((long) rowFrom * ldc + colFrom) * width;
        Gemm.Pointers p = Gemm.pointers();
        if (isFloat) {
            cblas_sgemm(CblasRowMajor, opA, opB, rowTo - rowFrom, colTo - colFrom, k, 1f, p.floatA.at(aAt), lda,
                    p.floatB.at(bAt), ldb, (float) beta, p.floatC.at(cAt), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, opA, opB, rowTo - rowFrom, colTo - colFrom, k, 1.0, p.doubleA.at(aAt), lda,
                    p.doubleB.at(bAt), ldb, beta, p.doubleC.at(cAt), ldc);
        }
    }
}
