package io.jkeras.models;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Layer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written configs in each Keras layout: Keras 1 and 2 lists, tf.keras 2 graphs, Keras 3 objects, nesting. */
class ModelJsonLayoutsTest {
    private static String dense(String name, int units) {
        return "{\"class_name\": \"Dense\", \"config\": {\"name\": \"" + name + "\", \"units\": " + units + ", \"activation\": \"relu\"";
    }

    private static String input(String name, int dim) {
        return "{\"name\": \"" + name + "\", \"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, " + dim
                + "], \"dtype\": \"float32\", \"name\": \"" + name + "\"}, \"inbound_nodes\": []}";
    }

    private static Shape outShape(Model m, int i) {
        return m.outputs().get(i).shape();
    }

    @Test
    void keras2FunctionalWithASharedLayerTwoInputsAndTwoOutputs() {
        // head_b comes first and needs the shared layer's second call: it must wait for it (Keras's process_node loop).
        String json = "{\"class_name\": \"Model\", \"config\": {\"name\": \"two_towers\", \"layers\": ["
                + input("k2_a", 4) + ", " + input("k2_b", 4) + ", "
                + dense("k2_head_b", 3) + "}, \"name\": \"k2_head_b\", \"inbound_nodes\": [[[\"k2_shared\", 1, 0, {}]]]}, "
                + dense("k2_shared", 5) + "}, \"name\": \"k2_shared\", \"inbound_nodes\": [[[\"k2_a\", 0, 0, {}]], [[\"k2_b\", 0, 0, {}]]]}, "
                + dense("k2_head_a", 2) + "}, \"name\": \"k2_head_a\", \"inbound_nodes\": [[[\"k2_shared\", 0, 0, {}]]]}], "
                + "\"input_layers\": [[\"k2_a\", 0, 0], [\"k2_b\", 0, 0]], "
                + "\"output_layers\": [[\"k2_head_a\", 0, 0], [\"k2_head_b\", 0, 0]]}, \"keras_version\": \"2.2.4\", \"backend\": \"tensorflow\"}";
        Model m = Models.modelFromJson(json);
        assertThat(m.name()).isEqualTo("two_towers");
        assertThat(m.inputNames()).containsExactly("k2_a", "k2_b");
        assertThat(m.outputNames()).containsExactly("k2_head_a", "k2_head_b");
        assertThat(outShape(m, 0)).isEqualTo(Shape.of(null, 2));
        assertThat(outShape(m, 1)).isEqualTo(Shape.of(null, 3));
        Layer shared = m.getLayer("k2_shared");
        assertThat(shared.inboundNodes()).hasSize(2);
        assertThat(m.outputs().get(1).node().inputs().get(0)).isSameAs(shared.outputAt(1));
        assertThat(m.countParams()).isEqualTo((4 * 5 + 5) + (5 * 2 + 2) + (5 * 3 + 3));
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }

