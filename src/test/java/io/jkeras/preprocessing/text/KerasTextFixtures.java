package io.jkeras.preprocessing.text;

import io.jkeras.saving.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What Keras's own {@code Tokenizer} and {@code pad_sequences} returned on small inputs:
 * {@code src/test/resources/text/keras_text_fixtures.json}, written by {@code make_keras_text_fixtures.py} beside
 * it with keras_preprocessing 1.1.0 (the Keras code that Keras 3's legacy text module keeps).
 */
public final class KerasTextFixtures {
    private static Map<String, Object> cache;

    private KerasTextFixtures() {
    }

    /** The whole fixture file, parsed. */
    public static synchronized Map<String, Object> all() {
        if (cache == null) {
            try (InputStream in = KerasTextFixtures.class.getResourceAsStream("/text/keras_text_fixtures.json")) {
                cache = Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cache;
    }

    @SuppressWarnings("unchecked")
    public static <T> T get(Map<String, Object> m, String key) {
        return (T) m.get(key);
    }

    @SuppressWarnings("unchecked")
    public static List<String> strings(Object o) {
        return (List<String>) o;
    }

    /** A list of lists of numbers as int lists. */
    @SuppressWarnings("unchecked")
    public static List<List<Integer>> intLists(Object o) {
        return ((List<List<Number>>) o).stream().map(l -> l.stream().map(Number::intValue).toList()).toList();
    }

    /** A list of lists of numbers as a double matrix. */
    @SuppressWarnings("unchecked")
    public static double[][] matrix(Object o) {
        List<List<Number>> rows = (List<List<Number>>) o;
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) m[i] = rows.get(i).stream().mapToDouble(Number::doubleValue).toArray();
        return m;
    }
}
