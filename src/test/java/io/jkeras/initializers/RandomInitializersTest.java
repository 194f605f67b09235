package io.jkeras.initializers;

import io.jkeras.Keras;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Shapes, dtypes and sample statistics of the random initializers against Keras's formulas, and how
 * seeds make them repeat.
 */
class RandomInitializersTest {
    /** A Conv2D kernel: fan_in = 3·3·64 = 576, fan_out = 3·3·128 = 1152, 73,728 values. */
    private static final long[] CONV = {3, 3, 64, 128};
    private static final double FAN_IN = 576, FAN_OUT = 1152, FAN_AVG = 864;
    private static final long[] BIG = {1000, 1000};
    /** The standard deviation of a standard normal truncated to (-2, 2). */
    private static final double TRUNCATED_STD = 0.87962566103423978;

    @Test
    void varianceScalingPresetsFollowKerasFormulas() {
        uniform(new GlorotUniform(1L), Math.sqrt(6.0 / (FAN_IN + FAN_OUT)));
        uniform(new HeUniform(1L), Math.sqrt(6.0 / FAN_IN));
        uniform(new LecunUniform(1L), Math.sqrt(3.0 / FAN_IN));
        truncated(new GlorotNormal(1L), Math.sqrt(1.0 / FAN_AVG));
        truncated(new HeNormal(1L), Math.sqrt(2.0 / FAN_IN));
        truncated(new LecunNormal(1L), Math.sqrt(1.0 / FAN_IN));
        truncated(new VarianceScaling(3.0, "fan_out", "truncated_normal", 1L), Math.sqrt(3.0 / FAN_OUT));
        INDArray w = new VarianceScaling(0.5, "fan_avg", "untruncated_normal", 1L).apply(CONV, DataType.FLOAT);
        assertThat(w.stdNumber().doubleValue()).isCloseTo(Math.sqrt(0.5 / FAN_AVG), within(0.02 * Math.sqrt(0.5 / FAN_AVG)));
    }

    /** Values within ±limit and spread as a uniform there (std = limit / sqrt(3)). */
    private static void uniform(Initializer init, double limit) {
        INDArray w = init.apply(CONV, DataType.FLOAT);
        assertThat(w.shape()).containsExactly(CONV);
        assertThat(w.maxNumber().doubleValue()).isLessThanOrEqualTo(limit).isGreaterThan(0.99 * limit);
        assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(-limit).isLessThan(-0.99 * limit);
        assertThat(w.stdNumber().doubleValue()).isCloseTo(limit / Math.sqrt(3), within(0.02 * limit));
        assertThat(w.meanNumber().doubleValue()).isCloseTo(0.0, within(0.02 * limit));
    }

    /** Keras's VarianceScaling truncated normal: std = target after truncation, nothing beyond 2 pre-truncation stddevs. */
    private static void truncated(Initializer init, double std) {
        INDArray w = init.apply(CONV, DataType.FLOAT);
        double bound = 2 * std / TRUNCATED_STD;
        assertThat(w.amaxNumber().doubleValue()).isLessThanOrEqualTo(bound * (1 + 1e-6)).isGreaterThan(0.99 * bound);
        assertThat(w.stdNumber().doubleValue()).isCloseTo(std, within(0.02 * std));
        assertThat(w.meanNumber().doubleValue()).isCloseTo(0.0, within(0.02 * std));
    }

