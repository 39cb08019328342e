/**
 * What the training commands share on the command line: thread, report, plot and progress options,
 * and the start (thread settings, start-up line) and end (report, plot) of a run; and the command
 * line's logging, quiet unless {@code --verbose} ({@link jgrad.examples.cli.CliLogging}).
 */
package jgrad.examples.cli;
