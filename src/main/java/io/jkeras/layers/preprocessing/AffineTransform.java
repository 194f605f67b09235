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
    // The general plan: per corner, the rows of the (B*H*W, C) input to read and their weights.
    private final int[][] rows;      // per corner, (N,): rows of the input
    private final INDArray[] index;  // the same as INT arrays, for the adjoint's segment sum
    private final INDArray[] weight; // per corner, (N, 1), 0 where the corner lies outside the image
    private final INDArray fill;     // (N, 1) or, separable, (B, H, W, 1): the weight of fill_value
    // The separable plan (no rotation or shear): out[b] = ry[b] . in[b] . rx[b]' per channel.
    private final INDArray ry;       // (B, H, H)
    private final INDArray rx;       // (B, W, W)

    private AffineTransform(long batch, long height, long width, int[][] rows, INDArray[] index, INDArray[] weight,
                            INDArray fill, INDArray ry, INDArray rx) {
        this.batch = batch;
        this.height = height;
        this.width = width;
        this.rows = rows;
        this.index = index;
        this.weight = weight;
        this.fill = fill;
        this.ry = ry;
        this.rx = rx;
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
        return plan(transforms, height, width, interpolation, fillMode, DataType.DOUBLE);
    }

    /**
     * The plan, with coordinates and weights computed in {@code type} (the images' float type: TensorFlow computes
     * them in float32).
     */
    public static AffineTransform plan(double[][] transforms, long height, long width, String interpolation, String fillMode,
                                       DataType type) {
        if (!INTERPOLATIONS.contains(interpolation)) {
            throw new IllegalArgumentException("Invalid value for argument `interpolation`. Expected of one " + INTERPOLATIONS
                    + ". Received: interpolation=" + interpolation);
        }
        boolean axisAligned = true;
        for (double[] row : transforms) axisAligned &= row[1] == 0 && row[3] == 0;
        if (axisAligned) return separable(transforms, height, width, interpolation, fillMode);
        long b = transforms.length, hw = height * width;
        INDArray t = Nd4j.createFromArray(transforms).castTo(type);
        // The output grid as rows (x, y, 1): one gemm per input coordinate for the whole batch.
        INDArray grid = Nd4j.ones(type, 3, hw);
        INDArray cols = Nd4j.arange(0, width).castTo(type).reshape(1, width);
        INDArray rows = Nd4j.arange(0, height).castTo(type).reshape(height, 1);
        grid.getRow(0).assign(Nd4j.zeros(type, height, width).addiRowVector(cols).reshape(hw));
        grid.getRow(1).assign(Nd4j.zeros(type, height, width).addiColumnVector(rows).reshape(hw));
        INDArray x = map(t.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).mmul(grid), width, fillMode);
        INDArray y = map(t.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).mmul(grid), height, fillMode);
        if (interpolation.equals("nearest")) {
            INDArray rx = Transforms.round(x, true), ry = Transforms.round(y, true); // half away from zero, as std::round
            return corners(b, height, width, new INDArray[]{ry}, new INDArray[]{rx}, new INDArray[]{Nd4j.onesLike(x)},
                    new INDArray[]{Nd4j.onesLike(x)}, new int[][]{{0, 0}});
        }
        INDArray x0 = Transforms.floor(x, true), y0 = Transforms.floor(y, true);
        INDArray x1 = x0.add(1), y1 = y0.add(1);
        INDArray wx1 = x.sub(x0), wx0 = x1.sub(x), wy1 = y.sub(y0), wy0 = y1.sub(y);
        // corners (y0, x0), (y0, x1), (y1, x0), (y1, x1)
        return corners(b, height, width, new INDArray[]{y0, y1}, new INDArray[]{x0, x1}, new INDArray[]{wy0, wy1},
                new INDArray[]{wx0, wx1}, new int[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    }

    /** The gather plan of these corners: {@code pairs[k]} picks the row coordinate and the column coordinate of corner k. */
    private static AffineTransform corners(long b, long h, long w, INDArray[] ys, INDArray[] xs, INDArray[] wy, INDArray[] wx,
                                           int[][] pairs) {
        long n = b * h * w;
        DataType type = ys[0].dataType();
        // Each coordinate's "inside the image" mask and integer offset, once per coordinate rather than per corner.
        INDArray[] inY = new INDArray[ys.length], inX = new INDArray[xs.length], rowOff = new INDArray[ys.length], colOff = new INDArray[xs.length];
        INDArray batchOff = Nd4j.arange(0, b).castTo(DataType.INT).muli((int) (h * w)).reshape(b, 1);
        for (int i = 0; i < ys.length; i++) {
            inY[i] = ys[i].gte(0).castTo(type).muli(ys[i].lt(h).castTo(type));
            rowOff[i] = ys[i].castTo(DataType.INT).muli((int) w).addiColumnVector(batchOff);
        }
        for (int i = 0; i < xs.length; i++) {
            inX[i] = xs[i].gte(0).castTo(type).muli(xs[i].lt(w).castTo(type));
            colOff[i] = xs[i].castTo(DataType.INT);
        }
        int[][] rows = new int[pairs.length][];
        INDArray[] index = new INDArray[pairs.length], weight = new INDArray[pairs.length];
        INDArray fill = Nd4j.zeros(type, b, h * w);
        for (int k = 0; k < pairs.length; k++) {
            int py = pairs[k][0], px = pairs[k][1];
            INDArray inside = inY[py].mul(inX[px]);
            INDArray wk = wy[py].mul(wx[px]);
            fill.addi(wk.mul(inside.rsub(1)));
            // Rows outside the image point at row 0 with weight 0.
            index[k] = rowOff[py].add(colOff[px]).muli(inside.castTo(DataType.INT)).reshape(n);
            rows[k] = index[k].toIntVector();
            weight[k] = wk.muli(inside).reshape(n, 1);
        }
        return new AffineTransform(b, h, w, rows, index, weight, fill.reshape(n, 1), null, null);
    }

    /**
     * The plan of transforms without rotation or shear ({@code a1 = b0 = 0}: zooms, shifts): each axis is resampled
     * on its own, so the resampling is {@code ry[b] . image . rx[b]'} with one {@code (n, n)} interpolation matrix per
     * axis and image, built from the same coordinates, fill modes and weights as the general plan; the constant fill
     * takes the weight {@code 1 - (row sum of ry) (row sum of rx)} (a corner is inside when both its coordinates are).
     */
    private static AffineTransform separable(double[][] t, long h, long w, String interpolation, String fillMode) {
        int b = t.length;
        double[][] colCoef = new double[b][], rowCoef = new double[b][];
        for (int i = 0; i < b; i++) {
            colCoef[i] = new double[]{t[i][0], t[i][2]};
            rowCoef[i] = new double[]{t[i][4], t[i][5]};
        }
        INDArray rx = axisMatrices(colCoef, w, interpolation, fillMode);
        INDArray ry = axisMatrices(rowCoef, h, interpolation, fillMode);
        INDArray inY = ry.sum(2).reshape(b, h, 1, 1), inX = rx.sum(2).reshape(b, 1, w, 1);
        INDArray fill = Nd4j.ones(DataType.DOUBLE, b, h, w, 1).subi(inY.mul(inX));
        return new AffineTransform(b, h, w, null, null, null, fill, ry, rx);
    }

    /** Per image, the {@code (len, len)} matrix of one axis: output {@code i} reads input {@code scale i + shift}. */
    private static INDArray axisMatrices(double[][] coef, long len, String interpolation, String fillMode) {
        int b = coef.length;
        INDArray ab = Nd4j.createFromArray(coef).castTo(DataType.DOUBLE);                     // (B, 2)
        INDArray grid = Nd4j.vstack(Nd4j.arange(0, len).castTo(DataType.DOUBLE).reshape(1, len), Nd4j.ones(DataType.DOUBLE, 1, len));
        double[][] v = map(ab.mmul(grid), len, fillMode).toDoubleMatrix();                    // (B, len) input coordinates
        double[][][] m = new double[b][(int) len][(int) len];
        // One pass over the output positions of one axis (not over the image's pixels).
        for (int i = 0; i < b; i++) {
            for (int o = 0; o < len; o++) {
                double c = v[i][o];
                if (interpolation.equals("nearest")) {
                    add(m[i][o], Math.signum(c) * Math.floor(Math.abs(c) + 0.5), 1.0); // std::round
                } else {
                    double lo = Math.floor(c);
                    add(m[i][o], lo, lo + 1 - c);
                    add(m[i][o], lo + 1, c - lo);
                }
            }
        }
        return Nd4j.createFromArray(m);
    }

    private static void add(double[] row, double at, double weight) {
        if (at >= 0 && at < row.length) row[(int) at] += weight; // outside: the fill value's share
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
        if (ry != null) {
            INDArray out = separable(x, ry.castTo(x.dataType()), rx.castTo(x.dataType()));
            if (fillValue != 0) out.addi(fill.mul(fillValue).castTo(x.dataType()));
            return out;
        }
        INDArray flat = x.reshape('c', n, c); // a view when x is contiguous, else a copy
        INDArray out = null;
        for (int k = 0; k < rows.length; k++) {
            INDArray picked = Nd4j.pullRows(flat, 1, rows[k]); // ND4J's native row copy: faster here than its gather op
            picked.muliColumnVector(weight[k].castTo(x.dataType()));
            out = out == null ? picked : out.addi(picked);
        }
        if (fillValue != 0) out.addiColumnVector(fill.mul(fillValue).castTo(x.dataType()));
        return out.reshape(batch, height, width, c);
    }

    /** The gradient with respect to the input for the output gradient {@code g} {@code (B, H, W, C)}: the transposed plan. */
    public INDArray adjoint(INDArray g) {
        long c = g.size(3), n = batch * height * width;
        if (ry != null) {
            return separable(g, ry.castTo(g.dataType()).permute(0, 2, 1), rx.castTo(g.dataType()).permute(0, 2, 1));
        }
        INDArray flat = g.reshape('c', n, c);
        INDArray[] parts = new INDArray[index.length];
        for (int k = 0; k < index.length; k++) parts[k] = flat.mulColumnVector(weight[k].castTo(g.dataType()));
        INDArray data = index.length == 1 ? parts[0] : Nd4j.concat(0, parts);
        INDArray ids = index.length == 1 ? index[0] : Nd4j.concat(0, index);
        // Sums every contribution to the same input pixel (duplicates included), deterministically.
        INDArray dx = Nd4j.exec(new UnsortedSegmentSum(data, ids, (int) n))[0];
        return dx.reshape(batch, height, width, c);
    }

    /** {@code my[b] . x[b] . mx[b]'} for every image and channel: two batched matrix products. */
    private INDArray separable(INDArray x, INDArray my, INDArray mx) {
        long c = x.size(3);
        // rows: (B, H, H) @ (B, H, W*C)
        INDArray t = Nd4j.matmul(my, x.reshape('c', batch, height, width * c));
        // columns: (B, W, W) @ (B, W, H*C) on the image transposed to (B, W, H, C)
        INDArray tw = t.reshape(batch, height, width, c).permute(0, 2, 1, 3).dup('c').reshape(batch, width, height * c);
        INDArray u = Nd4j.matmul(mx, tw);
        return u.reshape(batch, width, height, c).permute(0, 2, 1, 3).dup('c');
    }
}
