package io.jkeras.losses;

import io.jkeras.saving.Config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The losses by identifier, as {@code keras.losses.get} / {@code deserialize}: Keras function names
 * ({@code "mse"}, {@code "sparse_categorical_crossentropy"}, {@code "kld"}, …), class names
 * ({@code "SparseCategoricalCrossentropy"}), serialized maps ({@code {"class_name": ..., "config": {...}}}
 * as Keras 2, tf.keras and Keras 3 write them), and {@link Loss} objects (returned as they are).
 *
 * <p>A function name gives the class with Keras's defaults, named as Keras names that function
 * ({@code "mse"} gives a {@link MeanSquaredError} named {@code "mean_squared_error"}).
 *
 * <pre>{@code
 * jshell> Losses.get("mse")
 * $1 ==> MeanSquaredError{name=mean_squared_error, reduction=sum_over_batch_size}
 * jshell> Losses.get(Map.of("class_name", "SparseCategoricalCrossentropy", "config", Map.of("from_logits", true)))
 * jshell> Losses.serialize(new Huber())   // {module=keras.losses, class_name=Huber, config={...}, registered_name=null}
 * }</pre>
 */
public final class Losses {
    private static final Map<String, Supplier<Loss>> FUNCTIONS = new LinkedHashMap<>();
    private static final Map<String, Function<Config, ? extends Loss>> CLASSES = new LinkedHashMap<>();

    static {
        function(MeanSquaredError::new, "mean_squared_error", "mse", "MSE");
        function(MeanAbsoluteError::new, "mean_absolute_error", "mae", "MAE");
        function(MeanAbsolutePercentageError::new, "mean_absolute_percentage_error", "mape", "MAPE");
        function(MeanSquaredLogarithmicError::new, "mean_squared_logarithmic_error", "msle", "MSLE");
        function(BinaryCrossentropy::new, "binary_crossentropy");
        function(BinaryFocalCrossentropy::new, "binary_focal_crossentropy");
        function(CategoricalCrossentropy::new, "categorical_crossentropy");
        function(SparseCategoricalCrossentropy::new, "sparse_categorical_crossentropy");
        function(KLDivergence::new, "kl_divergence", "kld", "KLD", "kullback_leibler_divergence");
        function(Poisson::new, "poisson");
        function(Hinge::new, "hinge");
        function(SquaredHinge::new, "squared_hinge");
        function(CategoricalHinge::new, "categorical_hinge");
        function(() -> new Huber().name("huber"), "huber");
        function(LogCosh::new, "log_cosh", "logcosh");
        function(CosineSimilarity::new, "cosine_similarity");

        register("MeanSquaredError", MeanSquaredError::fromConfig);
        register("MeanAbsoluteError", MeanAbsoluteError::fromConfig);
        register("MeanAbsolutePercentageError", MeanAbsolutePercentageError::fromConfig);
        register("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError::fromConfig);
        register("BinaryCrossentropy", BinaryCrossentropy::fromConfig);
        register("BinaryFocalCrossentropy", BinaryFocalCrossentropy::fromConfig);
        register("CategoricalCrossentropy", CategoricalCrossentropy::fromConfig);
        register("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::fromConfig);
        register("KLDivergence", KLDivergence::fromConfig);
        register("Poisson", Poisson::fromConfig);
        register("Hinge", Hinge::fromConfig);
        register("SquaredHinge", SquaredHinge::fromConfig);
        register("CategoricalHinge", CategoricalHinge::fromConfig);
        register("Huber", Huber::fromConfig);
        register("LogCosh", LogCosh::fromConfig);
        register("CosineSimilarity", CosineSimilarity::fromConfig);
    }

    private Losses() {
    }

    private static void function(Supplier<Loss> factory, String... names) {
        for (String n : names) FUNCTIONS.put(n, factory);
    }

    /** Registers a loss class (a custom one, or another spelling) under a Keras class name. */
    public static void register(String className, Function<Config, ? extends Loss> fromConfig) {
        CLASSES.put(className, fromConfig);
    }

    /**
     * The loss for an identifier: a function or class name, a serialized map or {@link Config}, or a
     * {@link Loss} (returned as is); {@code null} gives {@code null}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    @SuppressWarnings("unchecked")
    public static Loss get(Object identifier) {
        if (identifier == null) return null;
        if (identifier instanceof Loss l) return l;
        if (identifier instanceof String s) {
            Supplier<Loss> f = FUNCTIONS.get(s);
            if (f != null) return f.get();
            if (CLASSES.containsKey(s)) return CLASSES.get(s).apply(Config.of(Map.of()));
            throw unknown(s);
        }
        if (identifier instanceof Config c) return fromMap(c.map());
        if (identifier instanceof Map<?, ?> m) return fromMap((Map<String, Object>) m);
        throw new IllegalArgumentException("Could not interpret loss identifier: " + identifier + " (a "
                + identifier.getClass().getName() + "). Pass a loss name such as \"mse\", a Loss, or a serialized loss map.");
    }

    @SuppressWarnings("unchecked")
    private static Loss fromMap(Map<String, Object> m) {
        Object className = m.get("class_name");
        Object config = m.get("config");
        if (className == null) throw new IllegalArgumentException("A serialized loss needs a \"class_name\"; received " + m);
        // Keras 3 writes a plain loss function as {"class_name": "function", "config": "mean_squared_error"}.
        if (config instanceof String fn) return get(fn);
        Function<Config, ? extends Loss> f = CLASSES.get(className.toString());
        if (f == null) {
            if (FUNCTIONS.containsKey(className.toString())) return get(className.toString());
            throw unknown(className.toString());
        }
        return f.apply(Config.of(config instanceof Map ? (Map<String, Object>) config : Map.of()));
    }

    /** Keras 3's serialized form: {@code {"module": "keras.losses", "class_name": ..., "config": {...}, "registered_name": null}}. */
    public static Map<String, Object> serialize(Loss loss) {
        return Config.serialized("keras.losses", loss.className(), loss.getConfig());
    }

    /** Every known function and class name. */
    public static Set<String> names() {
        Set<String> s = new TreeSet<>(FUNCTIONS.keySet());
        s.addAll(CLASSES.keySet());
        return Collections.unmodifiableSet(s);
    }

    /** Applies the config keys every loss has ({@code name}, {@code reduction}) to a new loss. */
    static <T extends Loss> T base(T loss, Config c) {
        String name = c.getString("name", null);
        if (name != null) loss.name(name);
        if (c.has("reduction")) loss.reduction(c.getString("reduction"));
        return loss;
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("Could not interpret loss identifier: \"" + name + "\". Known losses: "
                + String.join(", ", FUNCTIONS.keySet()) + "; classes: " + String.join(", ", CLASSES.keySet())
                + ". A custom loss must be registered with Losses.register(\"" + name + "\", MyLoss::fromConfig).");
    }
}
