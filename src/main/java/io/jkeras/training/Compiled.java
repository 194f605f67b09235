package io.jkeras.training;

import io.jkeras.losses.Loss;
import io.jkeras.optimizers.Optimizer;

import java.util.List;

/**
 * What {@code model.compile(...)} resolved: the optimizer, one loss per output with its weight, and the
 * metric specs per output (resolved into metric objects when training starts, once shapes are known).
 *
 * @param optimizer the optimizer
 * @param losses one loss per model output, in output order ({@code null} for an output without a loss)
 * @param lossWeights one weight per output
 * @param metrics per output, the metric specs as given (names or objects)
 */
public record Compiled(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights, List<List<Object>> metrics) {
}
