package jgrad.examples.tagger;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad tagger}: the part-of-speech tagger of the Brown corpus, with the subcommands
 * {@code train} ({@link TrainCommand}), {@code eval} ({@link EvalCommand}) and {@code tag}
 * ({@link TagCommand}).
 */
@Command(name = "tagger", mixinStandardHelpOptions = true,
        description = "Part-of-speech tagging of the Brown corpus with Collobert et al.'s window network.",
        subcommands = {TrainCommand.class, EvalCommand.class, TagCommand.class},
        commandListHeading = "%nCommands:%n")
public final class TaggerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
