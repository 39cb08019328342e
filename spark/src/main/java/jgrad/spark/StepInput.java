package jgrad.spark;

import java.io.Serializable;

/**
 * What every task of one step receives (as one Spark broadcast): the global batch as indices into the
 * data set, and the driver's parameter values as plain arrays.
 */
record StepInput(long[] batch, Object[] values) implements Serializable {}