    @Test
    void randomUniformHasKerasDefaultsAndBounds() {
        INDArray w = new RandomUniform().apply(BIG, DataType.FLOAT);
        assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(-0.05).isLessThan(-0.0499);
        assertThat(w.maxNumber().doubleValue()).isLessThan(0.05).isGreaterThan(0.0499);
        assertThat(w.meanNumber().doubleValue()).isCloseTo(0.0, within(5e-4));
        INDArray v = new RandomUniform(2.0, 3.0, 5L).apply(BIG, DataType.DOUBLE);
        assertThat(v.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(v.minNumber().doubleValue()).isGreaterThanOrEqualTo(2.0);
        assertThat(v.maxNumber().doubleValue()).isLessThan(3.0);
        assertThat(v.meanNumber().doubleValue()).isCloseTo(2.5, within(2e-3));
        assertThat(v.stdNumber().doubleValue()).isCloseTo(1 / Math.sqrt(12), within(2e-3));
    }

    @Test
    void randomNormalHasMeanAndStddev() {
        INDArray w = new RandomNormal().apply(BIG, DataType.FLOAT);
        assertThat(w.meanNumber().doubleValue()).isCloseTo(0.0, within(5e-4));
        assertThat(w.stdNumber().doubleValue()).isCloseTo(0.05, within(5e-4));
        INDArray v = new RandomNormal(1.5, 2.0, 3L).apply(BIG, DataType.DOUBLE);
        assertThat(v.meanNumber().doubleValue()).isCloseTo(1.5, within(0.01));
        assertThat(v.stdNumber().doubleValue()).isCloseTo(2.0, within(0.01));
        assertThat(v.amaxNumber().doubleValue()).isGreaterThan(1.5 + 2 * 2.0); // not truncated
    }

    @Test
    void truncatedNormalRedrawsBeyondTwoStddevs() {
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray w = new TruncatedNormal(1.0, 0.5, 9L).apply(BIG, t);
            assertThat(w.dataType()).isEqualTo(t);
            assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0 - 1e-6).isLessThan(0.01);
            assertThat(w.maxNumber().doubleValue()).isLessThanOrEqualTo(2.0 + 1e-6).isGreaterThan(1.99);
            assertThat(w.meanNumber().doubleValue()).isCloseTo(1.0, within(2e-3));
            // Re-drawn, not clipped: a clipped normal would have std 0.98·σ and piles at the bounds.
            assertThat(w.stdNumber().doubleValue()).isCloseTo(TRUNCATED_STD * 0.5, within(0.005 * 0.5));
        }
    }

    @Test
    void seededInitializersRepeatAndUnseededOnesDiffer() {
        long[] shape = {5, 7};
        for (Supplier<Initializer> seeded : java.util.List.<Supplier<Initializer>>of(
                () -> new GlorotUniform(42L), () -> new GlorotNormal(42L), () -> new HeUniform(42L), () -> new HeNormal(42L),
                () -> new LecunUniform(42L), () -> new LecunNormal(42L), () -> new RandomUniform(-1, 1, 42L),
                () -> new RandomNormal(0, 1, 42L), () -> new TruncatedNormal(0, 1, 42L), () -> new Orthogonal(1.0, 42L))) {
            Initializer i = seeded.get();
            for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
                INDArray a = i.apply(shape, t);
                assertThat(a.shape()).containsExactly(shape);
                assertThat(a.dataType()).isEqualTo(t);
                assertThat(i.apply(shape, t)).as(i.className() + " called twice").isEqualTo(a);
                assertThat(seeded.get().apply(shape, t)).as(i.className() + " made again").isEqualTo(a);
            }
        }
        Initializer unseeded = new HeNormal();
        assertThat(unseeded.apply(shape, DataType.FLOAT)).isNotEqualTo(unseeded.apply(shape, DataType.FLOAT));
        assertThat(new RandomUniform(-1, 1, 1L).apply(shape, DataType.FLOAT))
                .isNotEqualTo(new RandomUniform(-1, 1, 2L).apply(shape, DataType.FLOAT));
    }

    @Test
    void unseededInitializersFollowTheSessionSeed() {
        Keras.setRandomSeed(123);
        INDArray a = new GlorotUniform().apply(new long[]{4, 4}, DataType.FLOAT);
        Keras.setRandomSeed(123);
        assertThat(new GlorotUniform().apply(new long[]{4, 4}, DataType.FLOAT)).isEqualTo(a);
    }

    @Test
    void emptyAndScalarShapes() {
        assertThat(new HeNormal(1L).apply(new long[]{0, 3}, DataType.FLOAT).length()).isZero();
        assertThat(new TruncatedNormal().apply(new long[]{}, DataType.FLOAT).rank()).isZero();
    }
}
