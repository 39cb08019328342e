/**
 * The {@code jgrad} command line ({@link jgrad.examples.Main}) and the example programs it runs: the
 * basics ({@code xor}, {@code line}), MNIST, the part-of-speech tagger, the language model ({@code lm}),
 * word vectors from a ranking language model ({@code embeddings}),
 * benchmarks, and {@code graph},
 * which draws the lecture notes' examples from the tape.
 */
package jgrad.examples;
