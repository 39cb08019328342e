package jgrad.examples.report;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of one epoch: samples done, samples per second and the running mean loss.
 *
 * <p>On a terminal it is a progress bar redrawn in place (on standard error, so the command's output
 * stays clean). Elsewhere (a pipe, a file, CI) a bar would fill the log with carriage returns, so it
 * prints a plain line at most every {@link #PLAIN_INTERVAL_NANOS} and one at the end of the epoch.
 *
 * <pre>{@code
 * try (EpochProgress progress = EpochProgress.open("epoch 1/10", trainSize, out, EpochProgress.Mode.AUTO)) {
 *     for (batch : batches) { ...; progress.step(batch.size(), loss); }
 * }
 * }</pre>
 */
public final class EpochProgress implements AutoCloseable {

    /** How progress is shown. */
    public enum Mode {
        /** A bar when standard input and output are a terminal and CI is not set, plain lines otherwise. */
        AUTO,
        /** Always the bar. */
        BAR,
        /** Always plain lines. */
        PLAIN,
        /** Nothing. */
        NONE
    }

    /** Ten seconds between plain lines. */
    static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private final String task;
    private final long total;
    private final PrintStream plainOut;
    private final ProgressBar bar;
    private final boolean plain;
    private final long start = System.nanoTime();
    private long lastLine = start;
    private long done;
    private double lossSum;
    private long lossSamples;
    private boolean closed;

    private EpochProgress(String task, long total, PrintStream plainOut, Mode mode, PrintStream barOut) {
        this.task = task;
        this.total = total;
        this.plainOut = plainOut;
        this.plain = mode == Mode.PLAIN;
        this.bar = mode == Mode.BAR
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" samples", 1)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(barOut)).build()
                : null;
    }

    /**
     * Starts showing an epoch of {@code total} samples.
     *
     * @param task     the label, e.g. {@code epoch 3/10}
     * @param plainOut where plain lines go
     * @throws IllegalArgumentException if total is not positive
     */
    public static EpochProgress open(String task, long total, PrintStream plainOut, Mode mode) {
        return open(task, total, plainOut, mode, System.err);
    }

    /** {@link #open(String, long, PrintStream, Mode)} with the bar drawn on {@code barOut}, for tests. */
    static EpochProgress open(String task, long total, PrintStream plainOut, Mode mode, PrintStream barOut) {
        if (total <= 0) {
            throw new IllegalArgumentException("progress of '" + task + "': the epoch must have samples, got " + total);
        }
        return new EpochProgress(task, total, plainOut, resolve(mode), barOut);
    }

    /** AUTO resolved for this process. */
    static Mode resolve(Mode mode) {
        if (mode != Mode.AUTO) {
            return mode;
        }
        boolean terminal = System.console() != null;
        boolean ci = System.getenv("CI") != null;
        return terminal && !ci ? Mode.BAR : Mode.PLAIN;
    }

    /** Records {@code samples} more samples whose mean loss was {@code loss}. */
    public void step(long samples, double loss) {
        done += samples;
        lossSum += loss * samples;
        lossSamples += samples;
        if (bar != null) {
            bar.stepBy(samples);
            // Our own rate rather than the bar's, which shows "?" for the first second of every epoch.
            bar.setExtraMessage(String.format(Locale.ROOT, "%.0f samples/s, loss %.4f", samplesPerSecond(), runningLoss()));
        } else if (plain) {
            long now = System.nanoTime();
            if (now - lastLine >= PLAIN_INTERVAL_NANOS && done < total) {
                lastLine = now;
                plainOut.println(line());
            }
        }
    }

    /** The mean loss over the samples so far (NaN before the first step). */
    public double runningLoss() {
        return lossSamples == 0 ? Double.NaN : lossSum / lossSamples;
    }

    /** Samples per second so far. */
    public double samplesPerSecond() {
        double seconds = elapsedSeconds();
        return seconds > 0 ? done / seconds : 0;
    }

    /** Seconds since the epoch started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The samples done so far. */
    public long done() {
        return done;
    }

    private String line() {
        return String.format(Locale.ROOT, "%s: %d/%d samples (%.0f%%), %.0f samples/s, loss %.4f",
                task, done, total, 100.0 * done / total, samplesPerSecond(), runningLoss());
    }

    /** Ends the display: the bar is completed, or the final plain line is printed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.close();
        } else if (plain) {
            plainOut.println(line());
        }
    }
}
