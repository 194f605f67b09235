package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Shape;
import io.jkeras.Variable;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.saving.SavingRegistry;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingTest {
    private static INDArray ids() {
        return Nd4j.createFromArray(new int[][]{{1, 4, 0}, {4, 4, 2}});
    }

    @Test
    void harness() {
        LayerHarness.of(() -> new Embedding(5, 3)).inputs(Shape.of(3)).outputs(Shape.of(null, 3, 3))
                .weights("embeddings (5, 3)").data(() -> new INDArray[]{ids()}).run();
        LayerHarness.of(() -> new Embedding(7, 2).maskZero(true).embeddingsRegularizer("l2")).inputs(Shape.of(2, 3))
                .outputs(Shape.of(null, 2, 3, 2)).weights("embeddings (7, 2)")
                .data(() -> new INDArray[]{Nd4j.createFromArray(new long[][][]{{{1, 2, 0}, {6, 0, 0}}, {{3, 3, 3}, {5, 4, 1}}})}).run();
    }

    @Test
    void outputRowsAreTheTableRowsOfTheIndices() {
        Embedding e = new Embedding(5, 3);
        INDArray x = ids();
        INDArray y = e.apply(x);
        INDArray table = e.getWeights().get(0);
        assertThat(y.shape()).containsExactly(2, 3, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) assertThat(y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(j)))
                    .isEqualTo(table.getRow(x.getInt(i, j)));
        }
        // Keras's "uniform" default: [-0.05, 0.05)
        assertThat(table.minNumber().doubleValue()).isGreaterThanOrEqualTo(-0.05);
        assertThat(table.maxNumber().doubleValue()).isLessThan(0.05);
        // float ids are cast to int, as Keras does
        assertThat(e.apply(x.castTo(DataType.FLOAT))).isEqualTo(y);
    }

    @Test
    void repeatedIndicesSumTheirGradients() {
        Embedding e = new Embedding(5, 3);
        INDArray x = ids(); // 4 appears three times, 0 / 1 / 2 once, 3 never
        e.apply(x);
        Variable w = e.weights().get(0);
        w.zeroGrad();
        Forward f = e.forward(List.of(x), true);
        INDArray g = Nd4j.rand(DataType.FLOAT, 2, 3, 3);
        assertThat(f.backward(List.of(g)).get(0)).as("no gradient for integer indices").isNull();
        INDArray expected = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                int id = x.getInt(i, j);
                expected.getRow(id).addi(g.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(j)));
            }
        }
        assertThat(w.grad().equalsWithEps(expected, 1e-6)).isTrue();
        assertThat(w.grad().getRow(3).sumNumber().doubleValue()).isZero();
        // a second call accumulates, as shared weights do
        e.forward(List.of(x), true).backward(List.of(g));
        assertThat(w.grad().equalsWithEps(expected.mul(2), 1e-6)).isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientOfTheEmbeddings() {
        INDArray x = Nd4j.createFromArray(new long[][]{{1, 4, 0, 4}, {4, 4, 2, 1}, {3, 0, 0, 3}});
        GradientCheck.create().checkInputs(false).check(new Embedding(5, 3), x);
        GradientCheck.create().checkInputs(false).check(new Embedding(6, 2).maskZero(true), x.reshape(3, 2, 2));
    }

    @Test
    void maskZeroGivesTheMaskOfNonZeroIndices() {
        Embedding e = new Embedding(5, 3).maskZero(true);
        INDArray x = ids();
        e.apply(x);
        Forward f = e.forward(List.of(x), false);
        assertThat(f.masks()).hasSize(1);
        assertThat(f.masks().get(0).dataType()).isEqualTo(DataType.BOOL);
        assertThat(f.masks().get(0).castTo(DataType.INT)).isEqualTo(Nd4j.createFromArray(new int[][]{{1, 1, 0}, {1, 1, 1}}));
        assertThat(e.supportsMasking()).isTrue();
        Embedding plain = new Embedding(5, 3);
        plain.apply(x);
        assertThat(plain.forward(List.of(x), false).masks()).isNull();
    }

    @Test
    void anIndexOutOfRangeNamesTheLayerTheValueAndWhereItIs() {
        Embedding e = new Embedding(5, 3).name("words");
        assertThatThrownBy(() -> e.apply(Nd4j.createFromArray(new int[][]{{1, 2, 3}, {4, 7, 0}})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer \"words\" (Embedding)")
                .hasMessageContaining("index of 7 (row 1, column 1")
                .hasMessageContaining("outside the valid range of [0, 5)");
        assertThatThrownBy(() -> e.apply(Nd4j.createFromArray(new long[]{0, -1, 2})))
                .hasMessageContaining("index of -1 (row 1 of the input of shape (3,))");
    }

    /** The Embedding of a real Keras 3.13 file (keras-configs/keras3-gru-sequential.keras.json, see SOURCES.md there). */
    @Test
    @SuppressWarnings("unchecked")
    void readsTheConfigKeras3Wrote() throws java.io.IOException {
        String json;
        try (var in = getClass().getResourceAsStream("/keras-configs/keras3-gru-sequential.keras.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, Object> entry = ((List<Map<String, Object>>) ((Map<String, Object>) Json.read(json).get("config")).get("layers")).get(1);
        Embedding e = (Embedding) io.jkeras.saving.LayerSerializer.deserialize(entry);
        assertThat(e.name()).isEqualTo("embedding_3");
        assertThat(e.inputDim()).isEqualTo(500);
        assertThat(e.outputDim()).isEqualTo(16);
        assertThat(e.maskZero()).isFalse();
        assertThat(e.batchInputShape()).as("input_dim is the vocabulary, not an input size").isNull();
        Map<String, Object> written = new java.util.LinkedHashMap<>((Map<String, Object>) entry.get("config"));
        written.remove("quantization_config"); // newer than the Keras 3 releases jkeras writes for
        assertThat(Json.write(e.getConfig())).isEqualTo(Json.write(written));
    }

    @Test
    void configOfKeras3AndInputLengthOfKeras2() {
        Embedding e = new Embedding(100, 8).maskZero(true).name("emb");
        e.apply(Input.shape(Shape.of((Integer) null), null));
        String json = Json.write(e.getConfig());
        assertThat(json).contains("\"input_dim\":100", "\"output_dim\":8", "\"mask_zero\":true", "\"class_name\":\"RandomUniform\"");
        Layer back = SavingRegistry.fromConfig("Embedding", Config.of(Json.read(json)));
        assertThat(Json.write(back.getConfig())).isEqualTo(json);

        String keras2 = "{\"name\": \"embedding_1\", \"trainable\": true, \"input_dim\": 20, \"output_dim\": 4,"
                + " \"embeddings_initializer\": {\"class_name\": \"RandomUniform\", \"config\": {\"minval\": -0.05, \"maxval\": 0.05, \"seed\": null}},"
                + " \"embeddings_regularizer\": null, \"activity_regularizer\": null, \"embeddings_constraint\": null,"
                + " \"mask_zero\": false, \"input_length\": 12}";
        Embedding k2 = (Embedding) SavingRegistry.fromConfig("Embedding", Config.of(Json.read(keras2)));
        assertThat(k2.batchInputShape()).isEqualTo(Shape.of(null, 12));
        assertThat(k2.inputDim()).isEqualTo(20);
        io.jkeras.models.Sequential m = new io.jkeras.models.Sequential(k2);
        assertThat(m.outputs().get(0).shape()).isEqualTo(Shape.of(null, 12, 4));
        assertThat(m.countParams()).isEqualTo(80);
    }
}
