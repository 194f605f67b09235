package io.jkeras.callbacks;

import io.jkeras.Keras;
import io.jkeras.metrics.AUC;
import io.jkeras.metrics.MeanSquaredError;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers in messages and CSV cells read as Python's repr(float) writes them. */
class CallbackSupportTest {
    @Test
    void reprIsPythons() {
        assertThat(CallbackSupport.repr(0.0001)).isEqualTo("0.0001");
        assertThat(CallbackSupport.repr(1e-5)).isEqualTo("1e-05");
        assertThat(CallbackSupport.repr(2e-7)).isEqualTo("2e-07");
        assertThat(CallbackSupport.repr(1.5)).isEqualTo("1.5");
        assertThat(CallbackSupport.repr(100.0)).isEqualTo("100.0");
        assertThat(CallbackSupport.repr(1e16)).isEqualTo("1e+16");
        assertThat(CallbackSupport.repr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(CallbackSupport.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CallbackSupport.repr((double) (float) 0.001 * 0.5)).isEqualTo("0.0005000000237487257");
        assertThat(CallbackSupport.repr(-0.0)).isEqualTo("-0.0");
        assertThat(CallbackSupport.repr(-2.5)).isEqualTo("-2.5");
        assertThat(CallbackSupport.repr(Double.NaN)).isEqualTo("nan");
        assertThat(CallbackSupport.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(CallbackSupport.repr(2e23)).isEqualTo("2e+23");
    }

    @Test
    void directionComesFromTheMetricName() {
        assertThat(MetricDirection.maximize("val_accuracy", null)).isTrue();
        assertThat(MetricDirection.maximize("auc", null)).isTrue();
        assertThat(MetricDirection.maximize("val_output_2_precision", null)).isTrue();
        assertThat(MetricDirection.maximize("val_loss", null)).isFalse();
        assertThat(MetricDirection.maximize("dense_1_loss", null)).isFalse();
        assertThat(MetricDirection.maximize("mean_absolute_error", null)).isFalse();
        assertThat(MetricDirection.maximize("val_something", null)).isNull();
        // Keras 3's Poisson and KLDivergence declare no direction.
        assertThat(MetricDirection.maximize("poisson", null)).isNull();
    }

    @Test
    void aMetricObjectGivenToCompileDecidesByItsOwnDirection() {
        Keras.clearSession();
        Sequential m = TestModels.dense();
        m.compile("sgd", "mse", new AUC().name("score"), new MeanSquaredError().name("gap"));
        assertThat(MetricDirection.maximize("val_score", m)).isTrue();
        assertThat(MetricDirection.maximize("gap", m)).isFalse();
        assertThat(MetricDirection.maximize("val_other", m)).isNull();
    }
}
