package io.jkeras.callbacks;

import io.jkeras.metrics.Metric;
import io.jkeras.models.Model;
import io.jkeras.training.Compiled;

import java.util.List;
import java.util.Set;

/**
 * Whether a monitored quantity improves upward or downward, for {@code mode="auto"}. Keras 3 asks the
 * compiled metric of that name for its direction; so does this, for metric objects given to
 * {@code compile}. Metrics given by name are looked up by that name (the direction their Keras 3 class
 * declares), and losses go down. Names may carry the {@code val_} prefix and an output prefix
 * ({@code dense_1_accuracy}).
 */
final class MetricDirection {
    /** Keras 3 metrics whose {@code _direction} is "up", by their default names and compile aliases. */
    private static final Set<String> UP = Set.of(
            "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
            "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "auc", "precision", "recall",
            "precision_at_recall", "recall_at_precision", "sensitivity_at_specificity", "specificity_at_sensitivity",
            "f1_score", "fbeta_score", "r2_score", "iou", "mean_iou", "binary_iou", "one_hot_iou", "one_hot_mean_iou",
            "cosine_similarity", "pearson_correlation", "concordance_correlation");
    /** Keras 3 metrics whose {@code _direction} is "down" (Poisson and KLDivergence declare none). */
    private static final Set<String> DOWN = Set.of(
            "loss", "mean_squared_error", "mse", "mean_absolute_error", "mae", "mean_absolute_percentage_error",
            "mape", "mean_squared_logarithmic_error", "msle", "root_mean_squared_error", "log_cosh_error", "logcosh",
            "hinge", "squared_hinge", "categorical_hinge", "binary_crossentropy", "categorical_crossentropy",
            "sparse_categorical_crossentropy");

    private MetricDirection() {
    }

    /** {@code TRUE} to maximize, {@code FALSE} to minimize, {@code null} when neither the model nor the name says. */
    static Boolean maximize(String monitor, Model model) {
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        Boolean fromModel = fromCompiledMetrics(name, model);
        return fromModel != null ? fromModel : fromName(name);
    }

    /** The direction of a metric object given to compile whose log name is {@code name}. */
    private static Boolean fromCompiledMetrics(String name, Model model) {
        Compiled c = model == null ? null : model.compiled();
        if (c == null || c.metrics() == null) return null;
        List<String> outputs = model.outputNames();
        for (int i = 0; i < c.metrics().size(); i++) {
            for (Object spec : c.metrics().get(i)) {
                if (!(spec instanceof Metric m) || m.direction() == null) continue;
                // The logs prefix each metric with its output's name when the model has several outputs.
                boolean match = name.equals(m.name()) || (outputs.size() > 1 && name.equals(outputs.get(i) + "_" + m.name()));
                if (match) return "up".equals(m.direction());
            }
        }
        return null;
    }

    /** By the Keras metric a name stands for, trying it without output-name prefixes ("dense_1_acc" → "acc"). */
    static Boolean fromName(String name) {
        for (String n = name; ; ) {
            if (UP.contains(n)) return Boolean.TRUE;
            if (DOWN.contains(n)) return Boolean.FALSE;
            int cut = n.indexOf('_');
            if (cut < 0) return null;
            n = n.substring(cut + 1);
        }
    }
}
