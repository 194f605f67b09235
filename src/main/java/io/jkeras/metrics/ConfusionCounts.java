package io.jkeras.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.clip.ClipByValue;
import org.nd4j.linalg.api.ops.impl.transforms.custom.CumSum;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * Weighted true/false positive/negative counts at each of T thresholds, accumulated over batches:
 * Keras's {@code update_confusion_matrix_variables} ({@code keras/src/metrics/metrics_utils.py}), the
 * state behind {@link Precision}, {@link Recall} and {@link AUC}.
 *
 * <p>A prediction is positive at threshold t when {@code y_pred > t}; a label is positive when it is
 * non-zero. Per batch: y_pred and y_true are aligned by a trailing 1; sample weights get a trailing axis
 * and are aligned to y_true; {@code top_k} keeps the k largest predictions of each row (others become
 * -1e10); {@code class_id} keeps one column; everything is then flattened to M entries. Two ways to
 * count, chosen as Keras chooses:
 * <ul>
 *   <li>evenly spaced thresholds (i / (T-1), at least 3, as {@code is_evenly_distributed_thresholds}):
 *       Keras's bucket method. Predictions are clipped to [0, 1], bucket
 *       {@code b = ceil(p (T-1)) - 1} ({@code max(b, 0)} when the end thresholds are -eps and 1+eps, as
 *       AUC's are), weights summed per bucket (ND4J's unsorted segment sum, O(M + T)), then a reversed
 *       cumulative sum gives the count above each threshold. Computing the bucket in y_pred's float type
 *       reproduces Keras's float rounding at the bucket edges;</li>
 *   <li>other thresholds: the predictions (1, M) compared with the thresholds (T, 1) by broadcasting,
 *       and the (T, M) 0/1 matrix multiplied by the weighted labels (M,), one matrix-vector product per
 *       count.</li>
 * </ul>
 * False negatives and true negatives are the label totals minus tp and fp. Counts are kept in doubles.
 */
final class ConfusionCounts {
    final double[] tp;
    final double[] fp;
    final double[] tn;
    final double[] fn;

    ConfusionCounts(int thresholds) {
        tp = new double[thresholds];
        fp = new double[thresholds];
        tn = new double[thresholds];
        fn = new double[thresholds];
    }

    void reset() {
        Arrays.fill(tp, 0);
        Arrays.fill(fp, 0);
        Arrays.fill(tn, 0);
        Arrays.fill(fn, 0);
    }

    /** Keras's {@code is_evenly_distributed_thresholds}: at least 3 values, allclose to i / (n - 1). */
    static boolean evenlyDistributed(double[] thresholds) {
        int n = thresholds.length;
        if (n < 3) return false;
        for (int i = 0; i < n; i++) {
            double even = i / (double) (n - 1);
            if (Math.abs(thresholds[i] - even) > 1e-7 + 1e-5 * Math.abs(even)) return false; // numpy allclose tolerances
        }
        return true;
    }

