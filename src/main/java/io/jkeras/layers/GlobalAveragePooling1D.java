package io.jkeras.layers;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The mean over the steps of each channel, as {@code keras.layers.GlobalAveragePooling1D}.
 *
 * <p>Input {@code (batch, steps, channels)} (channels_last, default) or {@code (batch, channels, steps)} (channels_first); output
 * {@code (batch, channels)}, or with {@code keepdims(true)} the input's rank with the pooled axes of size 1.
 * {@code data_format} {@code "channels_last"} (default) or {@code "channels_first"}. No weights.
 *
 * <p>With a mask {@code (batch, steps)} on the input (an {@code Embedding(mask_zero=True)} upstream), the mean is
 * over the unmasked steps only, {@code sum(x * mask) / sum(mask)}, as Keras 3; the output has no mask. A sample
 * with every step masked gives 0 / 0 = NaN, as in Keras.
 *
 * <pre>{@code
 * jshell> new GlobalAveragePooling1D().apply(Input.shape(100, 64)).shape()
 * $1 ==> (None, 64)
 * }</pre>
 */
public class GlobalAveragePooling1D extends GlobalPooling<GlobalAveragePooling1D> {
    /** A global pooling with the defaults: channels_last, keepdims false. */
    public GlobalAveragePooling1D() {
        super(1, false);
    }

    /** It reads the mask (Keras's {@code supports_masking = True}) and consumes it. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    /** The steps are pooled away, and with them the mask (Keras's {@code compute_mask} returns None). */
    @Override
    public List<INDArray> computeMask(List<INDArray> inputs, List<INDArray> masks) {
        return null;
    }

    @Override
    public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
        INDArray mask = Masks.first(masks);
        if (mask == null) return forward(inputs, training);
        INDArray x = inputs.get(0);
        boolean last = dataFormat().equals("channels_last");
        int steps = last ? 1 : 2;
        long n = x.size(0), t = x.size(steps), c = x.size(last ? 2 : 1);
        if (mask.rank() != 2 || mask.size(0) != n || mask.size(1) != t) throw Masks.mismatch(this, mask.shape(), new long[]{n, t});
        // (batch, steps) -> (batch, steps, 1) or (batch, 1, steps), broadcast over the channels
        INDArray m = mask.castTo(x.dataType()).reshape(last ? new long[]{n, t, 1} : new long[]{n, 1, t}).broadcast(x.shape());
        INDArray count = m.sum(true, steps);            // unmasked steps per sample (and channel)
        INDArray y = x.mul(m).sum(true, steps).divi(count);
        long[] outShape = keepdims() ? y.shape() : new long[]{n, c};
        INDArray out = keepdims() ? y : y.reshape('c', outShape);
        long[] kept = y.shape();
        return Forward.of(out, g -> g.reshape('c', kept).div(count).broadcast(x.shape()).mul(m));
    }

    /** From a config of any Keras version. */
    public static GlobalAveragePooling1D fromConfig(Config c) {
        return new GlobalAveragePooling1D().withGlobalConfig(c);
    }
}
