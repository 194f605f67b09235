package io.jkeras.testing;

import io.jkeras.Keras;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: runs each test with {@code Keras.setFloatx("float64")} and a fixed seed, and restores
 * float32 afterwards. Use with {@code @ExtendWith(Float64.class)} on gradient-check tests.
 */
public final class Float64 implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        Keras.setFloatx("float64");
        Keras.setRandomSeed(42);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Keras.setFloatx("float32");
    }
}
