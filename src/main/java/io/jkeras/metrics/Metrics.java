package io.jkeras.metrics;

import io.jkeras.losses.Loss;
import io.jkeras.saving.Config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metrics by identifier.
 *
 * <ul>
 *   <li>{@link #get(Object)} is {@code keras.metrics.get}: a class name ({@code "AUC"}), its snake_case
 *       ({@code "auc"}, {@code "binary_accuracy"}, {@code "mean_squared_error"}), Keras's short aliases
 *       ({@code "mse"}, {@code "mae"}, {@code "mape"}, {@code "msle"}, {@code "bce"}; tf.keras's
 *       {@code "kld"}, {@code "logcosh"} too), a serialized map as Keras 2, tf.keras or Keras 3 write it
 *       (tf.keras's {@code MeanMetricWrapper} with {@code "fn": "binary_accuracy"} included), or a
 *       {@link Metric} (returned as it is). The metric gets its class's default name.</li>
 *   <li>{@link #get(Object, Loss, long[])} is what {@code compile(metrics=[...])} does with each entry
 *       (Keras 3's {@code get_metric} in {@code keras/src/trainers/compile_utils.py}): a string names the
 *       metric exactly as written ({@code "mae"} logs as {@code mae}); a {@link Loss} becomes a
 *       {@link MeanMetricWrapper} named as the loss; and {@code "accuracy"} / {@code "acc"} (any case)
 *       becomes {@link BinaryAccuracy} when the output's last dimension is 1,
 *       {@link SparseCategoricalAccuracy} when the labels are class ids (y_true of lower rank than y_pred,
 *       or y_true ending in 1 against y_pred ending in more than 1), else {@link CategoricalAccuracy}.</li>
 * </ul>
 * Keras 3 decides "accuracy" from the shapes of the first batch's y_true and y_pred
 * ({@link #resolve(Object, long[], long[])} does exactly that). Before a batch is seen, y_true's shape
 * is inferred from the loss: a {@link io.jkeras.losses.SparseCategoricalCrossentropy} takes class ids,
 * shaped as the output without its class axis; any other loss takes y_true shaped as the output. So a
 * binary cross-entropy loss on a (None, 5) multi-label output gives categorical_accuracy, as in Keras 3
 * (Keras 2.2 and earlier picked binary_accuracy from the loss).
 *
 * <pre>{@code
 * jshell> Metrics.get("accuracy", new SparseCategoricalCrossentropy(), new long[]{-1, 10})
 * $1 ==> <SparseCategoricalAccuracy name=accuracy>
 * jshell> Metrics.get("acc", new BinaryCrossentropy(), new long[]{-1, 1})
 * $2 ==> <BinaryAccuracy name=acc>
 * jshell> Metrics.get(Map.of("class_name", "AUC", "config", Map.of("curve", "PR")))
 * jshell> Metrics.serialize(new Precision())   // {module=keras.metrics, class_name=Precision, config={...}, registered_name=null}
 * }</pre>
 */
public final class Metrics {
    private static final Map<String, Supplier<? extends Metric>> NAMES = new LinkedHashMap<>();
    private static final Map<String, Function<Config, ? extends Metric>> CLASSES = new LinkedHashMap<>();

    static {
        cls("Mean", Mean::fromConfig, Mean::new, "mean");
        cls("MeanMetricWrapper", Metrics::wrapperFromConfig, null);
        cls("Accuracy", Accuracy::fromConfig, Accuracy::new, "accuracy");
        cls("BinaryAccuracy", BinaryAccuracy::fromConfig, BinaryAccuracy::new, "binary_accuracy");
        cls("CategoricalAccuracy", CategoricalAccuracy::fromConfig, CategoricalAccuracy::new, "categorical_accuracy");
        cls("SparseCategoricalAccuracy", SparseCategoricalAccuracy::fromConfig, SparseCategoricalAccuracy::new, "sparse_categorical_accuracy");
        cls("TopKCategoricalAccuracy", TopKCategoricalAccuracy::fromConfig, TopKCategoricalAccuracy::new, "top_k_categorical_accuracy");
        cls("SparseTopKCategoricalAccuracy", SparseTopKCategoricalAccuracy::fromConfig, SparseTopKCategoricalAccuracy::new,
                "sparse_top_k_categorical_accuracy");
        cls("Precision", Precision::fromConfig, Precision::new, "precision");
        cls("Recall", Recall::fromConfig, Recall::new, "recall");
        cls("AUC", AUC::fromConfig, AUC::new, "auc");
        cls("MeanSquaredError", MeanSquaredError::fromConfig, MeanSquaredError::new, "mean_squared_error", "mse", "MSE");
        cls("MeanAbsoluteError", MeanAbsoluteError::fromConfig, MeanAbsoluteError::new, "mean_absolute_error", "mae", "MAE");
        cls("MeanAbsolutePercentageError", MeanAbsolutePercentageError::fromConfig, MeanAbsolutePercentageError::new,
                "mean_absolute_percentage_error", "mape", "MAPE");
        cls("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError::fromConfig, MeanSquaredLogarithmicError::new,
                "mean_squared_logarithmic_error", "msle", "MSLE");
        cls("RootMeanSquaredError", RootMeanSquaredError::fromConfig, RootMeanSquaredError::new, "root_mean_squared_error");
        cls("CosineSimilarity", CosineSimilarity::fromConfig, CosineSimilarity::new, "cosine_similarity");
        cls("LogCoshError", LogCoshError::fromConfig, LogCoshError::new, "log_cosh_error", "logcosh");
        cls("BinaryCrossentropy", BinaryCrossentropy::fromConfig, BinaryCrossentropy::new, "binary_crossentropy", "bce", "BCE");
        cls("CategoricalCrossentropy", CategoricalCrossentropy::fromConfig, CategoricalCrossentropy::new, "categorical_crossentropy");
        cls("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::fromConfig, SparseCategoricalCrossentropy::new,
                "sparse_categorical_crossentropy");
        cls("KLDivergence", KLDivergence::fromConfig, KLDivergence::new, "kl_divergence", "kld", "KLD", "kullback_leibler_divergence");
        cls("Poisson", Poisson::fromConfig, Poisson::new, "poisson");
        cls("Hinge", Hinge::fromConfig, Hinge::new, "hinge");
        cls("SquaredHinge", SquaredHinge::fromConfig, SquaredHinge::new, "squared_hinge");
        cls("CategoricalHinge", CategoricalHinge::fromConfig, CategoricalHinge::new, "categorical_hinge");
    }

    private Metrics() {
    }

    private static void cls(String className, Function<Config, ? extends Metric> fromConfig, Supplier<? extends Metric> factory, String... names) {
        CLASSES.put(className, fromConfig);
        if (factory != null) {
            NAMES.put(className, factory);
            for (String n : names) NAMES.put(n, factory);
        }
    }

    /** Registers a metric class (a custom one, or another spelling) under a Keras class name. */
    public static void register(String className, Function<Config, ? extends Metric> fromConfig) {
        CLASSES.put(className, fromConfig);
        NAMES.put(className, () -> fromConfig.apply(Config.of(Map.of())));
    }

    /**
     * {@code keras.metrics.get}: the metric for a name, a serialized map or {@link Config}, or a
     * {@link Metric} (returned as is); {@code null} gives {@code null}. Names give the class with its
     * default name.
     *
     * @throws IllegalArgumentException for an unknown identifier, listing the known names
     */
    @SuppressWarnings("unchecked")
    public static Metric get(Object identifier) {
        if (identifier == null) return null;
        if (identifier instanceof Metric m) return m;
        if (identifier instanceof String s) {
            Supplier<? extends Metric> f = NAMES.get(s);
            if (f == null) throw unknown(s);
            return f.get();
        }
        if (identifier instanceof Config c) return fromMap(c.map());
        if (identifier instanceof Map<?, ?> m) return fromMap((Map<String, Object>) m);
        throw new IllegalArgumentException("Could not interpret metric identifier: " + identifier + " (a " + identifier.getClass().getName()
                + "). Pass a metric name such as \"accuracy\" or \"mae\", a Metric, a Loss, or a serialized metric map.");
    }

    /**
     * A {@code compile(metrics=[...])} entry resolved before any batch is seen, from the output's loss and
     * shape (see the class comment for how y_true's shape is inferred).
     *
     * @param spec        a name, a serialized map, a {@link Metric} or a {@link Loss}
     * @param loss        the output's loss (may be null)
     * @param outputShape the model output's shape, e.g. {@code {-1, 10}} (the batch dimension is not read);
     *                    needed only for {@code "accuracy"} / {@code "acc"}
     */
    public static Metric get(Object spec, Loss loss, long[] outputShape) {
        long[] yTrue = outputShape;
        if (outputShape != null && outputShape.length > 0 && loss instanceof io.jkeras.losses.SparseCategoricalCrossentropy) {
            yTrue = MetricOps.withoutLast(outputShape);
        }
        return resolve(spec, yTrue, outputShape);
    }

    /**
     * Keras 3's {@code get_metric(identifier, y_true, y_pred)} with the shapes of the first batch: strings
     * keep the name as written, {@code "accuracy"} / {@code "acc"} pick binary, sparse categorical or
     * categorical accuracy from the shapes, a {@link Loss} is wrapped as a {@link MeanMetricWrapper}.
     */
    public static Metric resolve(Object spec, long[] yTrueShape, long[] yPredShape) {
        if (spec == null) return null;
        Metric m;
        if (spec instanceof String s && (s.equalsIgnoreCase("accuracy") || s.equalsIgnoreCase("acc"))) {
            m = accuracyFor(s, yTrueShape, yPredShape);
        } else if (spec instanceof Loss loss) {
            m = MeanMetricWrapper.of(loss);
        } else {
            m = get(spec);
        }
        if (spec instanceof String s) m.name(s);
        return m;
    }

    /** Keras 3's {@code is_binary_or_sparse_categorical} applied to "accuracy". */
    private static Metric accuracyFor(String spec, long[] yTrue, long[] yPred) {
        if (yTrue == null || yPred == null || yTrue.length == 0 || yPred.length == 0) {
            throw new IllegalArgumentException("Metric \"" + spec + "\" is resolved from the output's shape (binary, sparse categorical or "
                    + "categorical accuracy), but the shapes are unknown (y_true: " + Arrays.toString(yTrue) + ", y_pred: "
                    + Arrays.toString(yPred) + "). Name the metric instead, e.g. \"binary_accuracy\".");
        }
        long tLast = yTrue[yTrue.length - 1], pLast = yPred[yPred.length - 1];
        boolean binary = pLast == 1;
        boolean sparse = yTrue.length < yPred.length || (tLast == 1 && pLast > 1);
        if (binary) return new BinaryAccuracy();
        if (sparse) return new SparseCategoricalAccuracy();
        return new CategoricalAccuracy();
    }

    @SuppressWarnings("unchecked")
    private static Metric fromMap(Map<String, Object> m) {
        Object className = m.get("class_name");
        Object config = m.get("config");
        if (className == null) throw new IllegalArgumentException("A serialized metric needs a \"class_name\"; received " + m);
        // Keras 3 writes a plain function as {"class_name": "function", "config": "binary_accuracy"}.
        if (config instanceof String fn) return get(fn);
        Function<Config, ? extends Metric> f = CLASSES.get(className.toString());
        if (f == null) {
            if (NAMES.containsKey(className.toString())) return get(className.toString());
            throw unknown(className.toString());
        }
        return f.apply(Config.of(config instanceof Map ? (Map<String, Object>) config : Map.of()));
    }

    /**
     * A serialized {@code MeanMetricWrapper}: tf.keras writes {@code "fn": "binary_accuracy"} (Keras 3 a
     * serialized function); the named function's metric class is built and given the wrapper's name and
     * the function's keyword arguments ({@code threshold}, {@code k}).
     */
    private static Metric wrapperFromConfig(Config c) {
        Object fn = c.get("fn");
        String fnName = fn instanceof String s ? s : fn instanceof Map<?, ?> map && map.get("config") instanceof String s ? s : null;
        if (fnName == null || !NAMES.containsKey(fnName)) {
            throw new IllegalArgumentException("Cannot rebuild a MeanMetricWrapper around fn=" + fn + ": only Keras's built-in metric "
                    + "functions are known (" + String.join(", ", NAMES.keySet()) + "). Build it in Java with new MeanMetricWrapper(name, fn).");
        }
        Metric m = base(get(fnName), c);
        if (m instanceof BinaryAccuracy b && c.get("threshold") != null) b.threshold(c.getDouble("threshold", 0.5));
        if (m instanceof TopKCategoricalAccuracy t && c.get("k") != null) t.k(c.getInt("k", 5));
        if (m instanceof SparseTopKCategoricalAccuracy t && c.get("k") != null) t.k(c.getInt("k", 5));
        return m;
    }

    /** Keras 3's serialized form: {@code {"module": "keras.metrics", "class_name": ..., "config": {...}, "registered_name": null}}. */
    public static Map<String, Object> serialize(Metric metric) {
        return Config.serialized("keras.metrics", metric.className(), metric.getConfig());
    }

    /** Every known name: class names, their snake_case and the aliases. */
    public static Set<String> names() {
        Set<String> s = new TreeSet<>(NAMES.keySet());
        s.addAll(CLASSES.keySet());
        return Collections.unmodifiableSet(s);
    }

    /** Applies the keys every metric has ({@code name}, {@code dtype}, as a string or a Keras 3 policy) to a new metric. */
    static <T extends Metric> T base(T metric, Config c) {
        String name = c.getString("name", null);
        if (name != null) metric.name(name);
        String dtype = c.dtypeName();
        if (dtype != null) metric.dtype(dtype);
        return metric;
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("Could not interpret metric identifier: \"" + name + "\". Known metrics: "
                + String.join(", ", NAMES.keySet()) + "; and \"accuracy\" / \"acc\" in compile. A custom metric must be registered with "
                + "Metrics.register(\"" + name + "\", MyMetric::fromConfig).");
    }
}
