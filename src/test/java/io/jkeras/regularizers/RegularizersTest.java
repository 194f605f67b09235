package io.jkeras.regularizers;

import io.jkeras.Variable;
import io.jkeras.saving.Json;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegularizersTest {
    private static final double[][] W = {{0.5, -1.5, 2.0}, {-0.25, 3.0, -1.0}};

    @Test
    void lossesMatchKerasFormulas() {
        double abs = 0.5 + 1.5 + 2.0 + 0.25 + 3.0 + 1.0;              // 8.25
        double sq = 0.25 + 2.25 + 4.0 + 0.0625 + 9.0 + 1.0;           // 16.5625
        INDArray w = Nd4j.createFromArray(W).castTo(DataType.FLOAT);
        assertThat(new L1(0.1).loss(w)).isCloseTo(0.1 * abs, within(1e-6));
        assertThat(new L2(0.1).loss(w)).isCloseTo(0.1 * sq, within(1e-6)); // no 1/2, as Keras
        assertThat(new L1L2(0.1, 0.2).loss(w)).isCloseTo(0.1 * abs + 0.2 * sq, within(1e-6));
        assertThat(new L1L2().loss(w)).isZero();
        assertThat(new L1().loss(w)).isCloseTo(0.01 * abs, within(1e-7));
        // Keras's own docstring example: L2(2.0) on ones((5, 5)) is 50.
        assertThat(new L2(2.0).loss(Nd4j.ones(DataType.FLOAT, 5, 5))).isEqualTo(50.0);
    }

    @Test
    void gradientsMatchCentralDifferencesInFloat64() {
        INDArray w = Nd4j.createFromArray(W);
        for (Regularizer r : List.of(new L1(0.3), new L2(0.7), new L1L2(0.3, 0.7), new L1L2(0.0, 0.05))) {
            INDArray g = r.gradient(w);
            assertThat(g.dataType()).isEqualTo(DataType.DOUBLE);
            assertThat(g.shape()).containsExactly(w.shape());
            double h = 1e-6;
            for (int i = 0; i < w.rows(); i++) {
                for (int j = 0; j < w.columns(); j++) {
                    INDArray plus = w.dup(), minus = w.dup();
                    plus.putScalar(i, j, w.getDouble(i, j) + h);
                    minus.putScalar(i, j, w.getDouble(i, j) - h);
                    double numeric = (r.loss(plus) - r.loss(minus)) / (2 * h);
                    assertThat(g.getDouble(i, j)).as(r.className() + " at " + i + "," + j).isCloseTo(numeric, within(1e-7));
                }
            }
        }
        assertThat(new L1(1.0).gradient(Nd4j.createFromArray(0.0, -2.0)).toDoubleVector()).containsExactly(0.0, -1.0);
    }

    @Test
    void totalLossAndGradientsOverVariables() {
        INDArray w = Nd4j.createFromArray(W);
        Variable kernel = new Variable("kernel", "dense/kernel", w.dup(), true, new L2(0.5), null);
        Variable bias = new Variable("bias", "dense/bias", Nd4j.createFromArray(1.0, -2.0), true, new L1(0.25), null);
        Variable plain = new Variable("kernel", "dense_1/kernel", w.dup(), true, null, null);
        Variable frozen = new Variable("moving", "bn/moving", w.dup(), false, new L2(1.0), null);
        List<Variable> vs = List.of(kernel, bias, plain, frozen);
        assertThat(Regularizers.totalLoss(vs)).isCloseTo(0.5 * 16.5625 + 0.25 * 3.0, within(1e-12));

        bias.addGrad(Nd4j.createFromArray(10.0, 10.0)); // a loss gradient already there: the penalty's adds to it
        Regularizers.addGradients(vs);
        assertThat(kernel.grad()).isEqualTo(w.mul(1.0));
        assertThat(bias.grad().toDoubleVector()).containsExactly(10.25, 9.75);
        assertThat(plain.grad()).isNull();
        assertThat(frozen.grad()).isNull();
    }

    @Test
    void namesConfigsAndRoundTrips() {
        assertThat(Regularizers.get("l1")).isExactlyInstanceOf(L1.class).extracting(r -> ((L1) r).l1()).isEqualTo(0.01);
        assertThat(Regularizers.get("l2")).isExactlyInstanceOf(L2.class).extracting(r -> ((L2) r).l2()).isEqualTo(0.01);
        L1L2 both = (L1L2) Regularizers.get("l1_l2");
        assertThat(both.l1()).isEqualTo(0.01);
        assertThat(both.l2()).isEqualTo(0.01);
        L1L2 cls = (L1L2) Regularizers.get("L1L2");
        assertThat(cls.l1()).isZero();
        assertThat(cls.l2()).isZero();
        assertThat(new L1L2(0.0, 0.3).getConfig()).isEqualTo(Map.of("l1", 0.0, "l2", 0.3));
        assertThat(new L1().getConfig()).isEqualTo(Map.of("l1", 0.01));
        assertThat(new L2(0.5).getConfig()).isEqualTo(Map.of("l2", 0.5));
        for (Regularizer r : List.of(new L1(0.2), new L2(0.3), new L1L2(0.4, 0.5))) {
            String json = Json.write(Regularizers.serialize(r));
            assertThat(json).contains("\"module\":\"keras.regularizers\"", "\"class_name\":\"" + r.className() + "\"");
            Regularizer back = Regularizers.get(Json.read(json));
            assertThat(back).isExactlyInstanceOf(r.getClass());
            assertThat(back.getConfig()).isEqualTo(r.getConfig());
        }
        // tf.keras 2 wrote L2 factors as float32-rounded doubles and l2() as an L1L2.
        Regularizer tf = Regularizers.get(Json.read("{\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.0, \"l2\": 0.0010000000474974513}}"));
        assertThat(((L1L2) tf).l2()).isEqualTo(0.0010000000474974513);
        assertThat(Regularizers.get(null)).isNull();
        assertThat(Regularizers.serialize(null)).isNull();
    }

    @Test
    void badFactorsAndUnknownNamesAreClearErrors() {
        assertThatThrownBy(() -> new L2(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for argument l2: expected a non-negative float. Received: l2=-1.0");
        assertThatThrownBy(() -> new L1L2(Double.NaN, 0)).hasMessageContaining("argument l1");
        assertThatThrownBy(() -> Regularizers.get("l3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Could not interpret regularizer identifier: l3");
    }
}
