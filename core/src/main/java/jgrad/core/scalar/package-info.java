/**
 * The scalar engine of the lecture notes: a graph with one node per number.
 *
 * <p>Each {@link jgrad.core.scalar.Node} knows its inputs and keeps its forward and its local derivative
 * side by side. A {@link jgrad.core.scalar.Solver} orders a graph once, without recursion, then
 * evaluates it for given inputs ({@code solve}) and moves its variables against the output errors
 * ({@code fit}). It is the readable baseline that the tensor engine of {@code jgrad.core} is compared with.
 */
package jgrad.core.scalar;
