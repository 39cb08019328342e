package jgrad.examples.lm;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad lm}: the neural probabilistic language model of Bengio et al. (2003) on the Brown corpus,
 * with the subcommands {@code train} ({@link TrainCommand}), {@code eval} ({@link EvalCommand}) and
 * {@code score} ({@link ScoreCommand}).
 */
@Command(name = "lm", mixinStandardHelpOptions = true,
        description = "A neural probabilistic language model (Bengio et al. 2003) of the Brown corpus, Kneser-Ney baselines and sentence scoring.",
        subcommands = {TrainCommand.class, EvalCommand.class, ScoreCommand.class},
        commandListHeading = "%nCommands:%n")
public final class LmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
