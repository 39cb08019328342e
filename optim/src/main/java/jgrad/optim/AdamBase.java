package jgrad.optim;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jgrad.core.Elements;
import jgrad.core.Parameter;
import jgrad.core.RowSparseGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.factory.Nd4j;

/** The moment estimates and bias-corrected update shared by {@link Adam} and {@link AdamW}. */
abstract class AdamBase extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;
    private final boolean lazy;
    /** eps as a scalar of each parameter type, made once so that a step allocates nothing. */
    private final Map<DataType, INDArray> epsilons = new EnumMap<>(DataType.class);

    @SuppressWarnings("try") // the scope is used for its effect: state outlives any workspace
    AdamBase(String name, AdamBuilder<?> b, boolean decoupled) {
        super(name, b.parameters, b.learningRate, List.of("m", "v"), true);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.weightDecay = b.weightDecay;
        this.decoupled = decoupled;
        this.lazy = b.lazy;
        setWeightDecay(b.weightDecay, b.decayed);
        try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Parameter p : parameters()) {
                epsilons.computeIfAbsent(p.dataType(), type -> Nd4j.scalar(type, epsilon));
            }
        }
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Whether row-sparse gradients update their rows only (see {@link AdamBuilder#lazy}). */
    public boolean lazy() {
        return lazy;
    }

    /** Lazy: the rows of the gradient only; otherwise the gradient is made dense and every row updated. */
    @Override
    void updateRows(Parameter p, RowSparseGrad rows, State state) {
        if (!lazy) {
            super.updateRows(p, rows, state);
            return;
        }
        double step = learningRate() / (1 - Math.pow(beta1, state.steps));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, state.steps));
        Elements w = Elements.of(p.storedValue());
        Elements m = Elements.of(state.buffers[0]);
        Elements v = Elements.of(state.buffers[1]);
        Elements g = Elements.of(rows.values());
        int width = (int) rows.rowLength();
        double[] wRow = new double[width];
        double[] mRow = new double[width];
        double[] vRow = new double[width];
        double[] gRow = new double[width];
        for (int i = 0; i < rows.count(); i++) {
            int at = rows.row(i) * width;
            w.read(at, wRow, width);
            m.read(at, mRow, width);
            v.read(at, vRow, width);
            g.read(i * width, gRow, width);
            for (int j = 0; j < width; j++) {
                double gj = gRow[j];
                mRow[j] = beta1 * mRow[j] + (1 - beta1) * gj;
                vRow[j] = beta2 * vRow[j] + (1 - beta2) * gj * gj;
                wRow[j] -= step * mRow[j] / (Math.sqrt(vRow[j]) / correction2Sqrt + epsilon);
            }
            w.write(wRow, at, width);
            m.write(mRow, at, width);
            v.write(vRow, at, width);
        }
    }

    @Override
    void update(INDArray w, INDArray grad, State state) {
        double lr = learningRate();
        double wd = state.weightDecay;
        INDArray m = state.buffers[0];
        INDArray v = state.buffers[1];
        INDArray s = state.scratch;
        INDArray g = grad;
        if (wd != 0 && !decoupled) {
            s.assign(grad);
            axpy(wd, w, s);
            g = s;
        }
        scale(beta1, m);
        axpy(1 - beta1, g, m);
        g.mul(g, s); // s = g^2 (s may be g itself: elementwise, so in place is safe)
        scale(beta2, v);
        axpy(1 - beta2, s, v);
        if (wd != 0 && decoupled) {
            scale(1 - lr * wd, w);
        }
        double correction1 = 1 - Math.pow(beta1, state.steps);
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, state.steps));
        Nd4j.exec(new Sqrt(v, s));
        scale(1 / correction2Sqrt, s);
        Nd4j.exec((CustomOp) new AddOp(new INDArray[] {s, epsilons.get(s.dataType())}, new INDArray[] {s}));
        Nd4j.exec((CustomOp) new DivOp(new INDArray[] {m, s}, new INDArray[] {s}));
        axpy(-lr / correction1, s, w);
    }

}
