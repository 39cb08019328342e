package jgrad.examples.tagger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jgrad.core.Ops;
import jgrad.core.Parameter;
import jgrad.core.Tensor;
import jgrad.layers.CharacterConvolution;
import jgrad.layers.Dense;
import jgrad.layers.Embedding;
import jgrad.layers.HardTanh;
import jgrad.layers.Init;
import jgrad.layers.Layer;
import jgrad.layers.LinearChain;
import jgrad.layers.Replication;
import jgrad.layers.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The window network of Collobert et al. (2011) for tagging: every feature of every word in the window
 * is looked up in its own embedding table, the vectors are concatenated, and a hidden layer with
 * hardtanh and a linear output give one score per tag (a softmax over them is the training loss).
 *
 * <p>Input: integer ids [batch, kinds, window] as {@link WindowBatches} packs them, kind 0 the words,
 * 1 the capitalization, then one kind per suffix length; output: logits [batch, tags].
 *
 * <p>The tables' gradients are row-sparse by default ({@link #sparseGrad}): with SGD a step then updates
 * the few thousand rows its batch looked up, not the 42,000 x 50 word table.
 *
 * <p>With {@link Characters character features} on, each window word also contributes the output of a
 * {@link CharacterConvolution} over its characters as written (dos Santos and Zadrozny 2014): what an
 * unseen word's spelling says ("-ness", a capital after a hyphen, digits) beyond its suffix ids. They are
 * computed once per distinct word of a batch ({@link Spellings#pack}) and looked up for each window slot.
 *
 * <p>Children: {@code words}, {@code caps}, {@code suffix0}, {@code suffix1}... (tables [ids, dim]), with
 * character features {@code characters} (a CharacterConvolution), and {@code mlp}, a {@link Sequential} of
 * Dense [window * (wordDim + capDim + suffixes * suffixDim + filters), hidden], HardTanh and Dense
 * [hidden, tags]; for {@link TaggerLoss#SLL}, also {@code chain}, a
 * {@link LinearChain} over the tags (transitions [tags, tags] and start scores [tags]) to which the
 * logits are the emission scores.
 */
public final class WindowTagger extends Layer {

    /**
     * The sizes of the network.
     *
     * @param wordDim the width of a word vector (50 in Collobert et al.)
     * @param capDim the width of a capitalization vector (5)
     * @param suffixDim the width of a suffix vector
     * @param hidden the number of hidden units (300)
     * @param characters the character features of each window word, or {@link Characters#NONE}
     */
    public record Sizes(int wordDim, int capDim, int suffixDim, int hidden, Characters characters) implements java.io.Serializable {

        public Sizes {
            if (wordDim < 1 || capDim < 1 || suffixDim < 1 || hidden < 1) {
                throw new IllegalArgumentException("WindowTagger: sizes must be positive, got word " + wordDim + ", caps "
                        + capDim + ", suffix " + suffixDim + ", hidden " + hidden);
            }
            if (characters == null) {
                throw new IllegalArgumentException("WindowTagger: characters is null; expected Characters.NONE for a network without them");
            }
        }

        /** Sizes without character features. */
        public Sizes(int wordDim, int capDim, int suffixDim, int hidden) {
            this(wordDim, capDim, suffixDim, hidden, Characters.NONE);
        }

        /** Collobert et al.'s sizes, with 20-wide suffix vectors and no character features. */
        public static Sizes defaults() {
            return new Sizes(50, 5, 20, 300);
        }
    }

    /**
     * The character features of a window word (a {@link CharacterConvolution} over its characters as
     * written, CharWNN's): {@code filters} 0 turns them off.
     *
     * @param dim the width of a character vector (10 in dos Santos and Zadrozny 2014)
     * @param filters the number of convolution filters, the width of a word's character features (50)
     * @param width the characters each filter reads, odd (3)
     */
    public record Characters(int dim, int filters, int width) implements java.io.Serializable {

        /** No character features. */
        public static final Characters NONE = new Characters(0, 0, 0);

        public Characters {
            if (filters < 0 || (filters > 0 && (dim < 1 || width < 1 || width % 2 == 0))) {
                throw new IllegalArgumentException("WindowTagger: character features of " + filters + " filters, dim " + dim
                        + ", width " + width + "; expected 0 filters (none), or filters, dim positive and an odd width");
            }
        }

        /** Whether there are any. */
        public boolean on() {
            return filters > 0;
        }
    }

    /**
     * What the network's shape takes from the featurizer: the window, the number of tags, and the sizes
     * of the word and suffix vocabularies (unknown ids included). Small and serializable, so that a copy of
     * the network can be built where the featurizer is not (a Spark executor).
     */
    public record Shape(int window, int tags, int words, List<Integer> suffixes, int characters) implements java.io.Serializable {

        public Shape {
            suffixes = List.copyOf(suffixes);
        }

        /** The shape of the network for {@code featurizer}'s window, tag set and vocabularies (characters included). */
        public static Shape of(WindowFeaturizer featurizer) {
            return new Shape(featurizer.options().window(), featurizer.tags().size(), featurizer.words().size(),
                    featurizer.suffixes().stream().map(Vocabulary::size).toList(), featurizer.characters().size());
        }
    }

    /**
     * The spread of the first embedding vectors: N(0, 0.1^2) keeps the hidden layer's inputs (some 500 of
     * them) small enough that hardtanh does not start saturated, where N(0, 1) would.
     */
    static final double EMBEDDING_STD = 0.1;

    private final int window;
    private final int tags;
    private final Embedding words;
    private final Embedding caps;
    private final List<Embedding> suffixes = new ArrayList<>();
    /** The character features, or null without them. */
    private final CharacterConvolution characters;
    private final Sequential mlp;
    private final TaggerLoss loss;
    private final LinearChain chain;

    /** A network trained by word-level likelihood ({@link TaggerLoss#WLL}); see the other constructor. */
    public WindowTagger(WindowFeaturizer featurizer, Sizes sizes, long seed) {
        this(Shape.of(featurizer), sizes, seed, TaggerLoss.WLL);
    }

    /** A network for the featurizer's vocabularies, window and tag set, with the given loss; see the last constructor. */
    public WindowTagger(WindowFeaturizer featurizer, Sizes sizes, long seed, TaggerLoss loss) {
        this(Shape.of(featurizer), sizes, seed, loss);
    }

    /**
     * A network of the given shape, drawn from {@code new Random(seed)} (the same as from the featurizer it
     * describes), with a {@link LinearChain} (all scores 0) when {@code loss} is SLL.
     */
    public WindowTagger(Shape shape, Sizes sizes, long seed, TaggerLoss loss) {
        Random rng = new Random(seed);
        this.window = shape.window();
        this.tags = shape.tags();
        Init small = Init.normal(EMBEDDING_STD);
        this.words = child("words", new Embedding(shape.words(), sizes.wordDim(), DataType.FLOAT, small, rng));
        this.caps = child("caps", new Embedding(Capitalization.count(), sizes.capDim(), DataType.FLOAT, small, rng));
        for (int k = 0; k < shape.suffixes().size(); k++) {
            suffixes.add(child("suffix" + k,
                    new Embedding(shape.suffixes().get(k), sizes.suffixDim(), DataType.FLOAT, small, rng)));
        }
        Characters chars = sizes.characters();
        if (chars.on() && shape.characters() <= 2) {
            throw new IllegalArgumentException("WindowTagger: " + chars.filters() + " character filters, but the featurizer knows "
                    + "no characters (a vocabulary saved before character features?); expected 0 filters or a featurizer fitted anew");
        }
        // Drawn after the tables, so that a network without characters is drawn as before they existed.
        this.characters = chars.on() ? child("characters", new CharacterConvolution(shape.characters(), chars.dim(), chars.filters(),
                chars.width(), DataType.FLOAT, small, rng)) : null;
        int input = Math.toIntExact(inputWidth(window, sizes, suffixes.size()));
        this.mlp = child("mlp", new Sequential(
                new Dense(input, sizes.hidden(), true, DataType.FLOAT, Init.glorotUniform(), rng),
                new HardTanh(),
                new Dense(sizes.hidden(), tags, true, DataType.FLOAT, Init.glorotUniform(), rng)));
        this.loss = loss;
        this.chain = loss == TaggerLoss.SLL ? child("chain", new LinearChain(tags, DataType.FLOAT)) : null;
        sparseGrad(true);
    }

    /** The replica of {@code original} that {@link #newReplica} builds: its layers' replicas, under the same names. */
    private WindowTagger(WindowTagger original, Replication replica) {
        this.window = original.window;
        this.tags = original.tags;
        this.words = child("words", replica.of(original.words));
        this.caps = child("caps", replica.of(original.caps));
        for (int k = 0; k < original.suffixes.size(); k++) {
            suffixes.add(child("suffix" + k, replica.of(original.suffixes.get(k))));
        }
        this.characters = original.characters == null ? null : child("characters", replica.of(original.characters));
        this.mlp = child("mlp", replica.of(original.mlp));
        this.loss = original.loss;
        this.chain = original.chain == null ? null : child("chain", replica.of(original.chain));
    }

    /** The same network over the same values, read in place, with gradients of their own in the tables' forms. */
    @Override
    protected WindowTagger newReplica(Replication replica) {
        return new WindowTagger(this, replica);
    }

    /**
     * Chooses the form of every embedding table's gradient: row-sparse (the default; a step then costs
     * the rows its batch used, see {@link Embedding#sparseGrad}) or dense. The numbers are the same. The
     * character table stays dense: a batch uses most of its hundred rows, each thousands of times.
     */
    public WindowTagger sparseGrad(boolean sparse) {
        words.sparseGrad(sparse);
        caps.sparseGrad(sparse);
        suffixes.forEach(table -> table.sparseGrad(sparse));
        return this;
    }

    /** The word table [words, wordDim], row i the vector of the featurizer's word id i. */
    public Parameter wordTable() {
        return words.weight();
    }

    /** The width of the hidden layer's input: every feature vector of every word of the window. */
    private static long inputWidth(int window, Sizes sizes, int suffixKinds) {
        return (long) window * (sizes.wordDim() + sizes.capDim() + (long) suffixKinds * sizes.suffixDim()
                + sizes.characters().filters());
    }

    /**
     * The number of parameters the network for {@code featurizer} and {@code sizes} has, computed without
     * allocating it (a loader checks it against the parameter file first), in long arithmetic.
     */
    static long parameterCount(WindowFeaturizer featurizer, Sizes sizes, TaggerLoss loss) {
        long count = (long) featurizer.words().size() * sizes.wordDim() + (long) Capitalization.count() * sizes.capDim();
        for (Vocabulary suffix : featurizer.suffixes()) {
            count += (long) suffix.size() * sizes.suffixDim();
        }
        long input = inputWidth(featurizer.options().window(), sizes, featurizer.suffixes().size());
        long tags = featurizer.tags().size();
        long chain = loss == TaggerLoss.SLL ? tags * tags + tags : 0;
        Characters chars = sizes.characters();
        if (chars.on()) {
            count += (long) featurizer.characters().size() * chars.dim() + ((long) chars.width() * chars.dim() + 1) * chars.filters();
        }
        return count + input * sizes.hidden() + sizes.hidden() + (long) sizes.hidden() * tags + tags + chain;
    }

    /** How the network is trained and decodes. */
    public TaggerLoss loss() {
        return loss;
    }

    /** The tag chain of an SLL network, or null for a WLL one. */
    public LinearChain chain() {
        return chain;
    }

    /** The number of feature kinds: words, capitalization and one per suffix length. */
    public int kinds() {
        return 2 + suffixes.size();
    }

    /** The number of tags scored. */
    public int tags() {
        return tags;
    }

    /** Whether the network reads the characters of the window words (its batches must carry them). */
    public boolean readsCharacters() {
        return characters != null;
    }

    /** ids [batch, kinds, window] (an integer tensor) → logits [batch, tags] (an SLL network's emission scores). */
    @Override
    public Tensor forward(Tensor ids) {
        return forward(ids.value());
    }

    /**
     * A batch → logits [batch, tags]: its ids, and its characters when the network {@linkplain #readsCharacters
     * reads them}.
     */
    public Tensor forward(WindowBatches.Batch batch) {
        if (characters == null) {
            return forward(batch.ids());
        }
        if (batch.characters() == null) {
            throw new IllegalArgumentException("WindowTagger: the network reads characters (" + characters.filters()
                    + " filters) but the batch has none; expected batches of new WindowBatches(features, true)");
        }
        return mlp.forward(Ops.concat(1, withCharacters(lookups(batch.ids()), batch.characters())));
    }

    /** ids [batch, kinds, window] (an integer array) → logits [batch, tags], for a network without characters. */
    public Tensor forward(INDArray ids) {
        if (characters != null) {
            throw new IllegalArgumentException("WindowTagger: the network reads characters (" + characters.filters()
                    + " filters), which ids alone do not carry; expected forward(batch) with a batch of new WindowBatches(features, true)");
        }
        return mlp.forward(Ops.concat(1, lookups(ids)));
    }

    /** Each feature kind's vectors [batch, window * dim], kind after kind. */
    private Tensor[] lookups(INDArray ids) {
        if (ids.rank() != 3 || ids.size(1) != kinds() || ids.size(2) != window) {
            throw new IllegalArgumentException("WindowTagger: expected ids [batch, " + kinds() + ", " + window
                    + "] (words, caps, " + suffixes.size() + " suffix kinds; window " + window + "), got "
                    + Arrays.toString(ids.shape()));
        }
        long batch = ids.size(0);
        Tensor[] parts = new Tensor[kinds()];
        for (int k = 0; k < parts.length; k++) {
            Embedding table = k == 0 ? words : k == 1 ? caps : suffixes.get(k - 2);
            // The slice is a strided view of the packed ids; gather reads it in place.
            INDArray kind = ids.get(NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.all());
            Tensor vectors = table.forward(kind); // [batch, window, dim]
            parts[k] = vectors.reshape(batch, -1);
        }
        return parts;
    }

    /**
     * The parts with each window word's character features appended [batch, window * filters]: computed
     * once per distinct word of the batch, then looked up for each slot (a slot beyond a sentence edge
     * reads a row of zeros).
     */
    private Tensor[] withCharacters(Tensor[] parts, Spellings.Packed packed) {
        Tensor perWord = characters.forward(packed.characters()); // [forms, filters]
        Tensor edge = Tensor.of(Nd4j.zeros(perWord.dataType(), 1, characters.filters()));
        Tensor slots = Ops.gather(Ops.concat(0, edge, perWord), packed.slots()); // [batch, window, filters]
        Tensor[] all = Arrays.copyOf(parts, parts.length + 1);
        all[parts.length] = slots.reshape(slots.shape()[0], -1);
        return all;
    }

    @Override
    protected String describe() {
        return "WindowTagger(window " + window + ", " + tags + " tags, "
                + (characters == null ? "" : characters.filters() + " character filters of width " + characters.width() + ", ")
                + loss.jsonName() + ")";
    }
}
