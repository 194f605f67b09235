package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.Map;

/**
 * Sparse categorical cross-entropy, {@code keras.losses.SparseCategoricalCrossentropy}: categorical
 * cross-entropy with integer class ids as targets. Keras names: {@code "SparseCategoricalCrossentropy"},
 * {@code "sparse_categorical_crossentropy"}.
 *
 * <p>Parameters (Keras defaults): {@code from_logits=false} (y_pred are probabilities, divided by their
 * sum and clipped to [1e-7, 1 - 1e-7] as Keras's JAX, torch and NumPy backends do; TensorFlow's clips
 * first and renormalises after, which differs only for rows that do not sum to 1; with true, logits
 * through a stable log-softmax),
 * {@code ignore_class=null} (a label value, e.g. -1 or 255, whose entries give no loss and no gradient;
 * {@code "sum_over_batch_size"} then divides by the number of entries that are not ignored).
 *
 * <p>Inputs: y_true integer ids (any numeric type; floats are truncated as Keras's int cast) of shape
 * (N,) or (N, 1) with y_pred (N, C), or (N, T) / (N, T, 1) with y_pred (N, T, C). Ids outside [0, C)
 * raise {@code IllegalArgumentException("Received a label value of 12 which is outside the valid range
 * of [0, 10) (row 37)")}.
 *
 * <p><b>Training with a softmax output layer:</b> {@link #computeFromSoftmaxLogits} returns the gradient
 * with respect to the softmax's input, {@code (softmax - onehot) * w / n}; see
 * {@link CategoricalCrossentropy#computeFromSoftmaxLogits}.
 *
 * <pre>{@code
 * jshell> var labels = Nd4j.createFromArray(1, 2);
 * jshell> var probs = Nd4j.createFromArray(new float[][]{{0.05f, 0.95f, 0}, {0.1f, 0.8f, 0.1f}});
 * jshell> new SparseCategoricalCrossentropy().call(labels, probs)
 * $3 ==> 1.1769...
 * jshell> new SparseCategoricalCrossentropy().fromLogits(true).compute(labels, logits).gradient()
 * }</pre>
 */
public class SparseCategoricalCrossentropy extends Loss {
    private boolean fromLogits;
    private Integer ignoreClass;

    /** A loss named {@code "sparse_categorical_crossentropy"} on probabilities. */
    public SparseCategoricalCrossentropy() {
        super("sparse_categorical_crossentropy");
    }

    @Override
    protected PerSample perSample(INDArray yTrue, INDArray yPred) {
        return perSample(yTrue, yPred, fromLogits);
    }

    /** The fused softmax + cross-entropy step: value from the logits, gradient {@code (softmax - onehot) * w / n} w.r.t. the logits. */
    public LossResult computeFromSoftmaxLogits(INDArray yTrue, INDArray logits, INDArray sampleWeight) {
        return computeFromSoftmaxLogits(yTrue, logits, sampleWeight, null);
    }

    /** The fused step for a prediction with a mask (see {@link Loss#compute(INDArray, INDArray, INDArray, INDArray)}). */
    public LossResult computeFromSoftmaxLogits(INDArray yTrue, INDArray logits, INDArray sampleWeight, INDArray mask) {
        INDArray x = LossOps.as(logits, LossOps.floatType(logits));
        if (sampleWeight == null && mask == null && ignoreClass == null && x.rank() == 2 && Reduction.SUM_OVER_BATCH_SIZE.equals(reduction())) {
            return plainFused(yTrue, x);
        }
        return finish(perSample(yTrue, x, true), logits.shape(), sampleWeight, mask, true);
    }

    /**
     * The training step's common case in a few native ops (it runs every batch): the mean of
     * {@code -log_softmax(x)} at the labels as one dot product with the one-hot labels, and the gradient
     * {@code (softmax - onehot) / n}. Same numbers as the general path.
     */
    private LossResult plainFused(INDArray yTrue, INDArray x) {
        long n = x.size(0);
        INDArray oneHot = oneHot(yTrue, x);
        INDArray logQ = Nd4j.exec((CustomOp) new LogSoftMax(x, 1))[0];
        double value = n == 0 ? 0.0 : -Nd4j.getExecutioner().exec(new Dot(oneHot, logQ)).getDouble(0) / n;
        INDArray grad = Transforms.exp(logQ, true).subi(oneHot).muli(n == 0 ? 0.0 : 1.0 / n);
        return new LossResult(value, grad, () -> oneHot.mul(logQ).sum(1).negi());
    }

    private PerSample perSample(INDArray yTrue, INDArray yPred, boolean logits) {
        int ax = yPred.rank() - 1;
        INDArray ids = labelIds(yTrue, yPred);
        INDArray valid = null;
        if (ignoreClass != null) {
            valid = ids.neq(ignoreClass);
            ids = ids.mul(valid.castTo(ids.dataType())); // ignored entries read as class 0, then masked out
        }
        INDArray oneHot = encode(ids, yPred);
        PerSample ce = logits ? Crossentropy.fromLogits(oneHot, yPred, ax, true) : Crossentropy.fromProbabilities(oneHot, yPred, ax);
        if (valid == null) return ce;
        INDArray values = LossOps.where(valid, ce.values(), ce.values().like());
        return new PerSample(values, valid.castTo(yPred.dataType()), ce.backward());
    }

