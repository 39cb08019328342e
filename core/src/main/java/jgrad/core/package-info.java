/**
 * jgrad's engine: {@link jgrad.core.Tensor}, a value held in an ND4J array, and
 * {@link jgrad.core.Tape}, which records the ops run while it is open and differentiates them in
 * reverse mode.
 *
 * <pre>{@code
 * Tensor w = Tensor.param(Nd4j.randn(DataType.FLOAT, 784, 10));   // requires a gradient
 * Tensor x = Tensor.of(batch);                                     // a constant
 * try (Tape tape = Tape.record()) {
 *     Tensor loss = x.matmul(w).relu().sum();
 *     tape.backward(loss);
 * }
 * INDArray dw = w.grad();       // accumulates across backward calls until w.zeroGrad()
 * }</pre>
 *
 * <p>Each differentiable primitive is a small package-private class with its forward and backward side
 * by side ({@code Arithmetic}, {@code Unary}, {@code MatMul}, {@code Shapes}, {@code Reductions},
 * {@code Extremum}, {@code Softmax}, {@code Gather}, {@code Convolution} with {@code ColumnConvolution},
 * {@code Pooling}, {@code ChainLikelihood}, the fused sentence-level likelihood of a tag chain);
 * {@link jgrad.core.Tensor}
 * and {@link jgrad.core.Ops} are the public surface. Every array an op makes comes from the open
 * tape's step memory ({@code Memory}) and is written by a kernel that is handed its output
 * ({@code Kernels}), so once the pool is warm a training step makes no new result arrays.
 * Small matrix products call the bundled OpenBLAS directly ({@code Gemm}), equal-shape elementwise and
 * scalar kernels libnd4j's native entry points ({@code NativeKernels}), so that a call builds no ND4J op
 * objects. jgrad picks its own threads when its first tensor or tape is made ({@link jgrad.core.Threads},
 * {@link jgrad.core.ThreadChoice}), and {@link jgrad.core.DataParallel} uses the other cores with Java
 * threads instead: replicas of a model each compute a share of the batch on their own tape, and
 * {@link jgrad.core.GradientSum} adds their gradients in a fixed order ({@link jgrad.core.ReplicaChoice}
 * chooses how many, from the multiply-adds per row that a tape counts, {@link jgrad.core.Tape#multiplyAdds};
 * {@code jgrad.layers.Replicas} puts it together for a layer). A tape that is not a replica's shares its
 * large matrix products and SGD's momentum step with helper threads instead ({@code SharedProducts},
 * {@link jgrad.core.ProductChoice}, {@link jgrad.core.MomentumStep}).
 * {@link jgrad.core.GradCheck} compares any function's tape gradients with finite differences.
 *
 * <p>A {@link jgrad.core.Parameter}'s gradient is dense by default. A lookup table can
 * {@linkplain jgrad.core.Parameter#useSparseGrad use sparse gradients}: {@link jgrad.core.Ops#gather}'s
 * backward then leaves a {@link jgrad.core.RowSparseGrad} (the rows used, each once, duplicates
 * summed), which optimizers update row by row; anything else that needs the dense form gets it from
 * {@link jgrad.core.Parameter#grad()}. An optimizer that updates idle rows later registers as the
 * parameter's {@link jgrad.core.DeferredUpdates}, and the parameter brings rows up to date before they
 * are read. {@link jgrad.core.Elements} reads and writes a float32 or float64 array's memory from Java,
 * for such per-row work.
 *
 * <p>Files are written whole: {@link jgrad.core.Staging} makes the temporary file or directory beside a
 * target that a write renames over it, forces it to disk, and deletes what killed writers left behind;
 * {@link jgrad.core.FileErrors} names the file and the reason when a file operation fails.
 */
package jgrad.core;
