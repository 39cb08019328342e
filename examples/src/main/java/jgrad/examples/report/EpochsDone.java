package jgrad.examples.report;

import java.io.IOException;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The number of epochs a trainer has finished, kept as a float64 scalar so that its checkpoint carries
 * it (under {@link #KEY}, beside {@link PartialEpoch}'s scalars), and the check a resumed run makes of
 * what it restored.
 */
public final class EpochsDone {

    /** The checkpoint entry. */
    public static final String KEY = "epochs_done";

    private final INDArray done = Nd4j.scalar(DataType.DOUBLE, 0.0);
    /** The trainer, for messages ("lm train", "tagger train"). */
    private final String owner;

    public EpochsDone(String owner) {
        this.owner = owner;
    }

    /** The epochs finished: 0 for a fresh run, else as trained or restored. */
    public int value() {
        return (int) done.getDouble(0);
    }

    /** Records that {@code epochs} epochs are finished. */
    public void set(int epochs) {
        done.assign(epochs);
    }

    /** The scalar by its checkpoint key, for {@code Checkpoint.save} and {@code load} to write and restore in place. */
    public Map<String, INDArray> arrays() {
        return Map.of(KEY, done);
    }

    /**
     * Throws unless the restored count is a whole number from 0 to the run's {@code epochs}: a checkpoint
     * with more epochs done than the run has would train nothing and report a run that is not this one.
     *
     * @param source the checkpoint, for the message
     */
    public void requireAtMost(int epochs, Object source) throws IOException {
        double restored = done.getDouble(0);
        if (restored != Math.rint(restored) || restored < 0) {
            throw new IOException(owner + ": cannot resume from " + source + ": its " + KEY + " is " + restored
                    + "; expected a whole number from 0 to the run's " + epochs + " epochs");
        }
        if (restored > epochs) {
            throw new IOException(owner + ": cannot resume from " + source + ": it has " + value() + " epochs done but the run has "
                    + epochs + "; pass --epochs " + value() + " or more");
        }
    }
}
