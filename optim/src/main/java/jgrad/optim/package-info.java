/**
 * Optimizers over {@link jgrad.core.Parameter}s, learning-rate schedules, gradient clipping and
 * checkpoints.
 *
 * <p>An {@link jgrad.optim.Optimizer} ({@link jgrad.optim.SGD}, {@link jgrad.optim.Adam},
 * {@link jgrad.optim.AdamW}) updates its parameters in place from their gradients; its state lives as long
 * as the model and a step allocates no array. A schedule ({@link jgrad.optim.StepDecay},
 * {@link jgrad.optim.CosineDecay}) sets an optimizer's learning rate from the epoch or step number.
 * {@link jgrad.optim.GradientClipping} rescales gradients by their global norm.
 * {@link jgrad.optim.Checkpoint} saves parameters and optimizer state to one {@code .npz} file that
 * NumPy reads as is ({@link jgrad.optim.Npz}), written atomically through a temporary beside it
 * ({@link jgrad.core.Staging}, which also deletes the temporaries of killed saves) and checked when read
 * (sizes before allocating, every entry's CRC-32, finite values).
 *
 * <p>Row-sparse gradients ({@link jgrad.core.RowSparseGrad}, left by lookups in a table that uses them):
 * {@link jgrad.optim.SGD} updates only their rows and brings every other row up to date exactly when it
 * is next read (the weights equal the dense update's to float rounding); {@link jgrad.optim.Adam} and
 * {@link jgrad.optim.AdamW} make them dense, or, built {@linkplain jgrad.optim.AdamBuilder#lazy lazy},
 * update their rows only (PyTorch's {@code SparseAdam}, a different algorithm); clipping scales their
 * rows; a checkpoint first brings every deferred row up to date.
 *
 * <p>This package depends on {@code jgrad.core} only: it sees parameters, never layers.
 */
package jgrad.optim;
