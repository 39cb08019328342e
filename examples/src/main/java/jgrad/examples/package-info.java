/**
 * The {@code jgrad} command line ({@link jgrad.examples.Main}) and the example programs it runs: the
 * basics ({@code xor}, {@code line}) and, later, MNIST, the part-of-speech tagger and benchmarks.
 */
package jgrad.examples;
