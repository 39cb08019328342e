package jgrad.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The type and shape of a named array: what a checkpoint must agree on with the model before loading. */
record ArraySpec(DataType dataType, long[] shape) {

    static ArraySpec of(INDArray array) {
        return new ArraySpec(array.dataType(), array.shape());
    }

    static Map<String, ArraySpec> of(Map<String, INDArray> arrays) {
        Map<String, ArraySpec> out = new LinkedHashMap<>();
        arrays.forEach((n, a) -> out.put(n, of(a)));
        return out;
    }

    /**
     * Throws an exception listing every difference between what is expected and what was found: missing
     * and unexpected names, then shapes and types that differ.
     */
    static void requireSame(String what, Map<String, ArraySpec> expected, Map<String, ArraySpec> found) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        expected.forEach((n, e) -> {
            ArraySpec f = found.get(n);
            if (f == null) {
                missing.add(n);
            } else if (!Arrays.equals(e.shape, f.shape) || e.dataType != f.dataType) {
                differing.add(n + ": found " + f + ", expected " + e);
            }
        });
        found.keySet().stream().filter(n -> !expected.containsKey(n)).forEach(unexpected::add);
        if (missing.isEmpty() && unexpected.isEmpty() && differing.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(what).append(" does not match:");
        if (!missing.isEmpty()) {
            message.append(" missing ").append(missing).append(';');
        }
        if (!unexpected.isEmpty()) {
            message.append(" unexpected ").append(unexpected).append(';');
        }
        for (String d : differing) {
            message.append(' ').append(d).append(';');
        }
        throw new IllegalArgumentException(message.substring(0, message.length() - 1));
    }

    @Override
    public String toString() {
        return typeName(dataType) + Arrays.toString(shape);
    }

    /** NumPy's name for a type (float32 rather than ND4J's FLOAT), as users of .npz files know it. */
    static String typeName(DataType type) {
        return switch (type) {
            case DOUBLE -> "float64";
            case FLOAT -> "float32";
            case HALF -> "float16";
            case LONG -> "int64";
            case INT -> "int32";
            case SHORT -> "int16";
            case BYTE -> "int8";
            case UBYTE -> "uint8";
            case BOOL -> "bool";
            default -> type.name().toLowerCase();
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ArraySpec s && s.dataType == dataType && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * dataType.hashCode() + Arrays.hashCode(shape);
    }
}