    /** The labels as integer class ids shaped as y_pred without its last axis (a trailing 1 dropped), checked. */
    private INDArray labelIds(INDArray yTrue, INDArray yPred) {
        long[] ps = yPred.shape();
        if (ps.length == 0) throw new IllegalArgumentException("Loss \"" + name() + "\" needs y_pred of rank 1 or more; received a scalar.");
        long[] want = Arrays.copyOf(ps, ps.length - 1);
        INDArray labels = yTrue;
        if (labels.rank() == ps.length && labels.size(-1) == 1) labels = labels.reshape(LossOps.without(labels.shape(), labels.rank() - 1));
        if (!Arrays.equals(labels.shape(), want)) {
            long[] column = Arrays.copyOf(want, want.length + 1);
            column[want.length] = 1;
            throw new IllegalArgumentException("Loss \"" + name() + "\": y_true must hold one integer class id per prediction, of shape "
                    + LossOps.shape(want) + " or " + LossOps.shape(column) + " for y_pred.shape=" + LossOps.shape(ps) + ", but received y_true.shape=" + LossOps.shape(yTrue.shape()) + "."
                    + (Arrays.equals(yTrue.shape(), ps) ? " For one-hot labels use CategoricalCrossentropy (\"categorical_crossentropy\")." : ""));
        }
        // Keras casts labels to int (truncating floats) before anything else.
        return labels.dataType() == DataType.INT || labels.dataType() == DataType.LONG ? labels : labels.castTo(DataType.LONG);
    }

    /** One-hot rows of y_pred's type for checked ids (the ids must lie in [0, classes)). */
    private static INDArray encode(INDArray ids, INDArray yPred) {
        int classes = (int) yPred.size(-1);
        checkRange(ids, classes);
        INDArray intIds = ids.dataType() == DataType.INT ? ids : ids.castTo(DataType.INT);
        return Nd4j.exec(new OneHot(intIds, classes, -1, 1.0, 0.0, yPred.dataType()))[0];
    }

    private INDArray oneHot(INDArray yTrue, INDArray yPred) {
        return encode(labelIds(yTrue, yPred), yPred);
    }

    /**
     * Rejects ids outside [0, classes): one min/max reduction in the common case; only when it fails, a
     * mask and an arg-max locate the first offender (row-major order) for the message.
     */
    private static void checkRange(INDArray ids, int classes) {
        if (ids.length() == 0) return;
        long lo = ids.minNumber().longValue(), hi = ids.maxNumber().longValue();
        if (lo >= 0 && hi < classes) return;
        INDArray bad = ids.lt(0).castTo(DataType.INT).addi(ids.gte(classes).castTo(DataType.INT));
        long first = Nd4j.argMax(bad.reshape(bad.length())).getLong(0);
        long value = ids.reshape(ids.length()).getLong(first);
        long perRow = ids.rank() == 0 ? 1 : ids.length() / ids.size(0);
        String where = "row " + first / perRow;
        if (perRow > 1) {
            long[] inner = Arrays.copyOfRange(ids.shape(), 1, ids.rank());
            long rest = first % perRow;
            long[] pos = new long[inner.length];
            for (int i = inner.length - 1; i >= 0; i--) {
                pos[i] = rest % inner[i];
                rest /= inner[i];
            }
            where += ", position " + (pos.length == 1 ? String.valueOf(pos[0]) : LossOps.shape(pos));
        }
        throw new IllegalArgumentException("Received a label value of " + value + " which is outside the valid range of [0, "
                + classes + ") (" + where + ")");
    }

    /** Whether y_pred holds logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** Sets whether y_pred holds logits; returns this loss. */
    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    /** The ignored label value, or null. */
    public Integer ignoreClass() {
        return ignoreClass;
    }

    /** Sets the label value to ignore (null for none); returns this loss. */
    public SparseCategoricalCrossentropy ignoreClass(Integer ignoreClass) {
        this.ignoreClass = ignoreClass;
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", fromLogits);
        c.put("ignore_class", ignoreClass);
        return c;
    }

    @Override
    public SparseCategoricalCrossentropy name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public SparseCategoricalCrossentropy reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}, {@code from_logits}, {@code ignore_class}). */
    public static SparseCategoricalCrossentropy fromConfig(Config c) {
        Object ignore = c.get("ignore_class");
        return Losses.base(new SparseCategoricalCrossentropy(), c)
                .fromLogits(c.getBoolean("from_logits", false))
                .ignoreClass(ignore == null ? null : ((Number) ignore).intValue());
    }
}
