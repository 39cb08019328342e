/**
 * Reporting a training run: the back end and its threads, per-epoch progress, a JSON report
 * ({@link jgrad.examples.report.TrainingReport}) and a PNG of its curves
 * ({@link jgrad.examples.report.CurvePlot}: train and evaluation loss above, accuracy below, each axis
 * fitted to its data), both written atomically ({@link jgrad.examples.report.AtomicFile}); the epochs a
 * trainer has finished ({@link jgrad.examples.report.EpochsDone}) and how far it is into the next, for a
 * checkpoint written in its middle ({@link jgrad.examples.report.PartialEpoch}), as its checkpoint carries them. Every
 * training command uses these same classes. Nothing here trains; commands hand in what they measured.
 */
package jgrad.examples.report;
