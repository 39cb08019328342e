package jgrad.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Reads examples {@code start} to {@code end - 1} of a data set out of a value that every executor holds
 * once ({@link SparkRun#startShared}: a Spark broadcast, so the value crosses the network once per
 * executor, not with every task of every step). Serializable, since it travels to the executors.
 *
 * @param <S> the shared value, e.g. a corpus's ids in flat {@code int[]}s
 * @param <E> one example
 */
@FunctionalInterface
public interface SharedSliceReader<S, E> extends Serializable {
    List<E> read(S shared, long start, long end) throws Exception;
}
