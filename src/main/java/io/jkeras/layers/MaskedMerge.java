package io.jkeras.layers;

import io.jkeras.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Merge} whose masked entries do not take part, as Keras 3.4+'s {@code Multiply} and
 * {@code _apply_merge_op_and_or_mask} ({@code Maximum}, {@code Minimum}). Each input's mask, widened to the
 * input's shape, marks the entries that count; the others are replaced by a neutral value (1 for a product, the
 * lowest number for a maximum, the highest for a minimum) before the operation, so the result is the operation
 * over the entries that count. Where no input counts: 0 for a product (Keras zeroes outside the OR mask), the
 * first input's value for a maximum or minimum (what Keras's chain of {@code where}s leaves). Package-private.
 */
final class MaskedMerge {
    private MaskedMerge() {
    }

    static Forward forward(Merge layer, List<INDArray> inputs, List<INDArray> masks, double fill, boolean zeroWhereNone) {
        List<Shape> shapes = new ArrayList<>();
        for (INDArray x : inputs) shapes.add(Shape.ofArray(x.shape()));
        LayerErrors.requireAtLeast(layer, shapes, 2);
        long[] out = layer.outputShape(shapes).toLongArray(0);
        DataType t = inputs.get(0).dataType();
        double neutral = finite(fill, t);
        int n = inputs.size();
        List<INDArray> valid = new ArrayList<>(n); // 0/1 of the output's shape; null where an input has no mask
        List<INDArray> filled = new ArrayList<>(n);
        INDArray anyValid = null;
        boolean allMasked = true;
        for (int i = 0; i < n; i++) {
            INDArray x = Merge.stretch(inputs.get(i), out);
            INDArray m = masks.get(i);
            if (m == null) {
                valid.add(null);
                filled.add(x);
                allMasked = false;
                continue;
            }
            INDArray v = Merge.stretch(Masks.expand(m, inputs.get(i).shape(), t, layer), out);
            valid.add(v);
            // x where it counts, the neutral value elsewhere (finite, so 0 * neutral stays 0)
            filled.add(x.mul(v).addi(v.rsub(1.0).muli(neutral)));
            anyValid = anyValid == null ? v.dup() : Transforms.max(anyValid, v, false);
        }
        INDArray merged = layer.merge(filled);
        INDArray none = allMasked ? anyValid.rsub(1.0) : null; // 1 where no input counts
        INDArray x0 = Merge.stretch(inputs.get(0), out);
        INDArray y = none == null ? merged : zeroWhereNone ? merged.mul(anyValid) : merged.mul(anyValid).addi(x0.mul(none));
        INDArray keep = anyValid;
        return Forward.of(List.of(y), gs -> {
            INDArray g = gs.get(0);
            INDArray gv = none == null ? g : g.mul(keep);
            List<INDArray> d = layer.gradients(filled, merged, gv);
            List<INDArray> res = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                INDArray di = valid.get(i) == null ? d.get(i) : d.get(i).mul(valid.get(i)); // a replaced entry is a constant
                if (i == 0 && none != null && !zeroWhereNone) di = di.add(g.mul(none));
                res.add(Merge.shrink(di, inputs.get(i).shape()));
            }
            return res;
        });
    }

    /** {@code fill} within the finite range of type {@code t} (the lowest / highest number for ±MAX_VALUE). */
    private static double finite(double fill, DataType t) {
        double lim = t == DataType.DOUBLE ? Double.MAX_VALUE : t == DataType.FLOAT ? Float.MAX_VALUE
                : t == DataType.HALF ? 65504.0 : t == DataType.BFLOAT16 ? 3.38e38 : Float.MAX_VALUE;
        return Math.max(-lim, Math.min(lim, fill));
    }
}
