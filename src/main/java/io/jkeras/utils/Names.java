package io.jkeras.utils;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras's automatic names: the snake_case of a class name ({@code Conv2D} → {@code conv2d},
 * {@code LeakyReLU} → {@code leaky_re_lu}) made unique with a per-session counter
 * ({@code dense}, {@code dense_1}, {@code dense_2}, …). {@link io.jkeras.Keras#clearSession()} resets it.
 */
public final class Names {
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private Names() {
    }

    /** Keras's {@code to_snake_case}: {@code BatchNormalization} → {@code batch_normalization}. */
    public static String snakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        s = s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
        return s;
    }

    /** The next unique name for {@code prefix}: the prefix itself the first time, then {@code prefix_1}, … */
    public static synchronized String unique(String prefix) {
        int n = COUNTS.merge(prefix, 1, Integer::sum) - 1;
        return n == 0 ? prefix : prefix + "_" + n;
    }

    /** Forgets every counter (a new Keras session). */
    public static synchronized void reset() {
        COUNTS.clear();
    }
}
