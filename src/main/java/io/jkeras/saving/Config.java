package io.jkeras.saving;

import io.jkeras.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read view of one Keras config dictionary, tolerant of the ways Keras 1, 2, tf.keras and Keras 3
 * spell the same thing (numbers as ints or floats, tuples as lists, dtype as a string or a policy
 * object, {@code batch_input_shape} or {@code batch_shape}). Layers' {@code fromConfig} read through it.
 *
 * <pre>{@code
 * Config c = Config.of(Map.of("units", 64, "activation", "relu"));
 * c.getInt("units", "output_dim")   // 64; "output_dim" is the Keras 1 spelling
 * }</pre>
 */
public final class Config {
    private final Map<String, Object> map;

    private Config(Map<String, Object> map) {
        this.map = map;
    }

    /** Wraps a parsed config map (not copied). */
    public static Config of(Map<String, Object> map) {
        return new Config(map == null ? Map.of() : map);
    }

    /** The raw map. */
    public Map<String, Object> map() {
        return map;
    }

    /** True if the key is present (even with a null value). */
    public boolean has(String key) {
        return map.containsKey(key);
    }

    /** The raw value of the first present key, or {@code null}. */
    public Object get(String... keys) {
        for (String k : keys) if (map.containsKey(k)) return map.get(k);
        return null;
    }

    /** A string value (first present key), or {@code null}. */
    public String getString(String... keys) {
        Object v = get(keys);
        return v == null ? null : v.toString();
    }

    /** A string value, or {@code def} when absent or null. */
    public String getString(String key, String def) {
        Object v = get(key);
        return v == null ? def : v.toString();
    }

    /** An int value (first present key); Keras writes some as floats ({@code 64.0}). */
    public int getInt(String... keys) {
        Object v = get(keys);
        if (v == null) throw missing(keys);
        return number(present(keys), v).intValue();
    }

    /** An int value, or {@code def} when absent or null. */
    public int getInt(String key, int def) {
        Object v = get(key);
        return v == null ? def : number(key, v).intValue();
    }

    /** A double value, or {@code def} when absent or null. */
    public double getDouble(String key, double def) {
        Object v = get(key);
        return v == null ? def : number(key, v).doubleValue();
    }

    /** A nullable Double value. */
    public Double getDoubleOrNull(String key) {
        Object v = get(key);
        return v == null ? null : number(key, v).doubleValue();
    }

    /** A boolean value; absent means an error. */
    public boolean getBoolean(String key) {
        Object v = get(key);
        if (v == null) throw missing(key);
        return bool(key, v);
    }

    /** A boolean value, or {@code def} when absent or null. */
    public boolean getBoolean(String key, boolean def) {
        Object v = get(key);
        return v == null ? def : bool(key, v);
    }

    /** An int list from a JSON list or a single number (Keras accepts {@code 3} for {@code (3, 3)}); null if absent. */
    public int[] getInts(String... keys) {
        Object v = get(keys);
        if (v == null) return null;
        String key = present(keys);
        if (v instanceof Number n) return new int[]{n.intValue()};
        List<?> l = list(key, v, "a number or a list of numbers");
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = number(key, l.get(i)).intValue();
        return out;
    }

    /** A shape from a list with {@code null} entries; null if absent. */
    public Shape getShape(String... keys) {
        Object v = get(keys);
        if (v == null) return null;
        String key = present(keys);
        List<Integer> dims = new ArrayList<>();
        for (Object o : list(key, v, "a shape (a list of numbers and nulls)")) {
            Integer d = o == null ? null : number(key, o).intValue();
            if (d != null && d < 0) throw wrongType(key, "a shape of sizes >= 0 and nulls", v);
            dims.add(d);
        }
        return Shape.of(dims);
    }

    // A value of the wrong JSON type is a malformed config: say which key and what it held, not a ClassCastException.

    private String present(String... keys) {
        for (String k : keys) if (map.containsKey(k)) return k;
        return keys.length == 0 ? "?" : keys[0];
    }

    private static Number number(String key, Object v) {
        if (v instanceof Number n) return n;
        throw wrongType(key, "a number", v);
    }

    private static boolean bool(String key, Object v) {
        if (v instanceof Boolean b) return b;
        throw wrongType(key, "true or false", v);
    }

    private static List<?> list(String key, Object v, String expected) {
        if (v instanceof List<?> l) return l;
        throw wrongType(key, expected, v);
    }

    private static IllegalArgumentException wrongType(String key, String expected, Object v) {
        return new IllegalArgumentException("The config key \"" + key + "\" should be " + expected + "; received: "
                + LayerSerializer.abbreviate(v instanceof String ? "\"" + v + "\"" : v) + ".");
    }

    /** A nested config object, or {@code null}. */
    @SuppressWarnings("unchecked")
    public Config getConfig(String... keys) {
        Object v = get(keys);
        return v instanceof Map ? new Config((Map<String, Object>) v) : null;
    }

    /** The dtype name whether written as a string (Keras 2) or a {@code DTypePolicy} object (Keras 3). */
    public String dtypeName() {
        Object d = get("dtype");
        if (d == null) return null;
        if (d instanceof String s) return s.startsWith("mixed_") ? "float32" : s;
        Config policy = getConfig("dtype");
        if (policy == null) throw wrongType("dtype", "a dtype name or a DTypePolicy object", d);
        Config inner = policy.getConfig("config");
        String n = inner == null ? null : inner.getString("name");
        if (n == null) return null;
        // A mixed policy keeps its variables in float32.
        return n.startsWith("mixed_") ? "float32" : n;
    }

    /**
     * The full input shape of a first layer, from whichever key this Keras version used:
     * {@code batch_input_shape} (Keras 1/2), {@code batch_shape} (Keras 3 InputLayer), or
     * {@code input_dim} (Keras 1 Dense). {@code null} if none.
     */
    public Shape batchInputShape() {
        Shape s = getShape("batch_input_shape", "batch_shape");
        if (s != null) return s;
        if (get("input_dim") != null && get("input_length") == null) return Shape.of(null, getInt("input_dim"));
        return null;
    }

    /** Keras 3's serialized dtype policy: {@code {"module": "keras", "class_name": "DTypePolicy", ...}}. */
    public static Map<String, Object> dtypePolicy(String dtype) {
        return serialized("keras", "DTypePolicy", new LinkedHashMap<>(Map.of("name", dtype)));
    }

    /** Keras 3's serialized object form: module, class_name, config, registered_name. */
    public static Map<String, Object> serialized(String module, String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", module);
        m.put("class_name", className);
        m.put("config", config);
        m.put("registered_name", null);
        return m;
    }

    private static IllegalArgumentException missing(String... keys) {
        return new IllegalArgumentException("The layer config lacks the key \"" + String.join("\" / \"", keys) + "\".");
    }

    @Override
    public String toString() {
        return map.toString();
    }
}
