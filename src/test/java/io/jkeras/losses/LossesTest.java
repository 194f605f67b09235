package io.jkeras.losses;

import io.jkeras.saving.Json;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The registry: Keras function names, class names, serialized maps; configs and their JSON round trip. */
class LossesTest {
    static final List<Loss> ALL = List.of(new MeanSquaredError(), new MeanAbsoluteError(), new MeanAbsolutePercentageError(),
            new MeanSquaredLogarithmicError(), new BinaryCrossentropy(), new BinaryFocalCrossentropy(), new CategoricalCrossentropy(),
            new SparseCategoricalCrossentropy(), new KLDivergence(), new Poisson(), new Hinge(), new SquaredHinge(),
            new CategoricalHinge(), new Huber(), new LogCosh(), new CosineSimilarity());

    @Test
    void functionNamesGiveTheClassWithKerasNames() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("mse", "MeanSquaredError/mean_squared_error");
        expected.put("MSE", "MeanSquaredError/mean_squared_error");
        expected.put("mean_squared_error", "MeanSquaredError/mean_squared_error");
        expected.put("mae", "MeanAbsoluteError/mean_absolute_error");
        expected.put("mape", "MeanAbsolutePercentageError/mean_absolute_percentage_error");
        expected.put("msle", "MeanSquaredLogarithmicError/mean_squared_logarithmic_error");
        expected.put("binary_crossentropy", "BinaryCrossentropy/binary_crossentropy");
        expected.put("binary_focal_crossentropy", "BinaryFocalCrossentropy/binary_focal_crossentropy");
        expected.put("categorical_crossentropy", "CategoricalCrossentropy/categorical_crossentropy");
        expected.put("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy/sparse_categorical_crossentropy");
        expected.put("kld", "KLDivergence/kl_divergence");
        expected.put("kl_divergence", "KLDivergence/kl_divergence");
        expected.put("kullback_leibler_divergence", "KLDivergence/kl_divergence");
        expected.put("poisson", "Poisson/poisson");
        expected.put("hinge", "Hinge/hinge");
        expected.put("squared_hinge", "SquaredHinge/squared_hinge");
        expected.put("categorical_hinge", "CategoricalHinge/categorical_hinge");
        expected.put("huber", "Huber/huber");
        expected.put("log_cosh", "LogCosh/log_cosh");
        expected.put("logcosh", "LogCosh/log_cosh");
        expected.put("cosine_similarity", "CosineSimilarity/cosine_similarity");
        expected.forEach((id, want) -> {
            Loss l = Losses.get(id);
            assertThat(l.className() + "/" + l.name()).as(id).isEqualTo(want);
            assertThat(l.reduction()).isEqualTo("sum_over_batch_size");
        });
    }

    @Test
    void classNamesMapsAndObjects() {
        for (Loss l : ALL) {
            Loss byName = Losses.get(l.className());
            assertThat(byName.getConfig()).as(l.className()).isEqualTo(l.getConfig());
            assertThat(byName.getClass()).isEqualTo(l.getClass());
        }
        Loss same = new Huber();
        assertThat(Losses.get(same)).isSameAs(same);
        assertThat(Losses.get(null)).isNull();
        // Keras 3: {"module", "class_name", "config", "registered_name"}.
        Loss scce = Losses.get(Map.of("module", "keras.losses", "class_name", "SparseCategoricalCrossentropy",
                "config", Map.of("name", "scce", "reduction", "sum", "from_logits", true, "ignore_class", 255)));
        assertThat(scce).isInstanceOf(SparseCategoricalCrossentropy.class);
        assertThat(scce.getConfig()).containsExactly(entry("name", "scce"), entry("reduction", "sum"),
                entry("from_logits", true), entry("ignore_class", 255));
        // tf.keras 2 writes reduction "auto"; Keras 3 writes plain functions as class_name "function".
        assertThat(Losses.get(Map.of("class_name", "MeanSquaredError", "config", Map.of("reduction", "auto", "name", "mean_squared_error"))).reduction())
                .isEqualTo("sum_over_batch_size");
        assertThat(Losses.get(Map.of("class_name", "function", "config", "mse"))).isInstanceOf(MeanSquaredError.class);
        Map<String, Object> noneReduction = new HashMap<>(Map.of("name", "bce"));
        noneReduction.put("reduction", null);
        assertThat(Losses.get(Map.of("class_name", "BinaryCrossentropy", "config", noneReduction)).reduction()).isNull();
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Losses.get("mean_sqared_error"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"mean_sqared_error\"")
                .hasMessageContaining("mean_squared_error").hasMessageContaining("sparse_categorical_crossentropy")
                .hasMessageContaining("SparseCategoricalCrossentropy").hasMessageContaining("Losses.register");
        assertThatThrownBy(() -> Losses.get(Map.of("class_name", "MyLoss", "config", Map.of())))
                .hasMessageContaining("\"MyLoss\"");
        assertThatThrownBy(() -> Losses.get(42)).hasMessageContaining("42");
    }

    @Test
    void configsUseKerasKeysAndSurviveJson() {
        assertThat(new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.1).getConfig()).containsExactly(
                entry("name", "binary_crossentropy"), entry("reduction", "sum_over_batch_size"),
                entry("from_logits", true), entry("label_smoothing", 0.1), entry("axis", -1));
        assertThat(new BinaryFocalCrossentropy().getConfig().keySet()).containsExactly("name", "reduction", "from_logits",
                "label_smoothing", "axis", "apply_class_balancing", "alpha", "gamma");
        assertThat(new CategoricalCrossentropy().getConfig().keySet()).containsExactly("name", "reduction", "from_logits", "label_smoothing", "axis");
        assertThat(new SparseCategoricalCrossentropy().getConfig()).containsEntry("ignore_class", null);
        assertThat(new MeanSquaredError().getConfig()).containsOnlyKeys("name", "reduction");

        List<Loss> custom = List.of(new BinaryFocalCrossentropy().applyClassBalancing(true).alpha(0.4).gamma(3).fromLogits(true).labelSmoothing(0.05).axis(-2),
                new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(-1).reduction("sum").name("my_scce"),
                new Huber().delta(0.3), new CosineSimilarity().axis(1), new CategoricalCrossentropy().labelSmoothing(0.2).axis(1).reduction(null));
        for (Loss l : custom) {
            Map<String, Object> serialized = Losses.serialize(l);
            assertThat(serialized).containsEntry("module", "keras.losses").containsEntry("class_name", l.className());
            Loss back = Losses.get(Json.read(Json.write(serialized)));
            assertThat(back.getClass()).isEqualTo(l.getClass());
            assertThat(back.getConfig()).isEqualTo(l.getConfig());
        }
        for (Loss l : ALL) assertThat(Losses.get(Json.read(Json.write(Losses.serialize(l)))).getConfig()).isEqualTo(l.getConfig());
        assertThat(Losses.names()).contains("mse", "kld", "Huber", "CosineSimilarity");
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> new CategoricalCrossentropy().labelSmoothing(1.5)).hasMessageContaining("label_smoothing");
        assertThatThrownBy(() -> new Huber().delta(0)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new BinaryFocalCrossentropy().gamma(-1)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new CategoricalCrossentropy().axis(2).compute(org.nd4j.linalg.factory.Nd4j.zeros(2, 3), org.nd4j.linalg.factory.Nd4j.zeros(2, 3)))
                .hasMessageContaining("axis 2").hasMessageContaining("(2, 3)");
    }
}
