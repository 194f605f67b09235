package io.jkeras.metrics;

import io.jkeras.losses.Loss;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras metric that is the running mean of a loss function's per-sample values (Keras's regression,
 * probabilistic and hinge metrics are {@code MeanMetricWrapper}s around the loss functions). The values
 * come from the jkeras loss itself ({@link Loss#compute}, whose unreduced, unweighted per-sample values
 * are {@link io.jkeras.losses.LossResult#values()}), so metric and loss share one formula; the sample
 * weights are applied by the metric's {@link Mean} state, as in Keras.
 *
 * @param <L> the loss type
 */
abstract class LossMetric<L extends Loss> extends MeanMetricWrapper {
    /** The configured loss whose per-sample values are averaged. */
    final L loss;

    LossMetric(String name, L loss) {
        super(name);
        this.loss = loss;
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        return lossValues(loss, yTrue, yPred);
    }

    @Override
    public String direction() {
        return "down";
    }
}
