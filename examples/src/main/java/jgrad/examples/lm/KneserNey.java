package jgrad.examples.lm;

import java.util.Arrays;

/**
 * An interpolated, modified Kneser-Ney n-gram model (Chen and Goodman 1999): counts only, no training.
 * For an n-gram model, with c(h w) the count of the highest order and, for the lower orders, the
 * continuation count N1+(. h w) (the number of distinct words seen before h w):
 *
 * <pre>
 *   p(w | h) = max(c(h w) - D(c(h w)), 0) / c(h .)  +  gamma(h) p(w | h')
 *   gamma(h) = (D1 N1(h .) + D2 N2(h .) + D3+ N3+(h .)) / c(h .)
 * </pre>
 *
 * where h' drops the oldest word of h, N_r(h .) counts the words seen r times after h (3 or more for
 * N3+), and the unigram level is interpolated with the uniform distribution over the predicted words. A
 * context never seen backs off whole: p(w | h) = p(w | h'). Each order has its own three discounts from
 * its count-of-counts n_1 ... n_4: Y = n1 / (n1 + 2 n2), D1 = 1 - 2Y n2/n1, D2 = 2 - 3Y n3/n2,
 * D3+ = 3 - 4Y n4/n3 (each kept within [0, r], so that every probability stays non-negative). The
 * probabilities of all predicted words sum to 1 in every context.
 *
 * <p>Counts live in a trie read backwards: the node of (w, h_-1, h_-2, ...) holds the count of the
 * n-gram ... h_-2 h_-1 w, and its number of children is that n-gram's continuation count. Contexts that
 * begin a sentence are padded with the start symbol (see {@link LmCorpus}); the start symbol is a
 * context word, never predicted.
 */
public final class KneserNey {

    private final int order;
    private final int predicted;
    private final LongIntMap links;
    private int nodes = 1; // node 0 is the root: the empty n-gram and the empty context
    private int[] parent = new int[1 << 16];
    private int[] word = new int[1 << 16];
    private int[] count = new int[1 << 16];
    private int[] children = new int[1 << 16];
    /** Per context node: c(h .) and N1, N2, N3+ of the n-grams one order above it. */
    private int[] total;
    private int[] n1;
    private int[] n2;
    private int[] n3;
    /** discounts[d][r]: D_r of order d (1 ... order), r = 1, 2, 3 (3 or more). */
    private final double[][] discounts;

    private KneserNey(int order, int predicted, int expectedNodes) {
        this.order = order;
        this.predicted = predicted;
        this.links = new LongIntMap(expectedNodes);
        this.discounts = new double[order + 1][4];
    }

    /**
     * Counts the n-grams of {@code order} in {@code train}, whose contexts must be at least order - 1
     * wide (the last order - 1 slots are used), over the predicted ids 1 ... {@code predicted}.
     */
    public static KneserNey fit(LmCorpus.Examples train, int order, int predicted) {
        if (order < 1 || train.width() < order - 1) {
            throw new IllegalArgumentException("KneserNey: order " + order + " needs contexts of " + (order - 1)
                    + " words; the examples have " + train.width() + " (order must be at least 1)");
        }
        if (predicted < 1 || train.size() == 0) {
            throw new IllegalArgumentException("KneserNey: " + predicted + " predicted words and " + train.size()
                    + " training tokens; expected at least one of each");
        }
        KneserNey model = new KneserNey(order, predicted, train.size() * order);
        int width = train.width();
        int[] contexts = train.contexts();
        for (int i = 0; i < train.size(); i++) {
            int node = model.countedChild(0, model.checkWord(train.targets()[i]));
            int context = 0;
            for (int k = 1; k < order; k++) {
                int w = contexts[i * width + width - k];
                node = model.countedChild(node, w);
                context = model.child(context, w, true);
            }
        }
        model.computeStatistics();
        return model;
    }

    /** The order n. */
    public int order() {
        return order;
    }

    /** The number of predicted ids, 1 ... predicted. */
    public int predicted() {
        return predicted;
    }

    /** p(w | context), the context oldest word first and at least order - 1 wide (its last words are used). */
    public double probability(int[] context, int w) {
        return probability(context, 0, context.length, w);
    }

