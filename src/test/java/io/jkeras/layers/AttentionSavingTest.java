package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The attention layers in saved models: .keras (Keras 3's weight paths), legacy .h5, JSON with call options. */
class AttentionSavingTest {
    @TempDir
    Path dir;

    private static Model model() {
        KerasTensor ids = Input.create(Shape.of(null, 6), "ids", "int32");
        KerasTensor x = new Embedding(30, 8).maskZero(true).apply(ids);
        KerasTensor am = Input.create(Shape.of(null, 6, 6), "mask", "float32");
        List<KerasTensor> mha = new MultiHeadAttention(2, 4).useCausalMask(true).returnAttentionScores(true)
                .applyAll(List.of(x, x, x, am));
        KerasTensor a = new Attention().useScale(true).apply(mha.get(0), x);
        KerasTensor b = new AdditiveAttention().apply(a, x);
        KerasTensor y = new Dense(3).apply(new GlobalAveragePooling1D().apply(b));
        return new Model(List.of(ids, am), List.of(y, mha.get(1)));
    }

    private static List<INDArray> data() {
        INDArray ids = Nd4j.createFromArray(new int[][]{{1, 2, 3, 0, 0, 0}, {4, 5, 6, 7, 8, 0}});
        INDArray am = Nd4j.rand(DataType.FLOAT, 2, 6, 6).gt(0.3).castTo(DataType.FLOAT);
        return List.of(ids, am);
    }

    @Test
    void kerasAndH5AndJsonRoundTrips() throws Exception {
        Model m = model();
        List<INDArray> in = data();
        List<INDArray> before = m.predict(in, 32);
        assertThat(before.get(1).shape()).containsExactly(2, 2, 6, 6);
        for (String name : new String[]{"m.keras", "m.h5"}) {
            Path p = dir.resolve(name);
            m.save(p.toString());
            Model back = Models.loadModel(p.toString());
            MultiHeadAttention mha = (MultiHeadAttention) back.layers().stream().filter(l -> l instanceof MultiHeadAttention).findFirst().orElseThrow();
            assertThat(mha.useCausalMask()).as(name).isTrue();
            assertThat(mha.returnAttentionScores()).as(name).isTrue();
            List<INDArray> after = back.predict(in, 32);
            for (int i = 0; i < 2; i++) assertThat(after.get(i)).as(name + " output " + i).isEqualTo(before.get(i));
        }
        Model fromJson = Models.modelFromJson(m.toJson());
        fromJson.setWeights(m.getWeights());
        assertThat(fromJson.predict(in, 32).get(0)).isEqualTo(before.get(0));
        assertThat(m.toJson()).contains("\"use_causal_mask\":true").contains("\"return_attention_scores\":true")
                .contains("\"attention_mask\":{\"class_name\":\"__keras_tensor__\"");
    }

    @Test
    void kerasFileKeepsMultiHeadAttentionWeightsWhereKeras3Does() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "Skipped: needs /usr/bin/python3 with h5py");
        Model m = model();
        Path p = dir.resolve("m.keras");
        m.save(p.toString());
        String script = "import zipfile, io, h5py, sys\n"
                + "z = zipfile.ZipFile(sys.argv[1]); f = h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r')\n"
                + "f.visititems(lambda n, o: print(n, o.shape) if isinstance(o, h5py.Dataset) and 'multi_head' in n else None)\n";
        Process proc = new ProcessBuilder(python.toString(), "-c", script, p.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor(60, TimeUnit.SECONDS);
        Assumptions.assumeFalse(out.contains("No module named"), "Skipped: " + out);
        assertThat(out.lines().toList()).containsExactly(
                "layers/multi_head_attention/key_dense/vars/0 (8, 2, 4)",
                "layers/multi_head_attention/key_dense/vars/1 (2, 4)",
                "layers/multi_head_attention/output_dense/vars/0 (2, 4, 8)",
                "layers/multi_head_attention/output_dense/vars/1 (8,)",
                "layers/multi_head_attention/query_dense/vars/0 (8, 2, 4)",
                "layers/multi_head_attention/query_dense/vars/1 (2, 4)",
                "layers/multi_head_attention/value_dense/vars/0 (8, 2, 4)",
                "layers/multi_head_attention/value_dense/vars/1 (2, 4)");
    }

    @Test
    void h5UsesTfKerasWeightNames() throws Exception {
        Model m = model();
        Path p = dir.resolve("m.h5");
        m.save(p.toString());
        String mha = m.layers().stream().filter(l -> l instanceof MultiHeadAttention).findFirst().orElseThrow().name();
        List<String> names = m.layers().stream().filter(l -> l instanceof MultiHeadAttention).findFirst().orElseThrow()
                .weights().stream().map(v -> v.path() + ":0").toList();
        assertThat(names).containsExactly(mha + "/query/kernel:0", mha + "/query/bias:0", mha + "/key/kernel:0", mha + "/key/bias:0",
                mha + "/value/kernel:0", mha + "/value/bias:0", mha + "/attention_output/kernel:0", mha + "/attention_output/bias:0");
    }

    /** A tf.keras 2.11-style config: mha(x, value=x, use_causal_mask=True) written as a reference with a kwargs dict. */
    @Test
    void tfKeras2CallWithKeywordTensorsAndOptions() {
        String json = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"model\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 4, 6], \"dtype\": \"float32\", \"name\": \"x\"}, \"name\": \"x\", \"inbound_nodes\": []},"
                + "{\"class_name\": \"MultiHeadAttention\", \"config\": {\"name\": \"mha\", \"trainable\": true, \"dtype\": \"float32\","
                + " \"num_heads\": 2, \"key_dim\": 3, \"value_dim\": 3, \"dropout\": 0.0, \"use_bias\": true, \"output_shape\": null,"
                + " \"attention_axes\": [1], \"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}},"
                + " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"kernel_regularizer\": null, \"bias_regularizer\": null,"
                + " \"activity_regularizer\": null, \"kernel_constraint\": null, \"bias_constraint\": null,"
                + " \"query_shape\": [null, 4, 6], \"key_shape\": [null, 4, 6], \"value_shape\": [null, 4, 6]},"
                + " \"name\": \"mha\", \"inbound_nodes\": [[[\"x\", 0, 0, {\"value\": [\"x\", 0, 0], \"use_causal_mask\": true}]]]}],"
                + " \"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"mha\", 0, 0]]}, \"keras_version\": \"2.11.0\", \"backend\": \"tensorflow\"}";
        Model m = Models.modelFromJson(json);
        MultiHeadAttention mha = (MultiHeadAttention) m.layers().get(1);
        assertThat(mha.useCausalMask()).isTrue();
        assertThat(mha.inboundNodes().get(0).inputs()).hasSize(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 6);
        INDArray y = m.predict(x);
        assertThat(y).isEqualTo(mha.forward(List.of(x, x), false).output());
        // causal: the first step attends to itself only, so changing later steps leaves it alone
        INDArray x2 = x.dup();
        x2.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).addi(1);
        INDArray y2 = m.predict(x2);
        org.nd4j.linalg.indexing.INDArrayIndex first = org.nd4j.linalg.indexing.NDArrayIndex.point(0);
        assertThat(y2.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), first, org.nd4j.linalg.indexing.NDArrayIndex.all()))
                .isEqualTo(y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), first, org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }
}
