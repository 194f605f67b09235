package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Dilation by a spread-out kernel, shared by the convolution layers ({@link BaseConv}, {@link BaseConvTranspose},
 * {@link BaseDepthwiseConv}, {@link BaseSeparableConv}).
 *
 * <p>ND4J M2.1's oneDNN kernels reject a dilation above 1 ("could not create a descriptor for a dilated
 * convolution" for conv2d and float32 depthwise_conv2d), and its deconv2d/deconv3d leave oneDNN for their slow
 * generic path as soon as one is given. A dilated convolution is therefore run as the plain one with the dilated
 * kernel: the taps spread {@code d} apart with zeros between them (the same numbers, {@code d^k} times the
 * multiply-adds, oneDNN kept). Its kernel gradient is the dilated kernel's gradient read at the taps.
 *
 * <p>The kernel's leading {@code kernelSize.length} axes are the spatial ones; any trailing axes (channels) are kept.
 */
final class KernelDilation {
    private KernelDilation() {
    }

    /** True if some axis is dilated. */
    static boolean any(int[] dilation) {
        for (int d : dilation) if (d > 1) return true;
        return false;
    }

    /** The spatial size of the dilated kernel along each axis: {@code d*(k-1)+1}. */
    static int[] effectiveSize(int[] kernelSize, int[] dilation) {
        int[] out = new int[kernelSize.length];
        for (int i = 0; i < out.length; i++) out[i] = dilation[i] * (kernelSize[i] - 1) + 1;
        return out;
    }

    /** The indices of the real taps inside a dilated kernel of array rank {@code r}. */
    static INDArrayIndex[] taps(int r, int[] kernelSize, int[] dilation) {
        INDArrayIndex[] idx = new INDArrayIndex[r];
        for (int i = 0; i < r; i++) idx[i] = NDArrayIndex.all();
        for (int i = 0; i < kernelSize.length; i++) {
            // a 1-wide or undilated axis keeps all() (ND4J rejects a strided interval over a size-1 axis)
            if (kernelSize[i] > 1 && dilation[i] > 1) {
                idx[i] = NDArrayIndex.interval(0, dilation[i], (long) dilation[i] * (kernelSize[i] - 1) + 1);
            }
        }
        return idx;
    }

    /** {@code w} spread out by {@code dilation}, or {@code w} itself when nothing is dilated. */
    static INDArray dilate(INDArray w, int[] kernelSize, int[] dilation) {
        if (!any(dilation)) return w;
        long[] shape = w.shape().clone();
        int[] eff = effectiveSize(kernelSize, dilation);
        for (int i = 0; i < eff.length; i++) shape[i] = eff[i];
        INDArray wd = Nd4j.zeros(w.dataType(), shape);
        wd.get(taps(w.rank(), kernelSize, dilation)).assign(w);
        return wd;
    }

    /** The gradient of the real kernel from the gradient {@code g} of its dilated form. */
    static INDArray undilate(INDArray g, int[] kernelSize, int[] dilation) {
        return any(dilation) ? g.get(taps(g.rank(), kernelSize, dilation)) : g;
    }
}
