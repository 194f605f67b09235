package io.jkeras.layers;

import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv3D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv3DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Calls of ND4J's native convolution ops ({@code conv2d}/{@code conv2d_bp}, {@code conv3dnew}/{@code conv3dnew_bp}),
 * which run on oneDNN (CPU) or cuDNN (GPU), on Keras's kernel layout {@code (*k, in, out)} — ND4J's weights
 * format YXIO (0) — so no weight is ever transposed.
 *
 * <p>The backward ops take {@code (input, weights, [bias], gradOutput)} with the same integer arguments as
 * the forward op and give the input, weight and bias gradients in one call. Their integer arguments are taken
 * from the forward op that ND4J builds from its config, so both always agree.
 */
final class NativeConv {
    private NativeConv() {
    }

    /** The integer arguments of conv2d: kernel, strides, explicit padding 0, dilation, same/valid, NHWC flag, YXIO. */
    static int[] conv2dArgs(int[] k, int[] s, int[] d, boolean same, boolean nhwc) {
        Conv2DConfig cfg = Conv2DConfig.builder()
                .kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(0).pW(0).dH(d[0]).dW(d[1])
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(nhwc ? Conv2DConfig.NHWC : Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.YXIO)
                .build();
        // Only the op's integer arguments are used: the inputs are passed to the executed op below.
        return toInts(new Conv2D(Nd4j.empty(), Nd4j.empty(), null, cfg).iArgs());
    }

    /** The integer arguments of conv3dnew: kernel, strides, padding 0, dilation, same/valid, NDHWC flag (weights format 0 = Keras's). */
    static int[] conv3dArgs(int[] k, int[] s, int[] d, boolean same, boolean ndhwc) {
        Conv3DConfig cfg = Conv3DConfig.builder()
                .kD(k[0]).kH(k[1]).kW(k[2]).sD(s[0]).sH(s[1]).sW(s[2]).pD(0).pH(0).pW(0).dD(d[0]).dH(d[1]).dW(d[2])
                .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
                .dataFormat(ndhwc ? Conv3DConfig.NDHWC : Conv3DConfig.NCDHW)
                .biasUsed(false)
                .build();
        return toInts(new Conv3D(Nd4j.empty(), Nd4j.empty(), null, cfg).iArgs());
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.toIntExact(v[i]);
        return out;
    }

    /** Runs a forward op ({@code conv2d} or {@code conv3dnew}); {@code b} may be null. */
    static INDArray forward(String op, int[] iArgs, INDArray x, INDArray w, INDArray b) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(op).addIntegerArguments(iArgs);
        if (b == null) builder.addInputs(x, w);
        else builder.addInputs(x, w, b);
        return Nd4j.exec(builder.build())[0];
    }

    /** Runs the matching backward op; returns {@code {dx, dw, db}} ({@code db} null without bias). */
    static INDArray[] backward(String op, int[] iArgs, INDArray x, INDArray w, INDArray b, INDArray dz) {
        DynamicCustomOp.DynamicCustomOpsBuilder builder = DynamicCustomOp.builder(op + "_bp").addIntegerArguments(iArgs);
        INDArray dx = x.ulike();
        INDArray dw = w.ulike();
        if (b == null) {
            builder.addInputs(x, w, dz).addOutputs(dx, dw);
        } else {
            builder.addInputs(x, w, b, dz).addOutputs(dx, dw, b.ulike());
        }
        INDArray[] out = Nd4j.exec(builder.build());
        return new INDArray[]{out[0], out[1], b == null ? null : out[2]};
    }
}
