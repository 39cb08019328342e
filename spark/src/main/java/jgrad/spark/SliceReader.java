package jgrad.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Reads examples {@code start} to {@code end - 1} of a data set where a task runs (from files on that
 * machine, a database, a generator): the way to fill an RDD whose partitions are described by a range
 * alone. Serializable, since it travels to the executors.
 */
@FunctionalInterface
public interface SliceReader<E> extends Serializable {
    List<E> read(long start, long end) throws Exception;
}
