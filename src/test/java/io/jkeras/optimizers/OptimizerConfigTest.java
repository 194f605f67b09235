package io.jkeras.optimizers;

import io.jkeras.Keras;
import io.jkeras.optimizers.schedules.CosineDecay;
import io.jkeras.saving.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keras 3 configs, defaults and the registry ({@code keras.optimizers.get}). */
class OptimizerConfigTest {
    /**
     * The optimizer entry of {@code compile_config} in a .keras file written by Keras 3.13.2
     * (shared/keras-fixtures/external/ANINDASAU__graduate-admission-prediction/model.keras, config.json).
     */
    static final String KERAS_3_ADAM = "{\"module\": \"keras.optimizers\", \"class_name\": \"Adam\", \"config\": "
            + "{\"name\": \"adam\", \"learning_rate\": 0.0010000000474974513, \"weight_decay\": null, \"clipnorm\": null, "
            + "\"global_clipnorm\": null, \"clipvalue\": null, \"use_ema\": false, \"ema_momentum\": 0.99, "
            + "\"ema_overwrite_frequency\": null, \"loss_scale_factor\": null, \"gradient_accumulation_steps\": null, "
            + "\"beta_1\": 0.9, \"beta_2\": 0.999, \"epsilon\": 1e-07, \"amsgrad\": false}, \"registered_name\": null}";

    @AfterEach
    void float32() {
        Keras.setFloatx("float32");
    }

    @Test
    void defaultAdamSerializesExactlyAsKeras3() {
        Map<String, Object> keras = Json.read(KERAS_3_ADAM);
        assertThat(Json.read(Json.write(Optimizers.serialize(new Adam())))).isEqualTo(keras);
        Optimizer loaded = Optimizers.get(keras);
        assertThat(loaded).isInstanceOf(Adam.class);
        assertThat(Optimizers.serialize(loaded)).isEqualTo(Optimizers.serialize(new Adam()));
    }

    @Test
    void kerasDefaults() {
        assertThat(new SGD().getConfig()).containsEntry("name", "SGD").containsEntry("learning_rate", (double) 0.01f)
                .containsEntry("momentum", 0.0).containsEntry("nesterov", false);
        assertThat(new RMSprop().getConfig()).containsEntry("name", "rmsprop").containsEntry("rho", 0.9)
                .containsEntry("momentum", 0.0).containsEntry("epsilon", 1e-7).containsEntry("centered", false);
        assertThat(new AdamW().getConfig()).containsEntry("name", "adamw").containsEntry("weight_decay", 0.004)
                .containsEntry("beta_1", 0.9).containsEntry("beta_2", 0.999).containsEntry("amsgrad", false);
        assertThat(new Adagrad().getConfig()).containsEntry("initial_accumulator_value", 0.1).containsEntry("epsilon", 1e-7);
        assertThat(new Adadelta().getConfig()).containsEntry("rho", 0.95).containsEntry("epsilon", 1e-7);
        assertThat(new Adamax().getConfig()).containsEntry("beta_1", 0.9).containsEntry("beta_2", 0.999);
        assertThat(new Nadam().getConfig()).containsEntry("name", "nadam").containsEntry("epsilon", 1e-7);
        assertThat(new Ftrl().getConfig()).containsEntry("learning_rate_power", -0.5)
                .containsEntry("initial_accumulator_value", 0.1).containsEntry("l1_regularization_strength", 0.0)
                .containsEntry("l2_regularization_strength", 0.0).containsEntry("l2_shrinkage_regularization_strength", 0.0)
                .containsEntry("beta", 0.0);
        assertThat(new Lion().getConfig()).containsEntry("beta_1", 0.9).containsEntry("beta_2", 0.99);
        for (Optimizer o : new Optimizer[]{new RMSprop(), new Adam(), new Adagrad(), new Adamax(), new Ftrl(), new Lion()}) {
            assertThat(o.learningRate()).isEqualTo((double) 0.001f);
        }
    }

    static Stream<Optimizer> configured() {
        return Stream.of(new SGD(0.05).momentum(0.9).nesterov(true).clipnorm(1.0),
                new RMSprop(0.01).rho(0.8).momentum(0.3).epsilon(1e-5).centered(true).name("rms"),
                new Adam(0.02).beta1(0.85).beta2(0.99).epsilon(1e-6).amsgrad(true).globalClipnorm(2.0),
                new AdamW(0.02).amsgrad(true).weightDecay(0.01),
                new Adagrad(0.2).initialAccumulatorValue(0.5).epsilon(1e-4).clipvalue(0.5),
                new Adadelta(1.0).rho(0.9).epsilon(1e-6),
                new Adamax(0.002).beta1(0.8).beta2(0.95).epsilon(1e-8),
                new Nadam(0.002).beta1(0.8).beta2(0.95).lossScaleFactor(256.0),
                new Ftrl(0.1).learningRatePower(-0.7).initialAccumulatorValue(0.2).l1RegularizationStrength(0.01)
                        .l2RegularizationStrength(0.02).l2ShrinkageRegularizationStrength(0.03).beta(0.5),
                new Lion(1e-4).beta1(0.95).beta2(0.98).weightDecay(0.1),
                new Adam(new CosineDecay(0.0, 1000).alpha(0.1).warmup(0.01, 100)));
    }

