package jgrad.optim;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import jgrad.core.DeferredUpdates;
import jgrad.core.Elements;
import jgrad.core.Parameter;
import jgrad.core.RowSparseGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SGD's updates of a table with row-sparse gradients: the rows of the gradient are updated at once, the
 * others when they are next read, exactly as if every row had been updated every step.
 *
 * <p>A row that gets gradient zero in a step still moves under momentum and decay, linearly: with
 * g = wd * w,
 *
 * <pre>
 *   classic:   [w', v'] = [[1 - lr wd, -lr mu], [wd, mu]] [w, v]
 *   Nesterov:  [w', v'] = [[1 - lr wd (1 + mu), -lr mu^2], [wd, mu]] [w, v]
 * </pre>
 *
 * (without momentum v is absent and w' = (1 - lr wd) w). So k skipped steps are the product of k such
 * 2x2 matrices, one per step's learning rate. Each row remembers the step it is current with; the
 * learning rates of the steps since the oldest such step are kept, and catching rows up walks back from
 * the last step once, forming the products M_t ... M_{s+1} for every s needed, then applies each row's
 * own. A walk costs the number of steps since the oldest row it brings up to date; the history is
 * dropped whenever every row is current (a checkpoint, a read of the whole value).
 *
 * <p>Without momentum and decay the idle rows do not move at all and nothing is deferred.
 */
final class LazySgdRows implements DeferredUpdates {

    private final Parameter parameter;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final INDArray velocity;
    private final int width;
    private final long[] current;
    private final boolean movesIdleRows;
    /** Steps applied so far (to the rows that are current). */
    private long now;
    /** The learning rate of step s (s in (base, now]) is rates[s - base - 1]. */
    private double[] rates = new double[64];
    private long base;
    private boolean anyBehind;
    /** products[4 (s - oldest) ...] = M_now ... M_{s+1}, row-major 2x2, during a catch-up. */
    private double[] products = new double[256];

    LazySgdRows(Parameter parameter, INDArray velocity, double momentum, boolean nesterov, double weightDecay, long stepsDone) {
        this.parameter = parameter;
        this.velocity = velocity;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        long[] shape = parameter.shape();
        this.width = (int) (parameter.storedValue().length() / Math.max(1, shape[0]));
        this.current = new long[(int) shape[0]];
        this.movesIdleRows = momentum > 0 || weightDecay != 0;
        restart(stepsDone);
        if (movesIdleRows) {
            parameter.deferUpdates(this);
        }
    }

    /** One step of learning rate {@code lr} with the gradient {@code grad}: its rows now, the others later. */
    void step(RowSparseGrad grad, double lr) {
        int count = grad.count();
        catchUp(count, grad::row);
        Elements w = Elements.of(parameter.storedValue());
        Elements v = velocity == null ? null : Elements.of(velocity);
        Elements g = Elements.of(grad.values());
        double mu = momentum;
        double wd = weightDecay;
        double[] wRow = new double[width];
        double[] vRow = new double[width];
        double[] gRow = new double[width];
        for (int i = 0; i < count; i++) {
            int at = grad.row(i) * width;
            w.read(at, wRow, width);
            g.read(i * width, gRow, width);
            if (v == null) {
                for (int j = 0; j < width; j++) {
                    wRow[j] -= lr * (gRow[j] + wd * wRow[j]);
                }
            } else {
                v.read(at, vRow, width);
                for (int j = 0; j < width; j++) {
                    double gj = gRow[j] + wd * wRow[j];
                    double vj = mu * vRow[j] + gj;
                    vRow[j] = vj;
                    wRow[j] -= lr * (nesterov ? gj + mu * vj : vj);
                }
                v.write(vRow, at, width);
            }
            w.write(wRow, at, width);
        }
        record(lr);
        for (int i = 0; i < count; i++) {
            current[grad.row(i)] = now;
        }
        anyBehind |= movesIdleRows && count < current.length;
    }

    /** Before a dense step of every row: all rows are brought up to date. */
    void beforeDenseStep() {
        catchUpAll();
    }

    /** After a dense step of every row: all rows are current with it. */
    void afterDenseStep() {
        restart(now + 1);
    }

    /** Every row is current with {@code stepsDone} steps (after a dense step, or a checkpoint restored). */
    void restart(long stepsDone) {
        now = stepsDone;
        base = stepsDone;
        Arrays.fill(current, stepsDone);
        anyBehind = false;
    }

    @Override
    public void catchUpRows(int[] rows) {
        catchUp(rows.length, i -> rows[i]);
    }

    @Override
    public void catchUpAll() {
        if (!anyBehind) {
            return;
        }
        catchUp(current.length, i -> i);
        restart(now);
    }

    @Override
    public String toString() {
        return "SGD (lazy rows)";
    }

    private void record(double lr) {
        if (!movesIdleRows) { // nothing is ever deferred: no history to keep
            now++;
            base = now;
            return;
        }
        int index = (int) (now - base);
        if (index == rates.length) {
            rates = Arrays.copyOf(rates, 2 * rates.length);
        }
        rates[index] = lr;
        now++;
    }

    /** Brings the rows rowAt(0) ... rowAt(n - 1) up to date with step {@code now}. */
    private void catchUp(int n, IntUnaryOperator rowAt) {
        if (!anyBehind) {
            return;
        }
        long oldest = now;
        for (int i = 0; i < n; i++) {
            oldest = Math.min(oldest, current[rowAt.applyAsInt(i)]);
        }
        if (oldest == now) {
            return;
        }
        fillProducts(oldest);
        Elements w = Elements.of(parameter.storedValue());
        Elements v = velocity == null ? null : Elements.of(velocity);
        double[] wRow = new double[width];
        double[] vRow = new double[width];
        for (int i = 0; i < n; i++) {
            int row = rowAt.applyAsInt(i);
            long since = current[row];
            if (since == now) {
                continue;
            }
            int p = 4 * (int) (since - oldest);
            double a = products[p];
            double b = products[p + 1];
            double c = products[p + 2];
            double d = products[p + 3];
            int at = row * width;
            w.read(at, wRow, width);
            if (v == null) {
                for (int j = 0; j < width; j++) {
                    wRow[j] *= a;
                }
            } else {
                v.read(at, vRow, width);
                for (int j = 0; j < width; j++) {
                    double wj = wRow[j];
                    wRow[j] = a * wj + b * vRow[j];
                    vRow[j] = c * wj + d * vRow[j];
                }
                v.write(vRow, at, width);
            }
            w.write(wRow, at, width);
            current[row] = now;
        }
    }

    /** products for s = oldest ... now - 1: M_now ... M_{s+1}, walking back from the last step. */
    private void fillProducts(long oldest) {
        int needed = 4 * (int) (now - oldest);
        if (products.length < needed) {
            products = new double[Math.max(needed, 2 * products.length)];
        }
        double s00 = 1;
        double s01 = 0;
        double s10 = 0;
        double s11 = 1;
        double mu = momentum;
        double wd = weightDecay;
        for (long k = now; k > oldest; k--) {
            double lr = rates[(int) (k - base - 1)];
            double m00 = 1 - lr * wd * (nesterov ? 1 + mu : 1);
            double m01 = -lr * mu * (nesterov ? mu : 1);
            double m10 = wd;
            double m11 = mu;
            // S = S * M_k, so that S = M_now ... M_k
            double t00 = s00 * m00 + s01 * m10;
            double t01 = s00 * m01 + s01 * m11;
            double t10 = s10 * m00 + s11 * m10;
            double t11 = s10 * m01 + s11 * m11;
            s00 = t00;
            s01 = t01;
            s10 = t10;
            s11 = t11;
            int p = 4 * (int) (k - 1 - oldest);
            products[p] = s00;
            products[p + 1] = s01;
            products[p + 2] = s10;
            products[p + 3] = s11;
        }
    }
}
