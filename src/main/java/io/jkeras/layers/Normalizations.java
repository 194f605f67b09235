package io.jkeras.layers;

import io.jkeras.Shape;

/** Axis helpers shared by the normalization layers (package-private machinery). */
final class Normalizations {
    private Normalizations() {
    }

    /** {@code axis} as a non-negative index into a shape of this rank; Keras's message if out of range. */
    static int resolveAxis(int axis, int rank, String layer, Shape inputShape) {
        int a = axis < 0 ? rank + axis : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("Invalid axis: " + axis + " for layer \"" + layer + "\" with input shape "
                    + inputShape + " (rank " + rank + ").");
        }
        return a;
    }

    /** Every axis of this rank except the given ones (sorted), e.g. the reduction axes of a batch norm. */
    static int[] allBut(int rank, int... keep) {
        int[] out = new int[rank - keep.length];
        int n = 0;
        for (int i = 0; i < rank; i++) {
            boolean kept = false;
            for (int k : keep) kept |= k == i;
            if (!kept) out[n++] = i;
        }
        return out;
    }
}