    @ParameterizedTest
    @MethodSource("configured")
    void configRoundTripsThroughJson(Optimizer o) {
        Map<String, Object> serialized = Json.read(Json.write(Optimizers.serialize(o)));
        Optimizer back = Optimizers.get(serialized);
        assertThat(back.getClass()).isEqualTo(o.getClass());
        assertThat(Json.read(Json.write(Optimizers.serialize(back)))).isEqualTo(serialized);
        assertThat(back.learningRate()).isEqualTo(o.learningRate());
    }

    @Test
    void scheduleInsideTheConfig() {
        Optimizer o = Optimizers.get(Optimizers.serialize(new Adam(new CosineDecay(0.1, 50))));
        assertThat(o.learningRateSchedule()).isInstanceOf(CosineDecay.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> lr = (Map<String, Object>) o.getConfig().get("learning_rate");
        assertThat(lr).containsEntry("module", "keras.optimizers.schedules").containsEntry("class_name", "CosineDecay");
    }

    @Test
    void namesAsKerasGetAcceptsThem() {
        assertThat(Optimizers.get("adam")).isInstanceOf(Adam.class);
        assertThat(Optimizers.get("Adam")).isInstanceOf(Adam.class);
        assertThat(Optimizers.get("sgd")).isInstanceOf(SGD.class);
        assertThat(Optimizers.get("SGD")).isInstanceOf(SGD.class);
        assertThat(Optimizers.get("rmsprop")).isInstanceOf(RMSprop.class);
        assertThat(Optimizers.get("RMSprop")).isInstanceOf(RMSprop.class);
        assertThat(Optimizers.get("adamw")).isInstanceOf(AdamW.class);
        assertThat(Optimizers.get("adagrad")).isInstanceOf(Adagrad.class);
        assertThat(Optimizers.get("adadelta")).isInstanceOf(Adadelta.class);
        assertThat(Optimizers.get("adamax")).isInstanceOf(Adamax.class);
        assertThat(Optimizers.get("nadam")).isInstanceOf(Nadam.class);
        assertThat(Optimizers.get("ftrl")).isInstanceOf(Ftrl.class);
        assertThat(Optimizers.get("lion")).isInstanceOf(Lion.class);
        Adam mine = new Adam();
        assertThat(Optimizers.get(mine)).isSameAs(mine);
        assertThat(Optimizers.get(null)).isNull();
        assertThatThrownBy(() -> Optimizers.get("adamm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Could not interpret optimizer identifier: adamm");
    }

    @Test
    void readsKeras2AndTfKerasConfigs() {
        // Keras 2.x (and tf.keras legacy) wrote "lr" and a time-based "decay" that Keras 3 ignores.
        Optimizer k2 = Optimizers.get(Json.read("{\"class_name\": \"Adam\", \"config\": {\"name\": \"Adam\", \"lr\": 0.002, "
                + "\"beta_1\": 0.8, \"beta_2\": 0.999, \"decay\": 0.0, \"epsilon\": 1e-07, \"amsgrad\": false}}"));
        assertThat(k2.learningRate()).isEqualTo((double) 0.002f);
        assertThat(k2.getConfig()).containsEntry("beta_1", 0.8).containsEntry("name", "Adam");
        // tf.keras 2.11+ registers its optimizers as "Custom>Adam" and adds keys Keras 3 lacks.
        Optimizer tf = Optimizers.get(Json.read("{\"class_name\": \"Custom>RMSprop\", \"config\": {\"name\": \"RMSprop\", "
                + "\"weight_decay\": null, \"clipnorm\": null, \"global_clipnorm\": null, \"clipvalue\": null, \"use_ema\": false, "
                + "\"ema_momentum\": 0.99, \"ema_overwrite_frequency\": null, \"jit_compile\": true, \"is_legacy_optimizer\": false, "
                + "\"learning_rate\": 0.0010000000474974513, \"rho\": 0.9, \"momentum\": 0.0, \"epsilon\": 1e-07, \"centered\": true}}"));
        assertThat(tf).isInstanceOf(RMSprop.class);
        assertThat(tf.getConfig()).containsEntry("centered", true).doesNotContainKey("jit_compile");
    }

    @Test
    void adamWNeedsAWeightDecay() {
        assertThatThrownBy(() -> new AdamW().weightDecay(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight_decay");
    }
}
