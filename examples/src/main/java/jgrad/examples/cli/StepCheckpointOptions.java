package jgrad.examples.cli;

import picocli.CommandLine.Option;

/**
 * {@code --checkpoint-every N}, as a picocli mixin of the commands that write a resume checkpoint
 * ({@code mnist} and {@code lm train}, after every epoch, and with it also after every N steps;
 * {@code tagger train}, only with it, after every N steps and every epoch), so that {@code --resume}
 * continues a run stopped in the middle of an epoch with its next step, and computes what the
 * uninterrupted run computes (with or without {@code --spark}).
 */
public final class StepCheckpointOptions {

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write the resume checkpoint after every N steps too (counted from the run's first step), "
                    + "so that --resume can continue from the middle of an epoch.")
    Integer every;

    /** N, or 0 when not given. */
    public int every() {
        return every == null ? 0 : every;
    }

    /** Throws a {@link BadOptionException} for N below 1. */
    public void check() {
        if (every != null) {
            OptionCheck.atLeast("--checkpoint-every", every, 1);
        }
    }
}
