package io.jkeras.callbacks;

import java.util.Set;

/**
 * Whether a monitored quantity improves upward or downward, for {@code mode="auto"}. Keras 3 asks the
 * compiled metric object for its direction; jkeras's logs carry only names, so the direction comes
 * from the name of the Keras metric behind it: the loss goes down, accuracies and scores go up.
 * Names may carry an output prefix ({@code dense_1_accuracy}) and the {@code val_} prefix.
 */
final class MetricDirection {
    /** Keras 3 metrics whose {@code _direction} is "up", by their default names and compile aliases. */
    private static final Set<String> UP = Set.of(
            "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
            "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "auc", "precision", "recall",
            "precision_at_recall", "recall_at_precision", "sensitivity_at_specificity", "specificity_at_sensitivity",
            "true_positives", "true_negatives", "f1_score", "fbeta_score", "r2_score", "iou", "mean_iou",
            "binary_iou", "one_hot_iou", "one_hot_mean_iou", "cosine_similarity", "pearson_correlation",
            "concordance_correlation");
    /** Keras 3 metrics whose {@code _direction} is "down". */
    private static final Set<String> DOWN = Set.of(
            "loss", "mean_squared_error", "mse", "mean_absolute_error", "mae", "mean_absolute_percentage_error",
            "mape", "mean_squared_logarithmic_error", "msle", "root_mean_squared_error", "log_cosh_error", "logcosh",
            "hinge", "squared_hinge", "categorical_hinge", "kl_divergence", "kld", "poisson", "binary_crossentropy",
            "categorical_crossentropy", "sparse_categorical_crossentropy", "binary_focal_crossentropy",
            "categorical_focal_crossentropy", "false_positives", "false_negatives");

    private MetricDirection() {
    }

    /** {@code TRUE} to maximize, {@code FALSE} to minimize, {@code null} when the name says neither. */
    static Boolean maximize(String monitor) {
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        // Try the whole name, then drop output-name prefixes ("dense_1_accuracy" → "1_accuracy" → "accuracy").
        for (String n = name; ; ) {
            if (UP.contains(n)) return Boolean.TRUE;
            if (DOWN.contains(n)) return Boolean.FALSE;
            int cut = n.indexOf('_');
            if (cut < 0) return null;
            n = n.substring(cut + 1);
        }
    }
}