    /** p(w | the {@code width} ids of {@code contexts} from {@code offset}, oldest first). */
    public double probability(int[] contexts, int offset, int width, int w) {
        if (width < order - 1) {
            throw new IllegalArgumentException("KneserNey: a context of " + width + " words for an order-" + order
                    + " model; expected at least " + (order - 1));
        }
        checkWord(w);
        double p = 1.0 / predicted;
        int context = 0;
        int gram = links.get(key(0, w), -1);
        for (int d = 1; d <= order; d++) {
            if (context < 0 || total[context] == 0) {
                break; // an unseen context: this order and all above it back off whole
            }
            int c = gram >= 0 && count[gram] > 0 ? value(gram, d) : 0;
            double[] disc = discounts[d];
            double gamma = (disc[1] * n1[context] + disc[2] * n2[context] + disc[3] * n3[context]) / total[context];
            p = Math.max(c - disc[Math.min(c, 3)], 0) / total[context] + gamma * p;
            if (d < order) {
                int h = contexts[offset + width - d];
                context = links.get(key(context, h), -1);
                gram = gram >= 0 ? links.get(key(gram, h), -1) : -1;
            }
        }
        return p;
    }

    /** The log-probability of every example, in order. */
    public double[] logProbabilities(LmCorpus.Examples examples) {
        double[] out = new double[examples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(probability(examples.contexts(), i * examples.width(), examples.width(), examples.targets()[i]));
        }
        return out;
    }

    /** The discounts D1, D2, D3+ of order d. */
    public double[] discounts(int d) {
        return Arrays.copyOfRange(discounts[d], 1, 4);
    }

    private int checkWord(int w) {
        if (w < 1 || w > predicted) {
            throw new IllegalArgumentException("KneserNey: word id " + w + " is not predicted; expected 1 ... " + predicted);
        }
        return w;
    }

    /** c(h w) for the highest order, the continuation count for the others. */
    private int value(int gram, int depth) {
        return depth == order ? count[gram] : children[gram];
    }

    /** The child of node by word w, counted once more; a node's first count makes it an n-gram of its parent. */
    private int countedChild(int node, int w) {
        int child = child(node, w, true);
        if (count[child]++ == 0) {
            children[node]++;
        }
        return child;
    }

    private int child(int node, int w, boolean create) {
        long key = key(node, w);
        int child = links.get(key, -1);
        if (child < 0 && create) {
            child = nodes++;
            if (child == parent.length) {
                int size = parent.length * 2;
                parent = Arrays.copyOf(parent, size);
                word = Arrays.copyOf(word, size);
                count = Arrays.copyOf(count, size);
                children = Arrays.copyOf(children, size);
            }
            parent[child] = node;
            word[child] = w;
            links.putNew(key, child);
        }
        return child;
    }

    private static long key(int node, int w) {
        return ((long) node << 32) | w;
    }

    /** Context statistics and the discounts of every order, from the counts. */
    private void computeStatistics() {
        total = new int[nodes];
        n1 = new int[nodes];
        n2 = new int[nodes];
        n3 = new int[nodes];
        int[] depth = new int[nodes];
        long[][] countOfCounts = new long[order + 1][5];
        int[] path = new int[order];
        for (int x = 1; x < nodes; x++) {
            depth[x] = depth[parent[x]] + 1; // a parent is always made before its children
            if (count[x] == 0) {
                continue; // a context that no counted n-gram reaches (all start symbols)
            }
            int d = depth[x];
            int c = value(x, d);
            if (c <= 4) {
                countOfCounts[d][c]++;
            }
            // The context of the n-gram (w, h_-1, ..., h_-(d-1)) is the node of (h_-1, ..., h_-(d-1)).
            int node = x;
            for (int k = d - 1; k >= 0; k--) {
                path[k] = word[node];
                node = parent[node];
            }
            int context = 0;
            for (int k = 1; k < d; k++) {
                context = links.get(key(context, path[k]), -1);
            }
            total[context] += c;
            if (c == 1) {
                n1[context]++;
            } else if (c == 2) {
                n2[context]++;
            } else {
                n3[context]++;
            }
        }
        for (int d = 1; d <= order; d++) {
            long[] n = countOfCounts[d];
            double y = n[1] / (n[1] + 2.0 * n[2]);
            discounts[d][1] = clamp(1 - 2 * y * n[2] / n[1], 1);
            discounts[d][2] = clamp(2 - 3 * y * n[3] / n[2], 2);
            discounts[d][3] = clamp(3 - 4 * y * n[4] / n[3], 3);
        }
    }

    /** A discount within [0, r]; half of r when the counts are too few to estimate it (tiny corpora). */
    private static double clamp(double d, int r) {
        return Double.isFinite(d) ? Math.min(r, Math.max(0, d)) : 0.5 * r;
    }
}