    /**
     * Adds one batch.
     *
     * @param thresholds   the T thresholds, ascending
     * @param evenly       whether to use the bucket method (thresholds evenly spaced over [0, 1], possibly
     *                     with -eps and 1+eps at the ends)
     * @param topK         null, or keep only the k largest predictions per row
     * @param classId      null, or count one class (the last axis of y_pred)
     * @param labelWeights null, or one weight per class (the last axis) multiplied into the sample weights
     */
    void update(INDArray yTrue, INDArray yPred, INDArray sampleWeight, double[] thresholds, boolean evenly,
                Integer topK, Integer classId, INDArray labelWeights, String metric) {
        DataType ft = MetricOps.floatType(yPred);
        INDArray[] pt = MetricOps.squeezeOrExpand(MetricOps.as(yPred, ft), MetricOps.as(yTrue, ft), true);
        INDArray p = pt[0], t = pt[1];
        if (!Arrays.equals(p.shape(), t.shape())) throw MetricOps.mismatch(metric, yTrue, yPred, "");
        if (p.isEmpty()) return;
        INDArray w = null;
        if (sampleWeight != null) {
            w = MetricOps.as(sampleWeight, ft);
            long[] withAxis = Arrays.copyOf(w.shape(), w.rank() + 1);
            withAxis[w.rank()] = 1;
            w = MetricOps.squeezeOrExpand(t, w.reshape(withAxis), false)[1];
        }
        if (topK != null) p = TopK.filterTopK(p, topK);
        if (classId != null) {
            if (p.rank() < 2) {
                throw new IllegalArgumentException("Metric \"" + metric + "\": when class_id is provided, y_pred must be a 2D array with shape "
                        + "(num_samples, num_classes), found shape: " + MetricOps.shape(p.shape()));
            }
            p = column(p, classId, metric);
            t = column(t, classId, metric);
        }
        long m = p.length();
        INDArray weights = w == null ? null : MetricOps.broadcastTo(w, p.shape(), "sample_weight", metric).reshape(m);
        if (labelWeights != null) {
            INDArray lw = MetricOps.broadcastTo(MetricOps.as(labelWeights, ft), p.shape(), "label_weights", metric).reshape(m);
            weights = weights == null ? lw : weights.mul(lw);
        }
        INDArray preds = p.reshape(m);
        INDArray positive = t.reshape(m).neq(0.0).castTo(ft); // Keras casts y_true to bool
        INDArray negative = positive.rsub(1.0);
        if (weights != null) {
            positive.muli(weights);
            negative.muli(weights);
        }
        double[] addTp, addFp;
        if (evenly) {
            boolean withEpsilon = thresholds[0] < 0.0 || thresholds[thresholds.length - 1] > 1.0;
            INDArray bucket = buckets(preds, thresholds.length, withEpsilon);
            addTp = countAbove(positive, bucket, thresholds.length);
            addFp = countAbove(negative, bucket, thresholds.length);
        } else {
            INDArray th = Nd4j.createFromArray(thresholds).castTo(ft).reshape(thresholds.length, 1);
            INDArray above = Nd4j.exec(new GreaterThan(preds.reshape(1, m), th))[0].castTo(ft); // (T, M)
            addTp = above.mmul(positive.reshape(m, 1)).reshape(thresholds.length).toDoubleVector();
            addFp = above.mmul(negative.reshape(m, 1)).reshape(thresholds.length).toDoubleVector();
        }
        double totalPositive = positive.sumNumber().doubleValue();
        double totalNegative = negative.sumNumber().doubleValue();
        for (int i = 0; i < thresholds.length; i++) {
            tp[i] += addTp[i];
            fp[i] += addFp[i];
            fn[i] += totalPositive - addTp[i];
            tn[i] += totalNegative - addFp[i];
        }
    }

    /** {@code x[..., id, None]}: one class column, keeping a trailing axis of 1. */
    private static INDArray column(INDArray x, int id, String metric) {
        long classes = x.size(x.rank() - 1);
        if (id < 0 || id >= classes) {
            throw new IllegalArgumentException("Metric \"" + metric + "\": class_id=" + id + " is outside [0, " + classes
                    + ") for y_pred with " + classes + " classes on its last axis.");
        }
        long[] shape = x.shape().clone();
        shape[shape.length - 1] = 1;
        return x.reshape(x.length() / classes, classes).getColumn(id).reshape(shape);
    }

    /**
     * Keras's bucket of each prediction, shifted by one so that Keras's bucket -1 (a prediction of exactly
     * 0 without the epsilon thresholds, which its segment sum drops) lands in a segment we drop.
     */
    private static INDArray buckets(INDArray preds, int n, boolean withEpsilon) {
        INDArray clipped = Nd4j.exec(new ClipByValue(preds, 0.0, 1.0))[0];
        INDArray b = Transforms.ceil(clipped.muli(n - 1), false).subi(1.0);
        if (withEpsilon) b = Transforms.relu(b, false);
        return b.addi(1.0).castTo(DataType.INT);
    }

    /** Per threshold i, the sum of {@code values} whose bucket is at least i: a segment sum and a reversed cumulative sum. */
    private static double[] countAbove(INDArray values, INDArray shiftedBucket, int n) {
        INDArray perBucket = Nd4j.exec(new UnsortedSegmentSum(values, shiftedBucket, n + 1))[0];
        INDArray kept = perBucket.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, n + 1)).dup();
        return Nd4j.exec(new CumSum(kept, false, true, 0))[0].toDoubleVector();
    }
}
