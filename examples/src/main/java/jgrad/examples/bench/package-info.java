/**
 * Pieces of the engine benchmark: the same 784-32-10 MLP (sigmoid hidden layer, softmax cross-entropy,
 * plain SGD) trained by the scalar engine of {@code jgrad.core.scalar} and by the tensor engine of
 * {@code jgrad.core}, from the same {@link jgrad.examples.bench.MlpWeights}, reporting per-step losses and
 * elapsed time. The command line that runs them lives elsewhere.
 */
package jgrad.examples.bench;
