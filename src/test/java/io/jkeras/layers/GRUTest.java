package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Shape;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GRUTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new GRU(3)).inputs(Shape.of(5, 4)).outputs(Shape.of(null, 3))
                .weights("kernel (4, 9)", "recurrent_kernel (3, 9)", "bias (2, 9)").run();
        LayerHarness.of(() -> new GRU(3).resetAfter(false).returnSequences(true).returnState(true)).inputs(Shape.of(5, 4))
                .outputs(Shape.of(null, 5, 3), Shape.of(null, 3)).weights("kernel (4, 9)", "recurrent_kernel (3, 9)", "bias (9,)").run();
        LayerHarness.of(() -> new GRU(2).useBias(false).dropout(0.2).recurrentDropout(0.3)).inputs(Shape.of(4, 3))
                .outputs(Shape.of(null, 2)).weights("kernel (3, 6)", "recurrent_kernel (2, 6)").run();
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesThePlainFormulas() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 4).subi(0.5).muli(2);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 0, 1, 1}, {0, 0, 1, 1, 0}, {1, 1, 1, 1, 1}});
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5);
        for (boolean after : new boolean[]{true, false}) {
            for (boolean back : new boolean[]{false, true}) {
                for (boolean seq : new boolean[]{false, true}) {
                    check(new GRU(3).resetAfter(after).goBackwards(back).returnSequences(seq).returnState(true), x, null, null);
                    check(new GRU(3).resetAfter(after).goBackwards(back).returnSequences(seq).returnState(true), x, mask, h0);
                    check(new GRU(3).resetAfter(after).goBackwards(back).returnSequences(seq).returnState(true).zeroOutputForMask(true),
                            x, mask, h0);
                }
            }
            check(new GRU(3).resetAfter(after).useBias(false).returnSequences(true).returnState(true), x, null, null);
        }
    }

    private static void check(GRU layer, INDArray x, INDArray mask, INDArray h0) {
        List<INDArray> inputs = h0 == null ? List.of(x) : List.of(x, h0);
        layer.call(inputs, false);
        if (layer.bias != null) layer.bias.value().assign(Nd4j.rand(layer.bias.value().dataType(), layer.bias.value().shape()).subi(0.5));
        List<INDArray> out = layer.forward(inputs, mask == null ? null : Arrays.asList(mask, null), false).outputs();
        Map<String, Object> c = layer.getConfig();
        RnnReference.Result r = RnnReference.run(RnnReference.gru(layer.kernel.value(), layer.recurrentKernel.value(),
                        layer.bias == null ? null : layer.bias.value(), (Boolean) c.get("reset_after"), RnnReference.TANH,
                        RnnReference.SIGMOID), x, mask, h0 == null ? null : new INDArray[]{h0}, 1, layer.units(),
                (Boolean) c.get("go_backwards"), (Boolean) c.get("zero_output_for_mask"));
        INDArray expected = layer.isReturnSequences() ? r.sequence() : r.lastOutput();
        assertThat(out.get(0).equalsWithEps(expected, 1e-10)).as("output: %s, mask %s", c, mask != null).isTrue();
        assertThat(out.get(1).equalsWithEps(r.state(0), 1e-10)).as("h: %s", c).isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 2, 3).subi(0.5);
        GradientCheck.create().check(new GRU(3), x);
        GradientCheck.create().check(new GRU(3).resetAfter(false), x);
        GradientCheck.create().check(new GRU(2).returnSequences(true).goBackwards(true).returnState(true), x);
        GradientCheck.create().check(new GRU(3).resetAfter(false).returnSequences(true).useBias(false), x, h0);
        GradientCheck.create().check(new GRU(3).returnState(true), x, h0);
        // Training mode takes the planned loop (Keras's default form, no mask, no recurrent dropout).
        GradientCheck.create().training(true).check(new GRU(3).returnSequences(true).returnState(true), x, h0);
        GradientCheck.create().training(true).check(new GRU(2).goBackwards(true).useBias(false), x);
        GradientCheck.create().training(true).check(new GRU(3), Nd4j.rand(DataType.DOUBLE, 2, 1, 3).subi(0.5));
    }

    /** The planned loop gives what the general loop gives (the general one runs when a mask is given, here all ones). */
    @Test
    @ExtendWith(Float64.class)
    void plannedAndGeneralLoopsAgree() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6, 4).subi(0.5);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 3, 6);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 3, 6, 5);
        GRU gru = new GRU(5).returnSequences(true);
        gru.apply(x);
        Forward planned = gru.forward(List.of(x), true);
        Forward general = gru.forward(List.of(x), List.of(ones), true);
        assertThat(planned.outputs().get(0).equalsWithEps(general.outputs().get(0), 1e-12)).isTrue();
        for (var v : gru.weights()) v.zeroGrad();
        INDArray dxPlanned = planned.backward(List.of(g)).get(0);
        List<INDArray> gradsPlanned = gru.weights().stream().map(v -> v.grad().dup()).toList();
        for (var v : gru.weights()) v.zeroGrad();
        INDArray dxGeneral = general.backward(List.of(g)).get(0);
        assertThat(dxPlanned.equalsWithEps(dxGeneral, 1e-12)).isTrue();
        for (int i = 0; i < gradsPlanned.size(); i++) {
            assertThat(gradsPlanned.get(i).equalsWithEps(gru.weights().get(i).grad(), 1e-12)).as("weight %d", i).isTrue();
        }
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsWithMasksAndDropout() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 2).subi(0.5);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, true, false, true, false}, {false, true, true, false, true},
                {true, true, true, true, true}});
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5);
        for (boolean after : new boolean[]{true, false}) {
            GRU g = new GRU(3).resetAfter(after).returnSequences(true).returnState(true);
            g.call(List.of(x, h0), false);
            GradientCheck.create().check(new MaskedCall(g, mask), x, h0);
            GRU back = new GRU(3).resetAfter(after).goBackwards(true);
            back.call(List.of(x), false);
            GradientCheck.create().check(new MaskedCall(back, mask), x);
            GradientCheck.create().training(true).check(new GRU(3).resetAfter(after).dropout(0.3).recurrentDropout(0.3)
                    .returnSequences(true), x);
            GradientCheck.create().training(true).check(new GRU(3).resetAfter(after).dropout(0.4), x);
        }
    }

    @Test
    void dropoutOnlyInTraining() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6, 5);
        GRU plain = new GRU(4);
        GRU dropping = new GRU(4).dropout(0.5).recurrentDropout(0.5);
        plain.apply(x);
        dropping.apply(x);
        dropping.setWeights(plain.getWeights());
        assertThat(dropping.apply(x)).isEqualTo(plain.apply(x));
        assertThat(dropping.call(List.of(x), true).get(0).equalsWithEps(plain.apply(x), 1e-6)).isFalse();
    }

    /** The GRU entry of a Keras 3.13 config reads and writes back as Keras wrote it (but for Keras's runtime ids). */
    @Test
    @SuppressWarnings("unchecked")
    void writesTheConfigKeras3Wrote() throws java.io.IOException {
        String json;
        try (var in = GRUTest.class.getResourceAsStream("/keras-configs/keras3-gru-sequential.keras.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, Object> model = Json.read(json);
        List<Object> layers = (List<Object>) ((Map<String, Object>) model.get("config")).get("layers");
        Map<String, Object> entry = (Map<String, Object>) layers.stream()
                .filter(l -> "GRU".equals(((Map<String, Object>) l).get("class_name"))).findFirst().orElseThrow();
        Map<String, Object> original = (Map<String, Object>) entry.get("config");
        GRU g = GRU.fromConfig(Config.of(original));
        assertThat(Json.parse(Json.write(g.getConfig()))).isEqualTo(withoutRuntimeIds(original));
    }

    private static Object withoutRuntimeIds(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!"shared_object_id".equals(k)) out.put(k, withoutRuntimeIds(v));
            });
            return out;
        }
        if (o instanceof List<?> l) return l.stream().map(GRUTest::withoutRuntimeIds).toList();
        return o;
    }

    @Test
    void configAndErrors() {
        GRU g = new GRU(5).resetAfter(false).returnState(true).recurrentDropout(0.2).seed(7L);
        String json = Json.write(g.getConfig());
        assertThat(Json.write(GRU.fromConfig(Config.of(Json.read(json))).getConfig())).isEqualTo(json);
        assertThat(g.getConfig().keySet()).containsSubsequence("units", "activation", "recurrent_activation", "use_bias",
                "kernel_initializer", "recurrent_initializer", "bias_initializer", "kernel_regularizer", "dropout",
                "recurrent_dropout", "reset_after", "seed");
        // Keras 1 (no reset_after key) meant reset_after=false; Keras 3 writes the key.
        assertThat(GRU.fromConfig(Config.of(Json.read("{\"output_dim\": 4, \"inner_activation\": \"hard_sigmoid\"}"))).getConfig())
                .containsEntry("reset_after", false).containsEntry("units", 4);
        GRU l = new GRU(2);
        assertThatThrownBy(() -> l.apply(Input.shape(7)))
                .hasMessageContaining("expected ndim=3, found ndim=2. Full shape received: (None, 7)");
        assertThatThrownBy(() -> new GRU(2).applyWithInitialState(Input.shape(3, 4), Input.shape(3)))
                .hasMessageContaining("not compatible with `cell.state_size`");
    }
}
