package jgrad.layers;

import java.util.Arrays;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A word's features learned from its characters, as in dos Santos and Zadrozny (2014, CharWNN): each
 * character is looked up in a table of character vectors, a convolution of {@code filters} filters reads
 * every window of {@code width} characters (the word padded with {@link #PADDING} at both ends, so each
 * character is once the middle), and each filter keeps its largest value over the positions: a vector of
 * {@code filters} numbers per word, whatever its length.
 *
 * <p>Input: character ids [words, length], integer, one word per row: its characters from column 0 on,
 * then {@link #PADDING} (0) up to the row's end; every row holds at least one character. Output:
 * [words, filters]. A word longer than {@code length} must be cut by the caller (which end to keep is
 * the caller's choice: a tagger keeps the end, where the suffixes are).
 *
 * <p>Composed of core ops: a {@link jgrad.core.Ops#gather gather} of the character windows of every
 * word's own positions (none for the padding past its end, so words of different lengths share a batch
 * at the cost of their characters), one matmul with a bias, and {@link Ops#segmentMax a max over each
 * word's positions}. Children: {@code characters}, an {@link Embedding} [alphabet, dim] whose
 * gradient can be row-sparse ({@link #sparseGrad}), and {@code filters}, a {@link Dense}
 * [width * dim, filters].
 */
public final class CharacterConvolution extends Layer {

    /** The character id that pads a word at both ends and fills its row past its end. */
    public static final int PADDING = 0;

    private final Embedding characters;
    private final Dense filters;
    private final int width;

    /**
     * A layer of the given type: character vectors drawn by {@code init}, filters Glorot-uniform, bias 0,
     * all from {@code rng}.
     *
     * @param alphabet the number of character ids, {@link #PADDING} included
     * @param dim the width of a character vector (about 10 in CharWNN)
     * @param filters the number of filters, the width of the output (about 50)
     * @param width the characters a filter reads, odd (3: the character and its two neighbours)
     */
    public CharacterConvolution(long alphabet, int dim, int filters, int width, DataType type, Init init, Random rng) {
        if (alphabet < 1 || dim < 1 || filters < 1) {
            throw new IllegalArgumentException("CharacterConvolution: sizes must be positive, got alphabet " + alphabet
                    + ", dim " + dim + ", filters " + filters);
        }
        checkWidth(width);
        this.width = width;
        this.characters = child("characters", new Embedding(alphabet, dim, type, init, rng));
        this.filters = child("filters", new Dense((long) width * dim, filters, true, type, Init.glorotUniform(), rng));
    }

    /** A layer over existing parameters: a table [alphabet, dim], weights [width * dim, filters] and a bias [filters]. */
    public CharacterConvolution(Parameter table, Parameter weight, Parameter bias, int width) {
        checkWidth(width);
        this.width = width;
        this.characters = child("characters", new Embedding(table));
        long dim = table.shape()[1];
        if (weight == null || weight.rank() != 2 || weight.shape()[0] != width * dim) {
            throw new IllegalArgumentException("CharacterConvolution: weights must be [width * dim, filters] = [" + width * dim
                    + ", filters] for width " + width + " and the table " + Arrays.toString(table.shape()) + ", got "
                    + (weight == null ? "null" : Arrays.toString(weight.shape())));
        }
        this.filters = child("filters", new Dense(weight, bias));
    }

    private CharacterConvolution(Embedding characters, Dense filters, int width) {
        this.width = width;
        this.characters = child("characters", characters);
        this.filters = child("filters", filters);
    }

    /** The same layer over the same values, read in place, with gradients of its own. */
    @Override
    protected CharacterConvolution newReplica(Replication replica) {
        return new CharacterConvolution(replica.of(characters), replica.of(filters), width);
    }

    private static void checkWidth(int width) {
        if (width < 1 || width % 2 == 0) {
            throw new IllegalArgumentException("CharacterConvolution: width " + width
                    + " must be odd and positive, so that a window has a middle character");
        }
    }

    /** Character ids [words, length] → features [words, filters]; see the class comment. */
    public Tensor forward(INDArray chars) {
        if (chars == null || chars.rank() != 2 || chars.dataType().isFPType() || !chars.dataType().isNumerical()) {
            throw new IllegalArgumentException(describe() + ": expected integer character ids [words, length], got "
                    + (chars == null ? "null" : chars.dataType() + Arrays.toString(chars.shape())));
        }
        int words = Math.toIntExact(chars.size(0));
        int length = Math.toIntExact(chars.size(1));
        if (words == 0 || length == 0) {
            throw new IllegalArgumentException(describe() + ": expected at least one word of at least one character, got "
                    + Arrays.toString(chars.shape()));
        }
        int[] ids = chars.reshape(chars.length()).toIntVector(); // row-major, a view when contiguous
        int[] lengths = wordLengths(ids, words, length);
        int[] windows = windows(ids, lengths, length);
        long dim = characters.weight().shape()[1];
        Tensor vectors = characters.forward(org.nd4j.linalg.factory.Nd4j.createFromArray(windows)); // [positions * width, dim]
        Tensor scores = filters.forward(vectors.reshape(windows.length / width, width * dim)); // [positions, filters]
        return Ops.segmentMax(scores, lengths);
    }

    /**
     * The number of characters of each row, checking that every id is a character of the table, that only
     * padding follows a word's characters and that there is one.
     */
    private int[] wordLengths(int[] ids, int words, int length) {
        long alphabet = characters.weight().shape()[0];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= alphabet) {
                throw new IllegalArgumentException(describe() + ": row " + i / length + " has id " + ids[i] + " at column "
                        + i % length + "; expected character ids in [0, " + alphabet + ")");
            }
        }
        int[] lengths = new int[words];
        for (int w = 0; w < words; w++) {
            int row = w * length;
            int n = 0;
            while (n < length && ids[row + n] != PADDING) {
                n++;
            }
            for (int p = n; p < length; p++) {
                if (ids[row + p] != PADDING) {
                    throw new IllegalArgumentException(describe() + ": row " + w + " has a character (id " + ids[row + p]
                            + ") at column " + p + " after padding at column " + n
                            + "; expected a word's characters first, then only padding");
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException(describe() + ": row " + w
                        + " holds no character (column 0 is padding); expected every word to have one");
            }
            lengths[w] = n;
        }
        return lengths;
    }

    /**
     * The character ids of every position's window, word after word, [positions, width] flat: the
     * characters around the position, {@link #PADDING} beyond the word's ends. Only a word's own
     * positions are listed, so the convolution costs the characters of the batch, not its rows' length.
     */
    private int[] windows(int[] ids, int[] lengths, int length) {
        int half = width / 2;
        int positions = 0;
        for (int n : lengths) {
            positions += n;
        }
        int[] out = new int[positions * width];
        int at = 0;
        for (int w = 0; w < lengths.length; w++) {
            int row = w * length;
            for (int p = 0; p < lengths[w]; p++, at += width) {
                for (int j = 0; j < width; j++) {
                    int c = p - half + j;
                    out[at + j] = c >= 0 && c < lengths[w] ? ids[row + c] : PADDING;
                }
            }
        }
        return out;
    }

    /** A constant tensor of integer character ids [words, length] → features [words, filters]. */
    @Override
    public Tensor forward(Tensor chars) {
        if (chars.dataType().isFPType()) {
            throw new IllegalArgumentException(describe() + ": expected a tensor of integer character ids, got "
                    + chars.dataType() + Arrays.toString(chars.shape()) + "; pass Tensor.of(ids.castTo(DataType.INT32))");
        }
        return forward(chars.value());
    }

    /** Chooses the form of the character table's gradient, as {@link Embedding#sparseGrad}. Returns this layer. */
    public CharacterConvolution sparseGrad(boolean sparse) {
        characters.sparseGrad(sparse);
        return this;
    }

    /** The number of filters: the width of the output. */
    public long filters() {
        return filters.weight().shape()[1];
    }

    /** The characters a filter reads. */
    public int width() {
        return width;
    }

    @Override
    protected String describe() {
        return "CharacterConvolution(" + characters.weight().shape()[0] + " characters of " + characters.weight().shape()[1]
                + ", " + filters() + " filters of width " + width + ")";
    }
}
