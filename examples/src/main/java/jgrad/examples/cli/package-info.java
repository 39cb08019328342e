/**
 * What the training commands share on the command line: thread, report, plot and progress options,
 * the Spark options ({@link jgrad.examples.cli.SparkOptions}) and {@code --checkpoint-every}
 * ({@link jgrad.examples.cli.StepCheckpointOptions}),
 * and the start (thread settings, start-up line) and end (report, plot) of a run; the range checks of
 * numeric options ({@link jgrad.examples.cli.OptionCheck}, failing with a
 * {@link jgrad.examples.cli.BadOptionException}: exit code 2) and the check that outputs can be written
 * before a run starts ({@link jgrad.examples.cli.OutputCheck}); and the command line's logging, quiet
 * unless {@code --verbose} ({@link jgrad.examples.cli.CliLogging}).
 */
package jgrad.examples.cli;
