/**
 * The smallest examples of the tensor engine: a 2-2-1 network learning XOR and a line fitted to three
 * points, each with plain gradient descent written out.
 */
package jgrad.examples.basics;
