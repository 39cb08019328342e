package jgrad.core;

import java.util.Arrays;
import java.util.List;

/**
 * Adds the gradients of one list of parameters into those of another with the same shapes, through each
 * target parameter's own accumulation: how gradients computed apart in one JVM (by replicas of a model,
 * each on its own tape) are summed. (Spark's driver sums its tasks' serialized gradients in float64
 * instead, in {@code jgrad.spark.GradientReduction}, by the same dense and row-sparse rule.) A row-sparse gradient is added as rows, so the target stays
 * row-sparse unless it already holds, or receives, a dense one (then the rows go into the dense array,
 * exactly as a lookup's backward would add them). Summing sources one after another in a fixed order
 * gives the same bits in every run.
 */
public final class GradientSum {

    private GradientSum() {}

    /**
     * Adds the gradient of each {@code sources[i]} into {@code targets[i]}; a source that holds no
     * gradient adds nothing. The sources are not changed.
     *
     * @throws IllegalArgumentException if the lists differ in length, or a pair in shape or type
     */
    public static void addInto(List<Parameter> targets, List<Parameter> sources) {
        if (targets.size() != sources.size()) {
            throw new IllegalArgumentException("GradientSum.addInto: " + sources.size() + " source parameters for "
                    + targets.size() + " targets");
        }
        for (int i = 0; i < targets.size(); i++) {
            requireSameForm(i, targets.get(i), sources.get(i));
        }
        for (int i = 0; i < targets.size(); i++) {
            add(targets.get(i), sources.get(i));
        }
    }

    private static void add(Parameter target, Parameter source) {
        if (!source.hasGrad()) {
            return;
        }
        RowSparseGrad rows = source.sparseGrad();
        if (rows != null) {
            if (rows.count() > 0) {
                target.accumulateRowGrad(rows.rows(), rows.values());
            }
            return;
        }
        target.addToGrad(source.grad());
    }

    private static void requireSameForm(int i, Parameter target, Parameter source) {
        if (!Arrays.equals(target.shape(), source.shape()) || target.dataType() != source.dataType()) {
            throw new IllegalArgumentException("GradientSum.addInto: parameter " + i + " is " + source.dataType()
                    + Arrays.toString(source.shape()) + " in the source but " + target.dataType()
                    + Arrays.toString(target.shape()) + " in the target");
        }
    }
}
