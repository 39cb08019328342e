/**
 * Layers: {@link jgrad.layers.Layer}s that hold named parameters and compose the ops of
 * {@code jgrad.core} in their forward, so that the tape differentiates them; no layer has a backward
 * of its own.
 *
 * <pre>{@code
 * Layer model = new Sequential(new Dense(784, 128, 1), new ReLU(), new Dropout(0.2, 2), new Dense(128, 10, 3));
 * try (Tape tape = Tape.record()) {
 *     Tensor loss = Ops.crossEntropy(model.forward(Tensor.of(images)), labels);
 *     tape.backward(loss);   // every parameter in model.parameters() now has its gradient
 * }
 * }</pre>
 *
 * <p>Parameters are {@link jgrad.core.Parameter}s made outside any tape and live as long as the model.
 * Each layer draws its first values by an {@link jgrad.layers.Init} from an explicit
 * {@link java.util.Random}, so the same seeds give the same model. Layers are float32 unless built with
 * another type; float64 layers serve gradient checks. Each layer's Javadoc gives its input and output
 * shapes, and each rejects an input of the wrong shape with a message naming both shapes.
 *
 * <p>An {@link jgrad.layers.Embedding} chooses the form of its table's gradient: dense (the default) or
 * row-sparse ({@link jgrad.layers.Embedding#sparseGrad}), which SGD updates at the cost of the rows a
 * step used instead of the whole table.
 *
 * <p>A {@link jgrad.layers.CharacterConvolution} turns each word's characters into one vector (character
 * vectors, a convolution over windows of characters, a max over the positions), as CharWNN does for
 * words a tagger never saw.
 *
 * <p>Every layer can build a {@linkplain jgrad.layers.Layer#replica replica} of itself, whose parameters
 * read its values in place with gradients of their own, and {@link jgrad.layers.Replicas} trains a model
 * data-parallel on the cores with them, with a count chosen from the multiply-adds its first step
 * measured: {@code try (var parallel = Replicas.of(model)) { parallel.gradients(rows, (replica, from, to)
 * -> lossOf(replica, from, to)); optimizer.step(); ... }}. A layer of one's own implements
 * {@link jgrad.layers.Layer#newReplica} to take part ({@link jgrad.layers.Replication}).
 *
 * <p>A {@link jgrad.layers.LinearChain} adds learned tag-transition and start scores to per-word
 * scores: its loss is the sentence-level log-likelihood of Collobert et al. (2011) and its
 * {@link jgrad.layers.LinearChain#decode} the Viterbi path.
 */
package jgrad.layers;
