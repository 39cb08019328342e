package jgrad.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The matrix product of two rank-2 tensors. Forward and backward are BLAS gemm calls ({@link Gemm})
 * writing into their destination (the backward adds into the gradient with beta = 1), never into a
 * fresh array: on 2 cores a 256x256 product into a given buffer takes 0.27 ms against 2.0 ms for
 * {@code mmul}.
 */
final class MatMul {

    private MatMul() {}

    static Tensor matmul(Tensor a, Tensor b) {
        Check.sameType("matmul", a, b);
        long[] sa = a.shape();
        long[] sb = b.shape();
        if (sa.length != 2 || sb.length != 2) {
            throw new IllegalArgumentException("matmul: " + Check.shape(sa) + " x " + Check.shape(sb)
                    + ": both operands must be matrices (rank 2); reshape vectors to [1, n] or [n, 1]");
        }
        if (sa[1] != sb[0]) {
            throw new IllegalArgumentException("matmul: " + Check.shape(sa) + " x " + Check.shape(sb)
                    + ": inner dimensions " + sa[1] + " and " + sb[0] + " differ");
        }
        INDArray out = Tape.allocate(a.dataType(), sa[0], sb[1]);
        Gemm.gemm(a.value(), false, b.value(), false, out, 0.0);
        Tensor product = Tape.result("matmul", out, (g, y) -> {
            // dA = g B^T, dB = A^T g
            a.accumulateGrad((t, acc) -> Gemm.gemm(g, false, b.value(), true, t, acc ? 1.0 : 0.0));
            b.accumulateGrad((t, acc) -> Gemm.gemm(a.value(), true, g, false, t, acc ? 1.0 : 0.0));
        }, a, b);
        Tape.countMultiplyAdds(product, sa[0] * sa[1] * sb[1]);
        return product;
    }
}
