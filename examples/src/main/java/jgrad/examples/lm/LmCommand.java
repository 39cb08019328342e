package jgrad.examples.lm;

import jgrad.examples.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code jgrad lm}: the neural probabilistic language model of Bengio et al. (2003) on the Brown corpus,
 * with the subcommands {@code train} ({@link TrainCommand}), {@code eval} ({@link EvalCommand}) and
 * {@code score} ({@link ScoreCommand}).
 */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "A neural probabilistic language model (Bengio et al. 2003) of the Brown corpus, Kneser-Ney baselines and sentence scoring.",
        subcommands = {TrainCommand.class, EvalCommand.class, ScoreCommand.class},
        commandListHeading = "%nCommands:%n")
public final class LmCommand extends CommandGroup {}
