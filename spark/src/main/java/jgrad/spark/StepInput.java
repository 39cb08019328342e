package jgrad.spark;

import java.io.Serializable;

/**
 * What every task of one step receives (as one Spark broadcast): the step number, the global batch as
 * indices into the data set, and the driver's parameter values as plain arrays.
 */
record StepInput(long step, long[] batch, Object[] values) implements Serializable {}
