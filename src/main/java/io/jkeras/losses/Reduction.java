package io.jkeras.losses;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;

/**
 * Keras 3's loss reduction ({@code keras/src/losses/loss.py}: {@code reduce_weighted_values},
 * {@code apply_mask}, {@code reduce_values}) together with its derivative.
 *
 * <p>Given per-sample losses {@code l} (shape S), an optional 0/1 mask m (from {@code ignore_class}) and
 * optional sample weights w:
 * <ol>
 *   <li>the mask is merged into the weights; for {@code "sum_over_batch_size"} and {@code "mean"} it is
 *       first scaled by {@code numel(m) / sum(m)} (0 when nothing is valid), so that the final division
 *       by the element count becomes a division by the number of valid entries;</li>
 *   <li>{@code weighted = l * w} (w broadcast as below);</li>
 *   <li>{@code "sum"}: {@code sum(weighted)}; {@code "sum_over_batch_size"} / {@code "mean"}:
 *       {@code sum(weighted) / numel(weighted)}, i.e. divided by the number of per-sample loss
 *       elements, <em>not</em> by the sum of the weights; {@code "mean_with_sample_weight"}:
 *       {@code sum(weighted) / sum(w)}; {@code "none"} / null: no reduction (jkeras reports and
 *       differentiates the sum, as autodiff of a non-scalar target does).</li>
 * </ol>
 * Early Keras 3 releases (3.3 among them) divide the mask's {@code numel} by {@code valid + 1e-7} and knows only
 * {@code "sum_over_batch_size"}, {@code "sum"} and none; jkeras follows later Keras 3 releases
 * ({@code divide_no_nan}, plus {@code "mean"} and {@code "mean_with_sample_weight"}), which agree with
 * 3.3 to a relative 1e-7.
 *
 * <p>Sample weights may be a scalar, the per-sample shape, that shape with a trailing 1 (Keras's
 * {@code squeeze_or_expand_to_same_rank}), anything broadcastable to it from the right (numpy rules),
 * or a leading prefix of it, e.g. {@code (N,)} for per-timestep losses {@code (N, T)}: jkeras then
 * weighs every timestep of sample i by w[i], as tf.keras 2 did (Keras 3 would broadcast from the right).
 */
final class Reduction {
    static final String SUM_OVER_BATCH_SIZE = "sum_over_batch_size";
    static final List<String> ALLOWED = Arrays.asList(SUM_OVER_BATCH_SIZE, "sum", "mean", "mean_with_sample_weight", "none", null);

    /** The reduced value, d value / d l (shaped as l, or a rank-0 scalar when it is the same everywhere), and the weighted unreduced losses. */
    record Reduced(double value, INDArray dValues, INDArray weighted) {
    }

    private Reduction() {
    }

    /** Checks a reduction name; tf.keras 2's {@code "auto"} reads as {@code "sum_over_batch_size"}. */
    static String standardize(String reduction) {
        if ("auto".equals(reduction)) return SUM_OVER_BATCH_SIZE;
        if (!ALLOWED.contains(reduction)) {
            throw new IllegalArgumentException("Invalid value for argument `reduction`. Expected one of "
                    + ALLOWED + ". Received: reduction=" + reduction);
        }
        return reduction;
    }

    static Reduced reduce(INDArray values, INDArray mask, INDArray sampleWeight, String reduction, String lossName) {
        DataType t = values.dataType();
        boolean averaging = SUM_OVER_BATCH_SIZE.equals(reduction) || "mean".equals(reduction);
        INDArray w = sampleWeight == null ? null : align(LossOps.as(sampleWeight, t), values.shape(), lossName);
        if (mask != null) {
            INDArray m = LossOps.as(mask, t);
            if (averaging) {
                double valid = m.sumNumber().doubleValue();
                m = m.mul(valid == 0 ? 0.0 : m.length() / valid);
            }
            w = w == null ? m : m.mul(w);
        }
        INDArray weighted = w == null ? values : values.mul(w);
        double total = weighted.sumNumber().doubleValue();
        long n = weighted.length();
        double factor;
        if ("mean_with_sample_weight".equals(reduction) && w != null) {
            double sw = w.sumNumber().doubleValue();
            factor = sw == 0 ? 0.0 : 1.0 / sw; // Keras: divide_no_nan
        } else if (averaging || "mean_with_sample_weight".equals(reduction)) {
            factor = n == 0 ? 0.0 : 1.0 / n;
        } else {
            factor = 1.0; // "sum", "none", null
        }
        double value = n == 0 ? 0.0 : total * factor;

        INDArray d;
        if (w == null) {
            // Every per-sample loss has the same weight: a rank-0 factor, which broadcasts in the
            // backward passes (saves filling an array of the per-sample shape).
            d = Nd4j.scalar(t, factor);
        } else if (values.rank() == 0 && w.rank() > 0) {
            // A scalar per-sample loss (BCE over a rank-1 y_pred) multiplied by every weight.
            d = Nd4j.scalar(t, factor * w.sumNumber().doubleValue());
        } else {
            d = Nd4j.valueArrayOf(values.shape(), factor, t).muli(w);
        }
        return new Reduced(value, d, weighted);
    }

    /** Sample weights reshaped to broadcast against per-sample losses of shape {@code vs}. */
    private static INDArray align(INDArray w, long[] vs, String lossName) {
        if (w.length() == 1) return w.reshape(new long[0]);
        if (vs.length == 0) return w;
        long[] ws = w.shape();
        // Keras's squeeze_or_expand_to_same_rank: ranks differing by one trailing 1.
        if (vs.length == ws.length + 1 && vs[vs.length - 1] == 1) {
            ws = Arrays.copyOf(ws, ws.length + 1);
            ws[ws.length - 1] = 1;
        } else if (ws.length == vs.length + 1 && ws[ws.length - 1] == 1) {
            ws = Arrays.copyOf(ws, ws.length - 1);
        }
        if (Arrays.equals(ws, vs)) return w.reshape(ws);
        if (ws.length < vs.length && Arrays.equals(ws, Arrays.copyOf(vs, ws.length))) {
            long[] s = Arrays.copyOf(ws, vs.length);
            Arrays.fill(s, ws.length, vs.length, 1L);
            return w.reshape(s);
        }
        if (ws.length <= vs.length) {
            boolean ok = true;
            for (int i = 1; i <= ws.length; i++) {
                long a = ws[ws.length - i];
                ok &= a == 1 || a == vs[vs.length - i];
            }
            if (ok) return w.reshape(ws);
        }
        throw new IllegalArgumentException("Loss \"" + lossName + "\": sample_weight of shape " + LossOps.shape(w.shape())
                + " cannot be broadcast to the per-sample losses of shape " + LossOps.shape(vs)
                + ". Pass one weight per sample, shape (" + vs[0] + ",), or an array of shape " + LossOps.shape(vs) + ".");
    }
}
