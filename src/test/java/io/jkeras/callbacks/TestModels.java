package io.jkeras.callbacks;

import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Optimizer;
import io.jkeras.training.Compiled;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small real models and scripted logs for driving callbacks hook by hook, as fit will. */
final class TestModels {
    private TestModels() {
    }

    /** A built Sequential (3 → 2) with no optimizer. */
    static Sequential dense() {
        return new Sequential(new Dense(2).inputShape(3));
    }

    /** A built Sequential (3 → 2) whose optimizer() is {@code opt}, as after compile. */
    static Sequential withOptimizer(Optimizer opt) {
        return new WithOptimizer(opt);
    }

    /** Sets {@code compiled} directly: all that callbacks read of a compiled model is its optimizer. */
    private static final class WithOptimizer extends Sequential {
        WithOptimizer(Optimizer opt) {
            super(new Dense(2).inputShape(3));
            compiled = new Compiled(opt, List.of(), List.of(), List.of());
        }
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
