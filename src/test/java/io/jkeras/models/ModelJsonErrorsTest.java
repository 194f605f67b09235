package io.jkeras.models;

import io.jkeras.layers.Dense;
import io.jkeras.saving.Config;
import io.jkeras.saving.SavingRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad configs fail with a message that says what is wrong, never a NullPointerException or a parser trace. */
class ModelJsonErrorsTest {
    private static final String INPUT = "{\"name\": \"e_in\", \"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 2], "
            + "\"name\": \"e_in\"}, \"inbound_nodes\": []}";

    private static String functional(String secondLayer, String outputs) {
        return "{\"class_name\": \"Model\", \"config\": {\"name\": \"e_model\", \"layers\": [" + INPUT + ", " + secondLayer + "], "
                + "\"input_layers\": [[\"e_in\", 0, 0]], \"output_layers\": " + outputs + "}}";
    }

    private static String dense(String name, String inbound) {
        return "{\"name\": \"" + name + "\", \"class_name\": \"Dense\", \"config\": {\"name\": \"" + name + "\", \"units\": 1}, "
                + "\"inbound_nodes\": " + inbound + "}";
    }

    @Test
    void malformedJsonSaysItIsInvalid() {
        assertThatThrownBy(() -> Models.modelFromJson("{\"class_name\": \"Sequential\", ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON");
        assertThatThrownBy(() -> Models.modelFromJson(null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid JSON");
    }

    @Test
    void jsonThatIsNotAModelConfigSaysSo() {
        assertThatThrownBy(() -> Models.modelFromJson("[1, 2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Keras model config");
        assertThatThrownBy(() -> Models.modelFromJson("{\"layers\": []}")).hasMessageContaining("not a Keras model config");
        assertThatThrownBy(() -> Models.modelFromJson("{\"class_name\": \"Dense\", \"config\": {\"name\": \"e_lonely\", \"units\": 2}}"))
                .hasMessageContaining("describes a layer (Dense \"e_lonely\"), not a model");
        assertThatThrownBy(() -> Models.modelFromJson("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": 3}}"))
                .hasMessageContaining("needs a \"layers\" list");
        assertThatThrownBy(() -> Models.modelFromJson("{\"class_name\": \"Sequential\", \"config\": [{\"config\": {}}]}"))
                .hasMessageContaining("has no \"class_name\"");
    }

    @Test
    void unknownLayerInAGraphNamesTheClassAndTheLayer() {
        // Lambda holds Python code: jkeras can never load it, so it stays the example of an unknown class.
        String json = functional("{\"name\": \"e_conv\", \"class_name\": \"Lambda\", \"config\": {\"name\": \"e_conv\"}, "
                + "\"inbound_nodes\": [[[\"e_in\", 0, 0, {}]]]}", "[[\"e_conv\", 0, 0]]");
        assertThatThrownBy(() -> Models.modelFromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown layer: 'Lambda' (layer \"e_conv\")");
        String malformed = functional("{\"name\": \"e_conv\", \"class_name\": \"Conv2D\", \"config\": {\"name\": \"e_conv\"}, "
                + "\"inbound_nodes\": [[[\"e_in\", 0, 0, {}]]]}", "[[\"e_conv\", 0, 0]]");
        assertThatThrownBy(() -> Models.modelFromJson(malformed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Layer \"e_conv\" (Conv2D): ");
    }

    @Test
    void referencesToMissingLayersOrCallsAreExplained() {
        assertThatThrownBy(() -> Models.modelFromJson(functional(dense("e_d", "[[[\"e_nowhere\", 0, 0, {}]]]"), "[[\"e_d\", 0, 0]]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refers to layer \"e_nowhere\"");
        assertThatThrownBy(() -> Models.modelFromJson(functional(dense("e_d", "[[[\"e_in\", 3, 0, {}]]]"), "[[\"e_d\", 0, 0]]")))
                .hasMessageContaining("Cannot rebuild model \"e_model\": the call of layer \"e_d\"");
        assertThatThrownBy(() -> Models.modelFromJson(functional(dense("e_d", "[[[\"e_in\", 0, 0, {}]]]"), "[[\"e_d\", 1, 0]]")))
                .hasMessageContaining("\"output_layers\" of model \"e_model\" name [e_d, 1, 0]");
        assertThatThrownBy(() -> Models.modelFromJson(functional(dense("e_d", "[[[\"e_in\", 0, 5, {}]]]"), "[[\"e_d\", 0, 0]]")))
                .hasMessageContaining("asks for output 5 of layer \"e_in\"");
        assertThatThrownBy(() -> Models.modelFromJson(functional(dense("e_d", "[[[\"e_in\", \"x\"]]]"), "[[\"e_d\", 0, 0]]")))
                .hasMessageContaining("Not a tensor reference");
        assertThatThrownBy(() -> Models.modelFromJson(functional(dense("e_d", "[[[\"e_in\", 0, 0, {}]]]"), "null")))
                .hasMessageContaining("has no \"output_layers\"");
    }

    @Test
    void wrongValueTypesAreReportedAsAMalformedConfig() {
        String json = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\", \"config\": {\"units\": \"many\"}}]}";
        assertThatThrownBy(() -> Models.modelFromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A Dense layer: ").hasMessageContaining("\"units\" should be a number; received: \"many\"");
    }

    @Test
    void customLayersLoadOnceRegisteredAndUnderTheirRegisteredName() {
        SavingRegistry.register("EMyDense", c -> Dense.fromConfig(c));
        String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"e_custom\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 3], \"name\": \"e_custom_in\"}}, "
                + "{\"module\": \"my_pkg\", \"class_name\": \"EMyDense\", \"config\": {\"name\": \"e_mine\", \"units\": 2}, \"registered_name\": \"my_pkg>EMyDense\"}, "
                + "{\"module\": \"my_pkg\", \"class_name\": \"ERenamed\", \"config\": {\"name\": \"e_mine_2\", \"units\": 1}, \"registered_name\": \"EMyDense\"}]}}";
        Sequential m = (Sequential) Models.modelFromJson(json);
        assertThat(m.layers()).hasSize(2);
        assertThat(m.outputs().get(0).shape().get(-1)).isEqualTo(1);
        Model functional = new Model(m.inputs(), m.outputs());
        assertThat(SavingRegistry.fromConfig("Model", Config.of(functional.getConfig()))).isInstanceOf(Model.class);
    }
}
