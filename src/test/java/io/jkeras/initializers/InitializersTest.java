package io.jkeras.initializers;

import io.jkeras.saving.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry: Keras names and aliases, Keras 3's config keys, and round trips through JSON. */
class InitializersTest {
    @Test
    void kerasNamesResolve() {
        Map<String, Class<?>> names = Map.ofEntries(
                Map.entry("glorot_uniform", GlorotUniform.class), Map.entry("glorot_normal", GlorotNormal.class),
                Map.entry("he_uniform", HeUniform.class), Map.entry("he_normal", HeNormal.class),
                Map.entry("lecun_uniform", LecunUniform.class), Map.entry("lecun_normal", LecunNormal.class),
                Map.entry("random_uniform", RandomUniform.class), Map.entry("uniform", RandomUniform.class),
                Map.entry("random_normal", RandomNormal.class), Map.entry("normal", RandomNormal.class),
                Map.entry("truncated_normal", TruncatedNormal.class), Map.entry("variance_scaling", VarianceScaling.class),
                Map.entry("zeros", Zeros.class), Map.entry("zero", Zeros.class), Map.entry("ones", Ones.class),
                Map.entry("one", Ones.class), Map.entry("constant", Constant.class), Map.entry("identity", Identity.class),
                Map.entry("orthogonal", Orthogonal.class), Map.entry("Orthogonal", Orthogonal.class),
                Map.entry("OrthogonalInitializer", Orthogonal.class), Map.entry("HeNormal", HeNormal.class));
        names.forEach((name, cls) -> assertThat(Initializers.get(name)).as(name).isExactlyInstanceOf(cls));
    }

    @Test
    void configsHaveKeras3Keys() {
        assertThat(new GlorotNormal().getConfig()).containsOnlyKeys("seed").containsEntry("seed", null);
        assertThat(new RandomUniform().getConfig()).containsOnlyKeys("seed", "minval", "maxval")
                .containsEntry("minval", -0.05).containsEntry("maxval", 0.05);
        assertThat(new RandomNormal().getConfig()).containsOnlyKeys("seed", "mean", "stddev").containsEntry("stddev", 0.05);
        assertThat(new TruncatedNormal().getConfig()).containsOnlyKeys("seed", "mean", "stddev");
        assertThat(new Orthogonal().getConfig()).containsOnlyKeys("seed", "gain").containsEntry("gain", 1.0);
        assertThat(new Constant(3).getConfig()).containsOnlyKeys("value").containsEntry("value", 3.0);
        assertThat(new VarianceScaling().getConfig()).containsOnlyKeys("seed", "scale", "mode", "distribution");
        assertThat(new Zeros().getConfig()).isEmpty();
        assertThat(new Ones().getConfig()).isEmpty();
        assertThat(Initializers.serialize(new HeUniform(7L))).containsEntry("module", "keras.initializers")
                .containsEntry("class_name", "HeUniform").containsEntry("config", Map.of("seed", 7L));
    }

    @Test
    void everyInitializerRoundTripsThroughJson() {
        List<Initializer> all = List.of(new GlorotUniform(1L), new GlorotNormal(2L), new HeUniform(), new HeNormal(4L),
                new LecunUniform(5L), new LecunNormal(), new RandomUniform(-1, 2, 7L), new RandomNormal(0.5, 3, null),
                new TruncatedNormal(-1, 0.1, 9L), new Zeros(), new Ones(), new Constant(-2.5), new Orthogonal(1.5, 10L),
                new Identity(0.5), new VarianceScaling(2.5, "fan_out", "uniform", 11L));
        for (Initializer i : all) {
            String json = Json.write(Initializers.serialize(i));
            Initializer back = Initializers.get(Json.read(json));
            assertThat(back).as(json).isExactlyInstanceOf(i.getClass());
            assertThat(back.getConfig()).as(json).isEqualTo(i.getConfig());
        }
    }

    @Test
    void readsKerasWrittenConfigs() {
        Initializer n = Initializers.get(Json.read("{\"module\": \"keras.initializers\", \"class_name\": \"RandomNormal\", "
                + "\"config\": {\"seed\": null, \"mean\": 0.0, \"stddev\": 0.02}, \"registered_name\": null}"));
        assertThat(n.getConfig()).containsEntry("stddev", 0.02);
        // Keras 3.0-3.3's class name, and a seed written as a SeedGenerator.
        Initializer o = Initializers.get(Json.read("{\"class_name\": \"OrthogonalInitializer\", \"config\": {\"gain\": 2.0, "
                + "\"seed\": {\"module\": \"keras.random\", \"class_name\": \"SeedGenerator\", \"config\": {\"seed\": 1337}}}}"));
        assertThat(o.className()).isEqualTo("Orthogonal");
        assertThat(o.getConfig()).containsEntry("gain", 2.0).containsEntry("seed", 1337L);
        // tf.keras 2 / Keras 2 forms: no module, integer numbers, a NumPy scalar constant.
        assertThat(Initializers.get(Json.read("{\"class_name\": \"Constant\", \"config\": {\"value\": 1}}")).getConfig())
                .containsEntry("value", 1.0);
        assertThat(Initializers.get(Json.read("{\"class_name\": \"Constant\", \"config\": {\"value\": "
                + "{\"class_name\": \"__numpy__\", \"config\": {\"value\": 0.5, \"dtype\": \"float32\"}}}}")).getConfig())
                .containsEntry("value", 0.5);
        assertThat(Initializers.get(Json.read("{\"class_name\": \"Identity\", \"config\": {}}")).getConfig())
                .containsEntry("gain", 1.0);
    }

    @Test
    void unknownNamesAreClearErrors() {
        assertThatThrownBy(() -> Initializers.get("he_nromal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Could not interpret initializer identifier: he_nromal")
                .hasMessageContaining("he_normal");
        assertThatThrownBy(() -> Initializers.get(Map.of("class_name", "Glorot", "config", Map.of())))
                .hasMessageContaining("Could not interpret initializer identifier: Glorot");
        assertThatThrownBy(() -> Initializers.get(42)).hasMessageContaining("Could not interpret initializer identifier: 42");
    }
}
