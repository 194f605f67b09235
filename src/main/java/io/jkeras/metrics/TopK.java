package io.jkeras.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.api.ops.impl.transforms.custom.CumSum;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Top-k selections as Keras's backends define them, from whole-array ND4J ops.
 *
 * <p>ND4J M2.1's own {@code top_k} and {@code in_top_k} are not used: the Java {@code TopK} wrapper
 * passes its integer arguments in the wrong order (k becomes 1), and the native op returns wrong values
 * and indices when a row has ties. Instead:
 * <ul>
 *   <li>{@link #inTopK}: Keras's {@code in_top_k} is {@code pred[target] >= (k-th largest of the row)}, so
 *       ties at the boundary count as inside. That is the same as "fewer than k entries of the row are
 *       strictly greater than pred[target]", one broadcast comparison and a row sum;</li>
 *   <li>{@link #filterTopK}: Keras's {@code _filter_top_k} keeps the entries {@code top_k} returns, where
 *       among equal values the lower index comes first. The k-th largest value comes from a native sort;
 *       every entry above it is kept, and of the entries equal to it the first {@code k - (number above)}
 *       by index (a cumulative sum along the row counts them).</li>
 * </ul>
 */
final class TopK {
    /** Keras's {@code NEG_INF} in {@code metrics_utils}: the value given to entries outside the top k. */
    static final double NEG_INF = -1e10;

    private TopK() {
    }

    /**
     * 1 where {@code targets[i]} is among the k largest entries of row i of {@code predictions}, else 0.
     *
     * @param targets     class ids (M,), integer type, each in [0, C)
     * @param predictions (M, C)
     * @return (M,) in predictions' floating type
     */
    static INDArray inTopK(INDArray targets, INDArray predictions, int k) {
        DataType ft = MetricOps.floatType(predictions);
        INDArray p = MetricOps.as(predictions, ft);
        int classes = (int) p.size(1);
        INDArray oneHot = Nd4j.exec(new OneHot(targets.castTo(DataType.INT), classes, -1, 1.0, 0.0, ft))[0];
        INDArray targetValue = p.mul(oneHot).sum(true, 1);                        // (M, 1)
        INDArray above = Nd4j.exec(new GreaterThan(p, targetValue))[0].castTo(ft);   // broadcast over the row
        return above.sum(1).lt(k).castTo(ft);
    }

    /**
     * {@code x} with every entry outside the k largest of its last axis replaced by {@link #NEG_INF}
     * (Keras's {@code x * mask + NEG_INF * (1 - mask)}).
     */
    static INDArray filterTopK(INDArray x, int k) {
        long classes = x.size(x.rank() - 1);
        if (k >= classes) return x;
        DataType ft = x.dataType();
        INDArray rows = x.reshape(x.length() / classes, classes);
        INDArray sorted = Nd4j.sort(rows.dup(), 1, false);
        INDArray kth = sorted.getColumn(k - 1).reshape(rows.size(0), 1);
        INDArray above = Nd4j.exec(new GreaterThan(rows, kth))[0].castTo(ft);
        INDArray tied = Nd4j.exec(new EqualTo(rows, kth))[0].castTo(ft);
        INDArray room = above.sum(true, 1).rsubi(k);                                   // tied entries still kept
        INDArray tieRank = Nd4j.exec(new CumSum(tied, false, false, 1))[0];            // 1, 2, … along the row
        INDArray keepTied = Nd4j.exec(new GreaterThan(tieRank, room))[0].castTo(ft).rsubi(1.0).muli(tied);
        INDArray mask = above.addi(keepTied);
        INDArray filtered = rows.mul(mask).addi(mask.rsub(1.0).muli(NEG_INF));
        return filtered.reshape(x.shape());
    }

    /**
     * Rejects class ids outside [0, classes) with Keras's message for sparse labels: one min/max in the
     * common case.
     */
    static void checkIds(INDArray ids, long classes) {
        if (ids.isEmpty()) return;
        long lo = ids.minNumber().longValue(), hi = ids.maxNumber().longValue();
        if (lo >= 0 && hi < classes) return;
        long bad = lo < 0 ? lo : hi;
        throw new IllegalArgumentException("Received a label value of " + bad + " which is outside the valid range of [0, " + classes + ")");
    }
}
