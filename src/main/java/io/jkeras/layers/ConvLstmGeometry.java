package io.jkeras.layers;

import io.jkeras.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sizes of a {@link ConvLSTM} call: the spatial sizes of a step's input and of its output (the states),
 * the input channels and the filters, with the layouts that ND4J's convolution ops are called with (a 1-D
 * convolution runs as a 2-D one over a single row). Package-private.
 *
 * @param rank the number of spatial axes (1, 2 or 3)
 * @param in the spatial sizes of a step's input
 * @param channels the input channels
 * @param out the spatial sizes of a step's output: Keras's {@code compute_conv_output_shape}
 * @param filters the output channels
 * @param channelsFirst the layer's data format (the loop itself always runs channels-last)
 */
record ConvLstmGeometry(int rank, int[] in, int channels, int[] out, int filters, boolean channelsFirst) {

    /** The geometry of a sequence shape {@code (batch, time, ...)} for this layer, with Keras's errors for undefined sizes. */
    static ConvLstmGeometry of(ConvLSTM<?> l, Shape seq) {
        int r = l.rank;
        int[] in = new int[r];
        Integer ch = l.channelsFirst ? seq.get(2) : seq.get(seq.rank() - 1);
        for (int i = 0; i < r; i++) {
            Integer d = seq.get(l.channelsFirst ? 3 + i : 2 + i);
            if (d == null) {
                throw LayerErrors.of(l, "ConvLSTM layers only support static input shapes for the spatial dimension. "
                        + "Received invalid input shape: input_shape=" + seq);
            }
            in[i] = d;
        }
        if (ch == null) {
            throw LayerErrors.of(l, "The channel dimension of the inputs (last axis) should be defined. Found None. "
                    + "Full input shape received: input_shape=" + seq);
        }
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int k = (l.kernelSize[i] - 1) * l.dilationRate[i] + 1;
            out[i] = l.samePadding ? (in[i] + l.strides[i] - 1) / l.strides[i] : Math.floorDiv(in[i] - k, l.strides[i]) + 1;
            if (out[i] <= 0) {
                throw LayerErrors.of(l, "Computed output size would be negative. Received `inputs shape=" + seq + "`, `kernel shape="
                        + BaseConv.tupleString(l.kernelSize) + "`, `dilation_rate=" + BaseConv.tupleString(l.dilationRate) + "`.");
            }
        }
        return new ConvLstmGeometry(r, in, ch, out, l.units, l.channelsFirst);
    }

    /** Pixels of a step's output. */
    long outPixels() {
        long p = 1;
        for (int d : out) p *= d;
        return p;
    }

    /** Length of a step's input flattened (channels-last). */
    long inputSize() {
        long p = channels;
        for (int d : in) p *= d;
        return p;
    }

    /** Length of a state flattened (channels-last). */
    long stateSize() {
        return outPixels() * filters;
    }

    /** Whether another call's geometry has the same step input. */
    boolean sameInput(ConvLstmGeometry o) {
        return Arrays.equals(in, o.in) && channels == o.channels;
    }

    /** The input shape {@code (batch, None, ...)} in the layer's data format. */
    Shape inputShape(Integer batch) {
        List<Integer> d = new ArrayList<>();
        d.add(batch);
        d.add(null);
        d.addAll(layout(in, channels));
        return Shape.of(d);
    }

    /** The shape of a state (and of one output step) in the layer's data format. */
    Shape stateShape(Integer batch) {
        List<Integer> d = new ArrayList<>();
        d.add(batch);
        d.addAll(layout(out, filters));
        return Shape.of(d);
    }

    private List<Integer> layout(int[] spatial, int ch) {
        List<Integer> d = new ArrayList<>();
        if (channelsFirst) d.add(ch);
        for (int s : spatial) d.add(s);
        if (!channelsFirst) d.add(ch);
        return d;
    }

    /** The array shape ND4J's op takes for {@code n} maps of these spatial sizes (channels-last; 1-D as one row). */
    long[] opShape(long n, int[] spatial, long ch) {
        long[] s = new long[(rank == 1 ? 2 : rank) + 2];
        s[0] = n;
        int o = 1;
        if (rank == 1) s[o++] = 1;
        for (int d : spatial) s[o++] = d;
        s[o] = ch;
        return s;
    }

    /** A Keras kernel {@code (*k, in, out)} as the op takes it (a 1-D kernel gains a leading axis of 1: a view). */
    long[] opKernelShape(long[] kerasShape) {
        if (rank != 1) return kerasShape;
        return new long[]{1, kerasShape[0], kerasShape[1], kerasShape[2]};
    }

    /** The op's name: {@code conv2d} for 1-D and 2-D, {@code conv3dnew} for 3-D. */
    String op() {
        return rank == 3 ? "conv3dnew" : "conv2d";
    }

    /** The op's integer arguments for these kernel sizes, strides, dilation and padding. */
    int[] args(int[] k, int[] s, int[] d, boolean same) {
        if (rank == 3) return NativeConv.conv3dArgs(k, s, d, same, true);
        if (rank == 1) return NativeConv.conv2dArgs(new int[]{1, k[0]}, new int[]{1, s[0]}, new int[]{1, d[0]}, same, true);
        return NativeConv.conv2dArgs(k, s, d, same, true);
    }

    /** {@code (*k, a, b)}. */
    static long[] concat(int[] k, long a, long b) {
        long[] s = new long[k.length + 2];
        for (int i = 0; i < k.length; i++) s[i] = k[i];
        s[k.length] = a;
        s[k.length + 1] = b;
        return s;
    }

    /** An int tuple as the list a config holds. */
    static List<Integer> list(int[] v) {
        List<Integer> l = new ArrayList<>();
        for (int x : v) l.add(x);
        return l;
    }
}
