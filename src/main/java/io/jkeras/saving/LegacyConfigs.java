package io.jkeras.saving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras 1 layer configs in Keras 2's words, as Keras 2's {@code keras/legacy/interfaces.py} converts the
 * arguments of a layer built from a Keras 1 config: class names ({@code Convolution2D} is {@code Conv2D}),
 * argument names ({@code output_dim} is {@code units}, {@code nb_filter} is {@code filters}, {@code border_mode}
 * is {@code padding}, {@code subsample} is {@code strides}, {@code init} is {@code kernel_initializer},
 * {@code W_regularizer} is {@code kernel_regularizer}, {@code bias} is {@code use_bias}, ...) and values
 * ({@code dim_ordering "th"} is {@code data_format "channels_first"}). A key already in its Keras 2 spelling
 * wins over its Keras 1 one. A config without Keras 1 keys comes back unchanged.
 *
 * <pre>{@code
 * jshell> LegacyConfigs.className("Convolution2D")
 * $1 ==> "Conv2D"
 * jshell> LegacyConfigs.toKeras2("Conv2D", Map.of("nb_filter", 6, "nb_row", 3, "nb_col", 3, "dim_ordering", "th"))
 * $2 ==> {filters=6, kernel_size=[3, 3], data_format=channels_first}
 * }</pre>
 */
public final class LegacyConfigs {
    private static final String[][] DENSE = {{"output_dim", "units"}, {"init", "kernel_initializer"},
            {"W_regularizer", "kernel_regularizer"}, {"b_regularizer", "bias_regularizer"}, {"W_constraint", "kernel_constraint"},
            {"b_constraint", "bias_constraint"}, {"bias", "use_bias"}};
    private static final String[][] CONV = {{"nb_filter", "filters"}, {"subsample", "strides"}, {"border_mode", "padding"},
            {"dim_ordering", "data_format"}, {"init", "kernel_initializer"}, {"W_regularizer", "kernel_regularizer"},
            {"b_regularizer", "bias_regularizer"}, {"W_constraint", "kernel_constraint"}, {"b_constraint", "bias_constraint"},
            {"bias", "use_bias"}, {"atrous_rate", "dilation_rate"}};
    private static final String[][] CONV1D = {{"nb_filter", "filters"}, {"filter_length", "kernel_size"},
            {"subsample_length", "strides"}, {"border_mode", "padding"}, {"init", "kernel_initializer"},
            {"W_regularizer", "kernel_regularizer"}, {"b_regularizer", "bias_regularizer"}, {"W_constraint", "kernel_constraint"},
            {"b_constraint", "bias_constraint"}, {"bias", "use_bias"}, {"atrous_rate", "dilation_rate"}};
    private static final String[][] POOLING_1D = {{"pool_length", "pool_size"}, {"stride", "strides"}, {"border_mode", "padding"}};
    private static final String[][] POOLING_ND = {{"border_mode", "padding"}, {"dim_ordering", "data_format"}};
    private static final String[][] DIM_ORDERING = {{"dim_ordering", "data_format"}};
    private static final String[][] DROPOUT = {{"p", "rate"}};
    private static final String[][] SPATIAL_DROPOUT_ND = {{"p", "rate"}, {"dim_ordering", "data_format"}};
    private static final String[][] BATCH_NORM = {{"beta_init", "beta_initializer"}, {"gamma_init", "gamma_initializer"}};

    private LegacyConfigs() {
    }

    /** The Keras 2 class name of a Keras 1 layer class ({@code Convolution2D}, {@code AtrousConvolution2D}, ...). */
    public static String className(String keras1) {
        return switch (keras1) {
            case "Convolution1D", "AtrousConvolution1D" -> "Conv1D";
            case "Convolution2D", "AtrousConvolution2D" -> "Conv2D";
            case "Convolution3D" -> "Conv3D";
            default -> keras1;
        };
    }

