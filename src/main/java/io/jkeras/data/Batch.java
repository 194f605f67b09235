package io.jkeras.data;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * One mini-batch: inputs (one array per model input), targets (one per output, or empty for
 * prediction) and optional per-sample weights.
 *
 * @param x the inputs, batch first
 * @param y the targets, batch first (empty when predicting)
 * @param sampleWeight per-sample loss weights of shape {@code (batch,)}, or {@code null}
 */
public record Batch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight) {
    /** The number of samples in this batch. */
    public long size() {
        return x.get(0).size(0);
    }
}
