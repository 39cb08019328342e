package jgrad.examples.bench;

import jgrad.examples.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code jgrad bench}: the benchmarks, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: the scalar engine against the tensor engine, and the tape's cost per op.",
        subcommands = {ScalarBenchCommand.class, OpsBenchCommand.class},
        commandListHeading = "%nCommands:%n")
public final class BenchCommand extends CommandGroup {}
