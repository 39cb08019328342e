package jgrad.core;

/**
 * Updates an optimizer owes some rows of a {@link Parameter} and applies only when they are needed.
 *
 * <p>An optimizer that updates only the rows of a {@link RowSparseGrad} may leave the other rows behind
 * (SGD with momentum moves every row, every step, even with gradient zero) and register itself with
 * {@link Parameter#deferUpdates}. The parameter then calls {@link #catchUpRows} before a lookup reads
 * rows of its value ({@link Ops#gather}), and {@link #catchUpAll} before anyone reads the whole value
 * ({@link Parameter#value()}), so that every reader sees exactly what the non-deferred update would have
 * produced. The optimizer itself reads {@link Parameter#storedValue()}, which applies nothing.
 */
public interface DeferredUpdates {

    /** Brings these table rows up to date (rows already current, and repeats, are left alone). */
    void catchUpRows(int[] rows);

    /** Brings every row up to date. Cheap when none is behind. */
    void catchUpAll();
}
