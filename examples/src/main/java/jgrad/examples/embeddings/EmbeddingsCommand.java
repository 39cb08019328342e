package jgrad.examples.embeddings;

import jgrad.examples.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code jgrad embeddings}: word vectors from Collobert et al.'s ranking language model, with the
 * subcommands {@code train} ({@link TrainCommand}) and {@code neighbours} ({@link NeighboursCommand}).
 */
@Command(name = "embeddings", mixinStandardHelpOptions = true,
        description = "Word vectors from Collobert et al.'s ranking language model on unlabeled text.",
        subcommands = {TrainCommand.class, NeighboursCommand.class},
        commandListHeading = "%nCommands:%n")
public final class EmbeddingsCommand extends CommandGroup {}