    @Test
    void keras3FunctionalWithANestedFunctionalOutput() {
        String tensor = "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, %d], \"dtype\": \"float32\", "
                + "\"keras_history\": [\"%s\", %d, 0]}}";
        String inner = "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {\"name\": \"k3_inner\", "
                + "\"trainable\": true, \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": "
                + "{\"batch_shape\": [null, 3], \"dtype\": \"float32\", \"sparse\": false, \"name\": \"k3_inner_in\"}, "
                + "\"registered_name\": null, \"name\": \"k3_inner_in\", \"inbound_nodes\": []}, "
                + "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"k3_inner_d\", \"units\": 2}, "
                + "\"registered_name\": null, \"name\": \"k3_inner_d\", \"inbound_nodes\": [{\"args\": [" + tensor.formatted(3, "k3_inner_in", 0)
                + "], \"kwargs\": {}}]}], \"input_layers\": [[\"k3_inner_in\", 0, 0]], \"output_layers\": [[\"k3_inner_d\", 0, 0]]}, "
                + "\"registered_name\": \"Functional\", \"build_config\": {\"input_shape\": null}, \"name\": \"k3_inner\", "
                + "\"inbound_nodes\": [{\"args\": [" + tensor.formatted(3, "k3_d", 0) + "], \"kwargs\": {\"training\": false}}]}";
        String json = "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {\"name\": \"k3_outer\", "
                + "\"trainable\": true, \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\": "
                + "{\"batch_shape\": [null, 4], \"dtype\": \"float32\", \"sparse\": false, \"ragged\": false, \"name\": \"k3_in\", \"optional\": false}, "
                + "\"registered_name\": null, \"name\": \"k3_in\", \"inbound_nodes\": []}, "
                + "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"k3_d\", \"units\": 3}, \"registered_name\": null, "
                + "\"build_config\": {\"input_shape\": [null, 4]}, \"name\": \"k3_d\", \"inbound_nodes\": [{\"args\": ["
                + tensor.formatted(4, "k3_in", 0) + "], \"kwargs\": {}}]}, " + inner + "], "
                + "\"input_layers\": [\"k3_in\", 0, 0], \"output_layers\": [\"k3_inner\", 1, 0]}, "
                + "\"registered_name\": \"Functional\", \"build_config\": {\"input_shape\": null}, \"compile_config\": {}}";
        Model m = Models.modelFromJson(json);
        assertThat(m.name()).isEqualTo("k3_outer");
        assertThat(m.getLayer("k3_inner")).isInstanceOf(Model.class);
        assertThat(outShape(m, 0)).isEqualTo(Shape.of(null, 2));
        assertThat(m.countParams()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }

    @Test
    void keras2ListSequentialWithBatchInputShape() {
        String json = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"k22_d1\", "
                + "\"trainable\": true, \"batch_input_shape\": [null, 10], \"dtype\": \"float32\", \"units\": 7, \"activation\": \"relu\", "
                + "\"use_bias\": true, \"kernel_initializer\": {\"class_name\": \"VarianceScaling\", \"config\": {\"scale\": 1.0, "
                + "\"mode\": \"fan_avg\", \"distribution\": \"uniform\", \"seed\": null}}, \"bias_initializer\": {\"class_name\": \"Zeros\", "
                + "\"config\": {}}}}, " + dense("k22_d2", 1) + "}}]}";
        Sequential m = (Sequential) Models.modelFromJson(json);
        assertThat(m.hasGraph()).isTrue();
        assertThat(m.inputLayer().batchInputShape()).isEqualTo(Shape.of(null, 10));
        assertThat(m.layers()).extracting(Layer::name).containsExactly("k22_d1", "k22_d2");
        assertThat(m.countParams()).isEqualTo(10 * 7 + 7 + 7 + 1);
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }

    @Test
    void keras1SequentialWithKeras1DenseArguments() {
        String json = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"name\": \"k1_d1\", "
                + "\"trainable\": true, \"batch_input_shape\": [null, 3], \"input_dtype\": \"float32\", \"output_dim\": 4, "
                + "\"init\": \"glorot_uniform\", \"activation\": \"linear\", \"W_regularizer\": null, \"b_regularizer\": null, "
                + "\"bias\": true, \"input_dim\": 3}}, {\"class_name\": \"Dense\", \"config\": {\"name\": \"k1_d2\", \"output_dim\": 2, "
                + "\"init\": \"glorot_uniform\", \"activation\": \"relu\", \"bias\": false, \"input_dim\": 4}}]}";
        Sequential m = (Sequential) Models.modelFromJson(json);
        assertThat(outShape(m, 0)).isEqualTo(Shape.of(null, 2));
        assertThat(m.countParams()).isEqualTo(3 * 4 + 4 + 4 * 2);
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }

    @Test
    void keras2NestedModelInsideASequential() {
        String inner = "{\"class_name\": \"Model\", \"config\": {\"name\": \"k2s_base\", \"layers\": [" + input("k2s_in", 6) + ", "
                + dense("k2s_base_d", 4) + ", \"trainable\": false}, \"name\": \"k2s_base_d\", \"inbound_nodes\": [[[\"k2s_in\", 0, 0, {}]]]}], "
                + "\"input_layers\": [[\"k2s_in\", 0, 0]], \"output_layers\": [[\"k2s_base_d\", 0, 0]]}}";
        String json = "\"" + ("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"k2s_top\", \"layers\": [" + inner + ", "
                + dense("k2s_top_d", 2) + "}}]}}").replace("\"", "\\\"") + "\""; // double-encoded, as vgg16.json is
        Sequential m = (Sequential) Models.modelFromJson(json);
        assertThat(m.name()).isEqualTo("k2s_top");
        assertThat(m.layers()).extracting(Layer::name).containsExactly("k2s_base", "k2s_top_d");
        assertThat(m.inputLayer().batchInputShape()).isEqualTo(Shape.of(null, 6));
        Model base = (Model) m.getLayer("k2s_base");
        assertThat(base.getLayer("k2s_base_d").trainable()).isFalse();
        assertThat(m.trainableWeights()).hasSize(2);
        assertThat(outShape(m, 0)).isEqualTo(Shape.of(null, 2));
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }

    @Test
    void keras2NestedModelInsideAFunctionalCountsItsCallsFromOne() {
        String inner = "{\"class_name\": \"Model\", \"config\": {\"name\": \"k2f_enc\", \"layers\": [" + input("k2f_enc_in", 5) + ", "
                + dense("k2f_enc_d", 3) + "}, \"name\": \"k2f_enc_d\", \"inbound_nodes\": [[[\"k2f_enc_in\", 0, 0, {}]]]}], "
                + "\"input_layers\": [[\"k2f_enc_in\", 0, 0]], \"output_layers\": [[\"k2f_enc_d\", 0, 0]]}, "
                + "\"name\": \"k2f_enc\", \"inbound_nodes\": [[[\"k2f_a\", 0, 0, {}]], [[\"k2f_b\", 0, 0, {}]]]}";
        String json = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"k2f_siamese\", \"layers\": ["
                + input("k2f_a", 5) + ", " + input("k2f_b", 5) + ", " + inner + ", "
                + dense("k2f_head", 1) + "}, \"name\": \"k2f_head\", \"inbound_nodes\": [[[\"k2f_enc\", 2, 0, {}]]]}], "
                + "\"input_layers\": [[\"k2f_a\", 0, 0], [\"k2f_b\", 0, 0]], "
                + "\"output_layers\": [[\"k2f_enc\", 1, 0], [\"k2f_head\", 0, 0]]}}";
        Model m = Models.modelFromJson(json);
        Layer enc = m.getLayer("k2f_enc");
        assertThat(enc.inboundNodes()).hasSize(2);
        assertThat(m.outputs().get(0)).isSameAs(enc.outputAt(0));
        KerasTensor headInput = m.outputs().get(1).node().inputs().get(0);
        assertThat(headInput).isSameAs(enc.outputAt(1));
        assertThat(m.countParams()).isEqualTo(5 * 3 + 3 + 3 + 1);
        String out = m.toJson();
        // Written back as Keras 3 does: calls from 0 in keras_history, from 1 in output_layers.
        assertThat(out).contains("\"keras_history\":[\"k2f_enc\",1,0]").contains("\"output_layers\":[[\"k2f_enc\",1,0],[\"k2f_head\",0,0]]");
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }

    @Test
    void keras3WriterLayoutForASequential() {
        Sequential m = new Sequential(new io.jkeras.layers.InputLayer(3).name("k3w_in"), new Dense(2).name("k3w_d"));
        m.name("k3w");
        String json = m.toJson();
        assertThat(json).startsWith("{\"module\":\"keras\",\"class_name\":\"Sequential\",\"config\":{\"name\":\"k3w\",\"trainable\":true,"
                + "\"dtype\":{\"module\":\"keras\",\"class_name\":\"DTypePolicy\",\"config\":{\"name\":\"float32\"},\"registered_name\":null},"
                + "\"layers\":[{\"module\":\"keras.layers\",\"class_name\":\"InputLayer\",\"config\":{\"batch_shape\":[null,3],"
                + "\"dtype\":\"float32\",\"sparse\":false,\"name\":\"k3w_in\"},\"registered_name\":null},"
                + "{\"module\":\"keras.layers\",\"class_name\":\"Dense\",\"config\":{\"name\":\"k3w_d\",");
        assertThat(json).endsWith("\"registered_name\":null,\"build_config\":{\"input_shape\":[null,3]}}],"
                + "\"build_input_shape\":[null,3]},\"registered_name\":null,\"build_config\":{\"input_shape\":[null,3]}}");
    }

    @Test
    void keras3SequentialNestedInAFunctionalCountsFromZeroEverywhere() {
        Sequential seq = new Sequential(new io.jkeras.layers.InputLayer(3).name("k3s_seq_in"), new Dense(2).name("k3s_seq_d"));
        seq.name("k3s_seq");
        KerasTensor x = io.jkeras.Input.create(Shape.of(null, 3), "k3s_in", "float32");
        Model m = new Model(x, seq.apply(x));
        assertThat(m.toJson()).contains("\"output_layers\":[[\"k3s_seq\",0,0]]");
        ModelJsonRoundTripTest.assertRoundTrip(m);
    }
}
