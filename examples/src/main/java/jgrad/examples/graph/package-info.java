/**
 * {@code jgrad graph}: the lecture notes' backpropagation examples drawn from the tape
 * ({@link jgrad.core.Tape#toDot(java.util.Map)}), through Graphviz when it is installed.
 */
package jgrad.examples.graph;
