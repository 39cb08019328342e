package jgrad.spark;

import java.io.Serializable;

/**
 * What one task sends back: for its share of the global batch, the number of examples, the sum of
 * their losses and the sum of their gradients (plain arrays in the layout's order, {@link SparseRows}
 * for a row-sparse table; null for a parameter that got no gradient, and all null for an empty share),
 * with the task's compute time.
 */
record GradientSum(int partition, int examples, double lossSum, Object[] gradients, long computeNanos)
        implements Serializable {}