    /**
     * The config with Keras 1's argument names and values turned into Keras 2's for a layer of Keras 2 class
     * {@code className}.
     *
     * @throws IllegalArgumentException for a Keras 1 setting Keras 2 dropped ({@code BatchNormalization mode} 1 or 2)
     */
    public static Map<String, Object> toKeras2(String className, Map<String, Object> config) {
        Map<String, Object> c = new LinkedHashMap<>(config);
        // Every Keras 1 layer may carry these beside its batch_input_shape.
        rename(c, "input_dtype", "dtype");
        switch (className) {
            case "Dense" -> rename(c, DENSE);
            case "Dropout", "GaussianDropout", "SpatialDropout1D", "AlphaDropout" -> rename(c, DROPOUT);
            case "SpatialDropout2D", "SpatialDropout3D" -> rename(c, SPATIAL_DROPOUT_ND);
            case "GaussianNoise" -> rename(c, "sigma", "stddev");
            case "PReLU" -> rename(c, "init", "alpha_initializer");
            case "MaxPooling1D", "AveragePooling1D" -> rename(c, POOLING_1D);
            case "MaxPooling2D", "AveragePooling2D", "MaxPooling3D", "AveragePooling3D" -> rename(c, POOLING_ND);
            case "GlobalMaxPooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling3D", "GlobalAveragePooling3D",
                 "UpSampling2D", "UpSampling3D", "ZeroPadding3D", "Cropping2D", "Cropping3D" -> rename(c, DIM_ORDERING);
            case "UpSampling1D" -> rename(c, "length", "size");
            case "ZeroPadding2D" -> {
                rename(c, DIM_ORDERING);
                zeroPadding2D(c);
            }
            case "Conv1D" -> {
                rename(c, CONV1D);
                // Keras 1's Convolution1D took its input as input_dim and input_length.
                if (!c.containsKey("batch_input_shape") && c.get("input_dim") != null) {
                    List<Object> shape = new ArrayList<>();
                    shape.add(null);
                    shape.add(c.get("input_length"));
                    shape.add(c.get("input_dim"));
                    c.put("batch_input_shape", shape);
                }
                c.remove("input_dim");
                c.remove("input_length");
            }
            case "Conv2D" -> {
                rename(c, CONV);
                kernelSize(c, "nb_row", "nb_col");
            }
            case "Conv3D" -> {
                rename(c, CONV);
                kernelSize(c, "kernel_dim1", "kernel_dim2", "kernel_dim3");
            }
            case "BatchNormalization" -> {
                rename(c, BATCH_NORM);
                Object mode = c.remove("mode");
                if (mode instanceof Number n && n.intValue() != 0) {
                    throw new IllegalArgumentException("The `mode` argument of `BatchNormalization` no longer exists. "
                            + "`mode=1` and `mode=2` are no longer supported (received mode=" + n + ").");
                }
            }
            default -> {
            }
        }
        Object ordering = c.get("data_format");
        if ("th".equals(ordering)) c.put("data_format", "channels_first");
        else if ("tf".equals(ordering)) c.put("data_format", "channels_last");
        else if ("default".equals(ordering)) c.remove("data_format");
        return c;
    }

    private static void rename(Map<String, Object> c, String[][] pairs) {
        for (String[] p : pairs) rename(c, p[0], p[1]);
    }

    /** Moves {@code old} to {@code now} unless the Keras 2 key is already there (then the Keras 1 one is dropped). */
    private static void rename(Map<String, Object> c, String old, String now) {
        if (!c.containsKey(old)) return;
        Object v = c.remove(old);
        if (!c.containsKey(now)) c.put(now, v);
    }

    private static void kernelSize(Map<String, Object> c, String... keys) {
        boolean all = true;
        for (String k : keys) all &= c.get(k) != null;
        if (all && !c.containsKey("kernel_size")) {
            List<Object> size = new ArrayList<>();
            for (String k : keys) size.add(c.get(k));
            c.put("kernel_size", size);
        }
        if (all) for (String k : keys) c.remove(k);
    }

    /** Keras 1's {@code {"top_pad", "bottom_pad", "left_pad", "right_pad"}} padding as {@code ((top, bottom), (left, right))}. */
    private static void zeroPadding2D(Map<String, Object> c) {
        if (!(c.get("padding") instanceof Map<?, ?> m)) return;
        c.put("padding", List.of(List.of(pad(m, "top_pad"), pad(m, "bottom_pad")), List.of(pad(m, "left_pad"), pad(m, "right_pad"))));
    }

    private static Object pad(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? 0 : v;
    }
}
