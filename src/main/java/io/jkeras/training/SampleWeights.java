package io.jkeras.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Per-sample loss weights from Keras's {@code class_weight} (a weight per class index), combined with any
 * {@code sample_weight}. Labels may be class ids ({@code (n,)} or {@code (n, 1)}) or one-hot rows; the
 * lookup is a one-hot product in ND4J, not a Java loop.
 */
final class SampleWeights {
    private SampleWeights() {
    }

    /** The weights for a batch: class weights of its labels times its sample weights (either may be absent). */
    static INDArray of(Map<Integer, Double> classWeight, INDArray y, INDArray sampleWeight) {
        if (classWeight == null || classWeight.isEmpty()) return sampleWeight;
        int depth = classWeight.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        double[] table = new double[depth];
        java.util.Arrays.fill(table, 1.0);
        classWeight.forEach((k, v) -> table[k] = v);
        INDArray t = Nd4j.createFromArray(table).reshape(depth, 1).castTo(DataType.FLOAT);
        INDArray w;
        boolean ids = y.rank() == 1 || (y.rank() == 2 && y.size(1) == 1);
        if (ids) {
            INDArray onehot = Nd4j.exec(new OneHot(y.reshape(y.size(0)).castTo(DataType.INT), null, depth, -1, 1.0, 0.0))[0];
            w = onehot.castTo(DataType.FLOAT).mmul(t).reshape(y.size(0));
        } else {
            if (y.size(1) > depth) {
                // classes without an entry weigh 1
                INDArray full = Nd4j.ones(DataType.FLOAT, y.size(1), 1);
                full.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, depth)).assign(t);
                t = full;
            }
            w = y.castTo(DataType.FLOAT).mmul(t.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, y.size(1)))).reshape(y.size(0));
        }
        return sampleWeight == null ? w : w.muli(sampleWeight.castTo(DataType.FLOAT).reshape(y.size(0)));
    }
}
