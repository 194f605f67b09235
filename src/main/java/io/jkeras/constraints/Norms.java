package io.jkeras.constraints;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/** The pieces the norm constraints share: their {@code axis} argument and the L2 norms along it. */
final class Norms {
    private Norms() {
    }

    /** {@code sqrt(Σ w²)} over {@code axis} (negative counts from the end), kept as size-1 axes for broadcasting. */
    static INDArray along(INDArray w, int[] axis) {
        int[] dims = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            int a = axis[i] < 0 ? axis[i] + w.rank() : axis[i];
            if (a < 0 || a >= w.rank()) {
                throw new IllegalArgumentException("axis " + axis[i] + " is out of bounds for a weight of rank " + w.rank()
                        + " (shape " + Shape.ofArray(w.shape()) + ")");
            }
            dims[i] = a;
        }
        return w.norm2(true, dims);
    }

    /** The {@code axis} of a config: a number or a list, 0 when absent (Keras's default). */
    static int[] axis(Config c) {
        int[] a = c.getInts("axis");
        return a == null ? new int[]{0} : a;
    }

    /** As Keras writes it: a number for one axis, a list for several. */
    static Object toConfig(int[] axis) {
        if (axis.length == 1) return axis[0];
        List<Integer> l = new ArrayList<>();
        for (int a : axis) l.add(a);
        return l;
    }
}
