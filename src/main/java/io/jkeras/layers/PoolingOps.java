package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Calls ND4J's native pooling kernels ({@code maxpool2d}, {@code avgpool2d}, {@code maxpool3dnew},
 * {@code avgpool3dnew}) and their {@code _bp} gradients, which run on oneDNN on CPU and cuDNN on GPU.
 *
 * <p>The ops are called by name with explicit integer arguments rather than through the Java wrappers
 * ({@code MaxPooling2D} with {@code Pooling2DConfig}): the same native kernels, but every argument, the layout
 * flag and the average's divisor mode included, is visible here and cannot be re-mapped on the way.
 *
 * <p>Argument layout, as libnd4j reads it: 2D {@code kH, kW, sH, sW, pH, pW, dH, dW, sameMode, extra, isNHWC};
 * 3D {@code kD, kH, kW, sD, sH, sW, pD, pH, pW, dD, dH, dW, sameMode, extra, isNDHWC}. In same mode the kernel
 * computes the padding itself, TF's way (the odd cell at the end). For the average, {@code extra = 0} divides
 * by the number of real input cells in the window, not the window size: Keras's (TF's) rule, where padding
 * cells are not counted. Max pooling's gradient goes to one maximum per window, the first in row-major order
 * when several tie (tested on a 2×2 window), as TF's MaxPoolGrad does.
 */
final class PoolingOps {
    private PoolingOps() {
    }

    /** Pools a 4-D array; {@code outShape} is the output's full shape, computed by the layer. */
    static Forward pool2d(boolean max, INDArray x, long[] outShape, int[] k, int[] s, boolean same, boolean channelsLast) {
        int[] args = {k[0], k[1], s[0], s[1], 0, 0, 1, 1, same ? 1 : 0, 0, channelsLast ? 1 : 0};
        return run(max ? "maxpool2d" : "avgpool2d", x, outShape, args);
    }

    /** Pools a 5-D array; {@code outShape} is the output's full shape, computed by the layer. */
    static Forward pool3d(boolean max, INDArray x, long[] outShape, int[] k, int[] s, boolean same, boolean channelsLast) {
        int[] args = {k[0], k[1], k[2], s[0], s[1], s[2], 0, 0, 0, 1, 1, 1, same ? 1 : 0, 0, channelsLast ? 1 : 0};
        return run(max ? "maxpool3dnew" : "avgpool3dnew", x, outShape, args);
    }

    private static Forward run(String op, INDArray x, long[] outShape, int[] args) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), outShape);
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x).addOutputs(out).addIntegerArguments(args).build());
        return Forward.of(out, g -> {
            INDArray dx = Nd4j.createUninitialized(x.dataType(), x.shape());
            Nd4j.exec(DynamicCustomOp.builder(op + "_bp").addInputs(x, g).addOutputs(dx).addIntegerArguments(args).build());
            return dx;
        });
    }
}
