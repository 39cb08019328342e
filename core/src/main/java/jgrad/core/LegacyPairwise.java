package jgrad.core;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseTransformSameOp;

/**
 * A libnd4j legacy pairwise transform on arrays of one shape, by its number in libnd4j's table. ND4J
 * 1.0.0-M2.1 exposes add, sub, mul and div only as custom ops, which cost 6-9 us a call on a 2-core
 * machine; the same kernels through the legacy pairwise entry point cost about 1 us.
 */
final class LegacyPairwise extends BaseTransformSameOp {

    // Numbers of libnd4j 1.0.0-M2.1's pairwise "same" transforms, probed one by one on that build.
    static final int ADD = 0;
    static final int COPY = 1;
    static final int DIVIDE = 2;
    static final int MULTIPLY = 3;
    static final int SUBTRACT = 6;

    private final int number;

    LegacyPairwise(INDArray x, INDArray y, INDArray z, int number) {
        super(x, y, z);
        this.number = number;
    }

    @Override
    public int opNum() {
        return number;
    }

    @Override
    public String opName() {
        return "jgrad_pairwise_" + number;
    }

    @Override
    public String onnxName() {
        throw new UnsupportedOperationException("no ONNX name");
    }

    @Override
    public String tensorflowName() {
        throw new UnsupportedOperationException("no TensorFlow name");
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        throw new UnsupportedOperationException("jgrad differentiates on its tape, not in SameDiff");
    }
}
