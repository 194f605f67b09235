package io.jkeras.callbacks;

import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Optimizer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small real models and scripted logs for driving callbacks hook by hook, as fit will. */
final class TestModels {
    private TestModels() {
    }

    /** A built Sequential (3 → 2) with no optimizer. */
    static Sequential dense() {
        return new Sequential(new Dense(2).inputShape(3));
    }

    /** A built Sequential (3 → 2) compiled with {@code opt} and mean squared error. */
    static Sequential withOptimizer(Optimizer opt) {
        Sequential m = dense();
        m.compile(opt, "mse");
        return m;
    }

    /** Mutable logs in the given order: {@code logs("loss", 0.5, "accuracy", 0.9)}. */
    static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }

    /** A PrintStream whose text can be read back. */
    static final class Captured {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
