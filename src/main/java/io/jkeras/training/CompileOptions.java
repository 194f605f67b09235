package io.jkeras.training;

import java.util.List;
import java.util.Map;

/**
 * The arguments of Keras's {@code compile} for models with several outputs: a loss for all outputs or
 * one per output (a list in output order, or a map by output name), loss weights, and metrics for all
 * outputs or per output.
 *
 * <pre>{@code
 * model.compile(CompileOptions.optimizer("adam")
 *         .loss(Map.of("class", "sparse_categorical_crossentropy", "box", "mse"))
 *         .lossWeights(Map.of("class", 1.0, "box", 0.5))
 *         .metrics(Map.of("class", List.of("accuracy"))));
 * }</pre>
 */
public final class CompileOptions {
    Object optimizer;
    Object loss;
    Object lossWeights;
    Object metrics = List.of();

    private CompileOptions() {
    }

    /** Options with this optimizer: a name ({@code "adam"}) or an {@link io.jkeras.optimizers.Optimizer}. */
    public static CompileOptions optimizer(Object optimizer) {
        CompileOptions o = new CompileOptions();
        o.optimizer = optimizer;
        return o;
    }

    /** One loss for every output (a name or a Loss), a List per output, or a Map by output name. */
    public CompileOptions loss(Object loss) {
        this.loss = loss;
        return this;
    }

    /** A List of weights in output order, or a Map by output name (missing names weigh 1). */
    public CompileOptions lossWeights(Object w) {
        this.lossWeights = w;
        return this;
    }

    /**
     * Metrics: a List applied to every output, a List of Lists per output, or a Map from output name to
     * a List.
     */
    public CompileOptions metrics(Object m) {
        this.metrics = m;
        return this;
    }

    /** Metrics applied to every output. */
    public CompileOptions metrics(Object... m) {
        this.metrics = List.of(m);
        return this;
    }
}
