package jgrad.examples.tagger;

import jgrad.examples.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code jgrad tagger}: the part-of-speech tagger of the Brown corpus, with the subcommands
 * {@code train} ({@link TrainCommand}), {@code eval} ({@link EvalCommand}) and {@code tag}
 * ({@link TagCommand}).
 */
@Command(name = "tagger", mixinStandardHelpOptions = true,
        description = "Part-of-speech tagging of the Brown corpus with Collobert et al.'s window network.",
        subcommands = {TrainCommand.class, EvalCommand.class, TagCommand.class},
        commandListHeading = "%nCommands:%n")
public final class TaggerCommand extends CommandGroup {}
