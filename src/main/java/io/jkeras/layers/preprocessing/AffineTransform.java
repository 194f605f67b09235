package io.jkeras.layers.preprocessing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * One affine resampling of a batch of NHWC images, as TensorFlow's {@code ImageProjectiveTransformV3} (what Keras's
 * {@code ops.image.affine_transform} runs): output pixel {@code (x, y)} of image {@code b} reads the input at
 * {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}, with that image's row {@code [a0, a1, a2, b0, b1, b2]}.
 *
 * <p>Coordinates outside the image are first mapped by the fill mode, with TensorFlow's formulas: {@code "reflect"}
 * ({@code d c b a | a b c d | d c b a}), {@code "wrap"} ({@code a b c d | a b c d}), {@code "nearest"}
 * ({@code a a | a b c d | d d}), or {@code "constant"} (left as they are). TensorFlow's wrap is kept as it is: it
 * shifts by multiples of {@code len} counted by dividing by {@code len - 1}, so a coordinate more than {@code len - 1}
 * outside may land outside again and be clamped to an edge instead of wrapped. Then {@code "nearest"} interpolation
 * reads the pixel at the rounded coordinates, {@code "bilinear"} blends the four around them; a pixel read outside
 * the image is {@code fill_value}. The sampling plan (which input rows, with which weights) is computed once with
 * ND4J ops over the whole batch; {@link #apply} is then 1 or 4 native gathers, and {@link #adjoint} (the exact
 * gradient with respect to the input, for this plan) one native {@code unsorted_segment_sum}. The
 * {@code (1 - weights)} share of a pixel read outside goes to the fill value, which has no gradient.
 *
 * <pre>{@code
 * AffineTransform t = AffineTransform.plan(new double[][]{{1, 0, -2, 0, 1, 0}}, 28, 28, "bilinear", "constant");
 * INDArray shifted = t.apply(images, 0.0);   // moved 2 pixels to the right, zeros on the left
 * }</pre>
 */
public final class AffineTransform {
    /** Keras's interpolation names for affine transforms. */
    public static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear");
    /** Keras's fill modes (TensorFlow's: no "mirror"). */
    public static final List<String> FILL_MODES = List.of("reflect", "wrap", "constant", "nearest");

    private final long batch, height, width;
    private final INDArray[] index;  // per corner, INT (N,): rows of the (B*H*W, C) input
    private final INDArray[] weight; // per corner, (N, 1), 0 where the corner lies outside the image
    private final INDArray fill;     // (N, 1): the weight of fill_value

    private AffineTransform(long batch, long height, long width, INDArray[] index, INDArray[] weight, INDArray fill) {
        this.batch = batch;
        this.height = height;
        this.width = width;
        this.index = index;
        this.weight = weight;
        this.fill = fill;
    }

