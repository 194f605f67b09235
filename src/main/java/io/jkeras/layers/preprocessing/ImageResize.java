package io.jkeras.layers.preprocessing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Image resizing as TensorFlow's {@code tf.image.resize} (what Keras 3's {@code Resizing} runs on its TensorFlow
 * backend, {@code antialias=False}): {@code "bilinear"} and {@code "nearest"} with half-pixel centers, through
 * ND4J's native {@code resize_bilinear} / {@code resize_nearest_neighbor} ops (they follow TensorFlow's kernels).
 *
 * <p>Both are separable linear maps, {@code out[b] = Ry · in[b] · Rxᵀ} per channel, with an interpolation matrix
 * per axis ({@link #matrix}); ND4J has no backward op for them, so {@link #backward} applies the transposed
 * matrices ({@code dIn[b] = Ryᵀ · dOut[b] · Rx}) with two tensor contractions.
 *
 * <pre>{@code
 * INDArray small = ImageResize.resize(images, 14, 14, "bilinear");   // (B, 28, 28, C) -> (B, 14, 14, C)
 * }</pre>
 */
public final class ImageResize {
    /** Keras's interpolation names for resizing. */
    public static final List<String> KERAS_INTERPOLATIONS = List.of("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic", "area");
    /** The ones jkeras implements. */
    public static final List<String> INTERPOLATIONS = List.of("bilinear", "nearest");

    private ImageResize() {
    }

    /** Resizes NHWC float images to {@code (height, width)} with half-pixel centers; a new array of {@code x}'s type. */
    public static INDArray resize(INDArray x, int height, int width, String interpolation) {
        String op = switch (interpolation) {
            case "bilinear" -> "resize_bilinear";
            case "nearest" -> "resize_nearest_neighbor";
            default -> throw new IllegalArgumentException("Interpolation \"" + interpolation + "\" is not supported here; "
                    + INTERPOLATIONS + " are.");
        };
        INDArray out = Nd4j.create(x.dataType(), x.size(0), height, width, x.size(3));
        // bArgs: align_corners=false, half_pixel_centers=true (tf.image.resize v2).
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x).addOutputs(out)
                .addIntegerArguments(height, width).addBooleanArguments(false, true).build());
        return out;
    }

    /**
     * The {@code (out, in)} interpolation matrix of one axis, with TensorFlow's float32 coordinates: bilinear reads
     * {@code (i + 0.5) * in/out - 0.5} between its floor and ceiling (clamped to the axis), nearest reads
     * {@code floor((i + 0.5) * in/out)}.
     */
    public static INDArray matrix(int in, int out, String interpolation, DataType type) {
        double[][] m = new double[out][in];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            if (interpolation.equals("nearest")) {
                m[i][Math.max(0, Math.min((int) Math.floor((i + 0.5f) * scale), in - 1))] = 1;
            } else {
                float c = (i + 0.5f) * scale - 0.5f;
                int lo = (int) Math.max(Math.floor(c), 0), hi = (int) Math.min(Math.ceil(c), in - 1);
                double frac = c - Math.floor(c);
                m[i][lo] += 1 - frac;
                m[i][hi] += frac;
            }
        }
        return Nd4j.createFromArray(m).castTo(type);
    }

    /**
     * The gradient with respect to the input images {@code (B, inH, inW, C)} of a resize, for the output gradient
     * {@code g} {@code (B, outH, outW, C)}.
     */
    public static INDArray backward(INDArray g, int inHeight, int inWidth, String interpolation) {
        INDArray ry = matrix(inHeight, (int) g.size(1), interpolation, g.dataType());
        INDArray rx = matrix(inWidth, (int) g.size(2), interpolation, g.dataType());
        INDArray t = Nd4j.tensorMmul(g, ry, new int[][]{{1}, {0}});   // (B, outW, C, inH)
        INDArray u = Nd4j.tensorMmul(t, rx, new int[][]{{1}, {0}});   // (B, C, inH, inW)
        return u.permute(0, 2, 3, 1).dup('c');
    }
}