    /**
     * The sampling plan of these transforms on images of this size.
     *
     * @param transforms one row {@code [a0, a1, a2, b0, b1, b2]} per image
     * @param height image height
     * @param width image width
     * @param interpolation {@code "nearest"} or {@code "bilinear"}
     * @param fillMode {@code "reflect"}, {@code "wrap"}, {@code "constant"} or {@code "nearest"}
     */
    public static AffineTransform plan(double[][] transforms, long height, long width, String interpolation, String fillMode) {
        long b = transforms.length, hw = height * width;
        INDArray t = Nd4j.createFromArray(transforms).castTo(DataType.DOUBLE);
        // The output grid as rows (x, y, 1): one gemm per input coordinate for the whole batch.
        INDArray grid = Nd4j.ones(DataType.DOUBLE, 3, hw);
        INDArray cols = Nd4j.arange(0, width).castTo(DataType.DOUBLE).reshape(1, width);
        INDArray rows = Nd4j.arange(0, height).castTo(DataType.DOUBLE).reshape(height, 1);
        grid.getRow(0).assign(Nd4j.zeros(DataType.DOUBLE, height, width).addiRowVector(cols).reshape(hw));
        grid.getRow(1).assign(Nd4j.zeros(DataType.DOUBLE, height, width).addiColumnVector(rows).reshape(hw));
        INDArray x = map(t.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).mmul(grid), width, fillMode);
        INDArray y = map(t.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).mmul(grid), height, fillMode);
        INDArray offset = Nd4j.arange(0, b).castTo(DataType.DOUBLE).muli(hw).reshape(b, 1);
        if (interpolation.equals("nearest")) {
            INDArray rx = Transforms.round(x, true), ry = Transforms.round(y, true); // half away from zero, as std::round
            return corners(b, height, width, offset, new INDArray[]{ry}, new INDArray[]{rx},
                    new INDArray[]{Nd4j.onesLike(x)}, new INDArray[]{Nd4j.onesLike(x)});
        }
        INDArray x0 = Transforms.floor(x, true), y0 = Transforms.floor(y, true);
        INDArray x1 = x0.add(1), y1 = y0.add(1);
        INDArray wx1 = x.sub(x0), wx0 = x1.sub(x), wy1 = y.sub(y0), wy0 = y1.sub(y);
        return corners(b, height, width, offset, new INDArray[]{y0, y0, y1, y1}, new INDArray[]{x0, x1, x0, x1},
                new INDArray[]{wy0, wy0, wy1, wy1}, new INDArray[]{wx0, wx1, wx0, wx1});
    }

    private static AffineTransform corners(long b, long h, long w, INDArray offset, INDArray[] ys, INDArray[] xs,
                                           INDArray[] wy, INDArray[] wx) {
        long n = b * h * w;
        INDArray[] index = new INDArray[ys.length], weight = new INDArray[ys.length];
        INDArray fill = Nd4j.zeros(DataType.DOUBLE, b, h * w);
        for (int k = 0; k < ys.length; k++) {
            INDArray inside = ys[k].gte(0).castTo(DataType.DOUBLE).muli(ys[k].lt(h).castTo(DataType.DOUBLE))
                    .muli(xs[k].gte(0).castTo(DataType.DOUBLE)).muli(xs[k].lt(w).castTo(DataType.DOUBLE));
            INDArray wk = wy[k].mul(wx[k]);
            fill.addi(wk.mul(inside.rsub(1)));
            // Rows outside the image point at row 0 with weight 0.
            INDArray row = ys[k].mul(w).addi(xs[k]).addiColumnVector(offset).muli(inside);
            index[k] = row.reshape(n).castTo(DataType.INT);
            weight[k] = wk.muli(inside).reshape(n, 1);
        }
        return new AffineTransform(b, h, w, index, weight, fill.reshape(n, 1));
    }

    /** TensorFlow's {@code MapCoordinate} for this fill mode, on a whole array of coordinates along an axis of {@code len}. */
    static INDArray map(INDArray v, long len, String fillMode) {
        switch (fillMode) {
            case "constant":
                return v;
            case "nearest":
                return clamp(v, len);
            case "reflect": {
                if (len <= 1) return Nd4j.zerosLike(v);
                // [abcd] -> [dcba|abcd|dcba]: u = v mod 2len, then u or 2len - 1 - u (TensorFlow's two branches in one).
                double sz2 = 2.0 * len;
                INDArray u = v.sub(Transforms.floor(v.div(sz2), false).muli(sz2));
                INDArray back = u.gte(len).castTo(DataType.DOUBLE);
                return clamp(u.add(back.mul(u.mul(-2).addi(sz2 - 1))), len);
            }
            case "wrap": {
                if (len <= 1) return Nd4j.zerosLike(v);
                // TensorFlow's formula: below 0 add len * (trunc(-v / (len-1)) + 1), above len-1 subtract len * trunc(v / (len-1)).
                double sz = len - 1;
                INDArray below = v.lt(0).castTo(DataType.DOUBLE), above = v.gt(len - 1).castTo(DataType.DOUBLE);
                INDArray up = Transforms.floor(v.neg().divi(sz), false).addi(1).muli(len).muli(below);
                INDArray down = Transforms.floor(v.div(sz), false).muli(len).muli(above);
                return clamp(v.add(up).subi(down), len);
            }
            default:
                throw new IllegalArgumentException("Invalid value for argument `fill_mode`. Expected of one " + FILL_MODES
                        + ". Received: fill_mode=" + fillMode);
        }
    }

    private static INDArray clamp(INDArray v, long len) {
        return Transforms.min(Transforms.max(v, 0.0, true), len - 1.0, false);
    }

    /** Resamples {@code x} {@code (B, H, W, C)}, a float array of the planned size; a new array. */
    public INDArray apply(INDArray x, double fillValue) {
        long c = x.size(3), n = batch * height * width;
        INDArray flat = x.reshape('c', n, c); // a view when x is contiguous, else a copy
        INDArray out = null;
        for (int k = 0; k < index.length; k++) {
            INDArray picked = Nd4j.exec(new Gather(flat, index[k], 0))[0];
            picked.muliColumnVector(weight[k].castTo(x.dataType()));
            out = out == null ? picked : out.addi(picked);
        }
        if (fillValue != 0) out.addiColumnVector(fill.mul(fillValue).castTo(x.dataType()));
        return out.reshape(batch, height, width, c);
    }

    /** The gradient with respect to the input for the output gradient {@code g} {@code (B, H, W, C)}: the transposed plan. */
    public INDArray adjoint(INDArray g) {
        long c = g.size(3), n = batch * height * width;
        INDArray flat = g.reshape('c', n, c);
        INDArray[] parts = new INDArray[index.length];
        for (int k = 0; k < index.length; k++) parts[k] = flat.mulColumnVector(weight[k].castTo(g.dataType()));
        INDArray data = index.length == 1 ? parts[0] : Nd4j.concat(0, parts);
        INDArray ids = index.length == 1 ? index[0] : Nd4j.concat(0, index);
        // Sums every contribution to the same input pixel (duplicates included), deterministically.
        INDArray dx = Nd4j.exec(new UnsortedSegmentSum(data, ids, (int) n))[0];
        return dx.reshape(batch, height, width, c);
    }
}
