package io.jkeras.metrics;

import io.jkeras.Keras;
import io.jkeras.losses.BinaryFocalCrossentropy;
import io.jkeras.losses.Loss;
import io.jkeras.losses.Losses;
import io.jkeras.saving.Json;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The registry: names, compile's "accuracy" rule, serialized maps, and config round trips through JSON. */
class MetricsRegistryTest {
    static final long[] BINARY = {-1, 1};
    static final long[] TEN = {-1, 10};

    static String describe(Metric m) {
        return m.className() + "/" + m.name();
    }

    @Test
    void accuracyFollowsKeras3CompileRulesAndKeepsTheNameWritten() {
        // 1. binary cross-entropy (or any loss) on a (None, 1) output: binary accuracy
        assertThat(describe(Metrics.get("accuracy", Losses.get("binary_crossentropy"), BINARY))).isEqualTo("BinaryAccuracy/accuracy");
        assertThat(describe(Metrics.get("acc", new BinaryFocalCrossentropy(), BINARY))).isEqualTo("BinaryAccuracy/acc");
        // 2. sparse categorical cross-entropy: integer labels, so sparse categorical accuracy
        assertThat(describe(Metrics.get("accuracy", Losses.get("sparse_categorical_crossentropy"), TEN)))
                .isEqualTo("SparseCategoricalAccuracy/accuracy");
        assertThat(describe(Metrics.get("acc", Losses.get("sparse_categorical_crossentropy"), TEN))).isEqualTo("SparseCategoricalAccuracy/acc");
        // 3. anything else: categorical accuracy
        assertThat(describe(Metrics.get("accuracy", Losses.get("categorical_crossentropy"), TEN))).isEqualTo("CategoricalAccuracy/accuracy");
        assertThat(describe(Metrics.get("Accuracy", Losses.get("mse"), TEN))).isEqualTo("CategoricalAccuracy/Accuracy");
        // Keras 3 decides from shapes: binary cross-entropy on a multi-label (None, 5) output is categorical
        assertThat(describe(Metrics.get("accuracy", Losses.get("binary_crossentropy"), new long[]{-1, 5}))).isEqualTo("CategoricalAccuracy/accuracy");
        assertThat(describe(Metrics.get("accuracy", (Loss) null, BINARY))).isEqualTo("BinaryAccuracy/accuracy");
        // with the first batch's shapes, exactly is_binary_or_sparse_categorical
        assertThat(describe(Metrics.resolve("accuracy", new long[]{32, 1}, new long[]{32, 10}))).isEqualTo("SparseCategoricalAccuracy/accuracy");
        assertThat(describe(Metrics.resolve("accuracy", new long[]{32}, new long[]{32, 10}))).isEqualTo("SparseCategoricalAccuracy/accuracy");
        assertThat(describe(Metrics.resolve("acc", new long[]{32}, new long[]{32, 1}))).isEqualTo("BinaryAccuracy/acc");
        assertThat(describe(Metrics.resolve("accuracy", new long[]{32, 10}, new long[]{32, 10}))).isEqualTo("CategoricalAccuracy/accuracy");
        assertThat(Metrics.get("accuracy", null, BINARY).getConfig()).containsEntry("name", "accuracy");
        assertThatThrownBy(() -> Metrics.get("accuracy", null, null)).hasMessageContaining("binary_accuracy");
    }

    @Test
    void compileKeepsEveryStringAsTheName() {
        assertThat(describe(Metrics.get("mae", null, TEN))).isEqualTo("MeanAbsoluteError/mae");
        assertThat(describe(Metrics.get("AUC", null, TEN))).isEqualTo("AUC/AUC");
        assertThat(describe(Metrics.get("top_k_categorical_accuracy", null, TEN))).isEqualTo("TopKCategoricalAccuracy/top_k_categorical_accuracy");
        Metric mine = new Precision().name("p");
        assertThat(Metrics.get(mine, null, TEN)).isSameAs(mine);
        assertThat(Metrics.get(null, null, TEN)).isNull();
    }

    @Test
    void aLossAsAMetricAveragesWhatTheLossReturnsPerCall() {
        Metric m = Metrics.get(Losses.get("mse"), null, TEN);
        assertThat(m).isInstanceOf(MeanMetricWrapper.class);
        assertThat(m.name()).isEqualTo("mean_squared_error");
        // the loss reduces each batch to one value, which Keras's Mean counts once per batch
        m.updateState(Nd4j.createFromArray(new float[][]{{0}, {0}, {0}}), Nd4j.createFromArray(new float[][]{{1}, {1}, {1}}), null);
        m.updateState(Nd4j.createFromArray(new float[][]{{0}}), Nd4j.createFromArray(new float[][]{{3}}), null);
        assertThat(m.result()).isEqualTo((1 + 9) / 2.0);
        Metric perSample = MeanMetricWrapper.of(Losses.get("mse").reduction("none"));
        perSample.updateState(Nd4j.createFromArray(new float[][]{{0}, {0}, {0}}), Nd4j.createFromArray(new float[][]{{1}, {1}, {1}}), null);
        perSample.updateState(Nd4j.createFromArray(new float[][]{{0}}), Nd4j.createFromArray(new float[][]{{3}}), null);
        assertThat(perSample.result()).isEqualTo((3 + 9) / 4.0);
    }

    @Test
    void kerasMetricsGetNames() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("accuracy", "Accuracy/accuracy");
        expected.put("binary_accuracy", "BinaryAccuracy/binary_accuracy");
        expected.put("categorical_accuracy", "CategoricalAccuracy/categorical_accuracy");
        expected.put("sparse_categorical_accuracy", "SparseCategoricalAccuracy/sparse_categorical_accuracy");
        expected.put("top_k_categorical_accuracy", "TopKCategoricalAccuracy/top_k_categorical_accuracy");
        expected.put("sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy/sparse_top_k_categorical_accuracy");
        expected.put("mse", "MeanSquaredError/mean_squared_error");
        expected.put("MSE", "MeanSquaredError/mean_squared_error");
        expected.put("mae", "MeanAbsoluteError/mean_absolute_error");
        expected.put("mape", "MeanAbsolutePercentageError/mean_absolute_percentage_error");
        expected.put("msle", "MeanSquaredLogarithmicError/mean_squared_logarithmic_error");
        expected.put("bce", "BinaryCrossentropy/binary_crossentropy");
        expected.put("root_mean_squared_error", "RootMeanSquaredError/root_mean_squared_error");
        expected.put("log_cosh_error", "LogCoshError/logcosh");
        expected.put("kl_divergence", "KLDivergence/kl_divergence");
        expected.put("categorical_hinge", "CategoricalHinge/categorical_hinge");
        expected.put("MeanAbsoluteError", "MeanAbsoluteError/mean_absolute_error");
        expected.put("mean", "Mean/mean");
        expected.forEach((id, want) -> assertThat(describe(Metrics.get(id))).as(id).isEqualTo(want));
        Keras.clearSession();
        assertThat(describe(Metrics.get("auc"))).isEqualTo("AUC/auc");
        assertThat(describe(Metrics.get("AUC"))).isEqualTo("AUC/auc_1");
        assertThat(describe(Metrics.get("precision"))).isEqualTo("Precision/precision");
        assertThat(describe(Metrics.get("recall"))).isEqualTo("Recall/recall");
        Keras.clearSession();
        assertThatThrownBy(() -> Metrics.get("accurracy"))
                .hasMessageContaining("Could not interpret metric identifier: \"accurracy\"")
                .hasMessageContaining("binary_accuracy").hasMessageContaining("mse");
    }

    static List<Metric> configured() {
        return List.of(new Mean("loss_tracker"), new Accuracy(), new BinaryAccuracy().threshold(0.7).name("ba"), new CategoricalAccuracy(),
                new SparseCategoricalAccuracy(), new TopKCategoricalAccuracy().k(3), new SparseTopKCategoricalAccuracy().k(2),
                new Precision().thresholds(0.3, 0.6).classId(2).name("p"), new Recall().topK(2).name("r"), new Precision().thresholds(0.4).name("p1"),
                new AUC().numThresholds(50).curve("PR").summationMethod("majoring").fromLogits(true).name("pr_auc"),
                new AUC().thresholds(0.2, 0.5).labelWeights(1, 2).name("auc_t"),
                new MeanSquaredError(), new MeanAbsoluteError(), new MeanAbsolutePercentageError(), new MeanSquaredLogarithmicError(),
                new RootMeanSquaredError(), new CosineSimilarity().axis(1), new LogCoshError(),
                new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.2), new CategoricalCrossentropy().labelSmoothing(0.1).axis(1),
                new SparseCategoricalCrossentropy().fromLogits(true), new KLDivergence(), new Poisson(), new Hinge(), new SquaredHinge(),
                new CategoricalHinge());
    }

    @Test
    void configsRoundTripThroughJson() {
        for (Metric m : configured()) {
            String json = Json.write(Metrics.serialize(m));
            Map<String, Object> read = Json.read(json);
            assertThat(read).containsEntry("module", "keras.metrics").containsEntry("class_name", m.className());
            Metric back = Metrics.get(read);
            assertThat(back.getClass()).as(m.className()).isEqualTo(m.getClass());
            assertThat(back.getConfig()).as(m.className()).isEqualTo(Json.read(Json.write(m.getConfig())));
            assertThat(back.direction()).isEqualTo(m.direction());
        }
    }

    @Test
    void configsAsKerasWritesThem() {
        // Keras 3 AUC, with a DTypePolicy object for dtype
        Map<String, Object> auc = Json.read("{\"module\": \"keras.metrics\", \"class_name\": \"AUC\", \"config\": {\"name\": \"auc\", "
                + "\"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, "
                + "\"num_thresholds\": 100, \"curve\": \"PR\", \"summation_method\": \"interpolation\", \"multi_label\": false, "
                + "\"num_labels\": null, \"label_weights\": null, \"from_logits\": false}, \"registered_name\": null}");
        AUC a = (AUC) Metrics.get(auc);
        assertThat(a.numThresholds()).isEqualTo(100);
        assertThat(a.curve()).isEqualTo("PR");
        assertThat(a.dtype()).isEqualTo("float32");
        // Keras 3 Precision with a single float threshold, and Keras 2's
        Precision p = (Precision) Metrics.get(Json.read("{\"class_name\": \"Precision\", \"config\": {\"name\": \"precision_1\", \"dtype\": \"float32\", "
                + "\"thresholds\": 0.3, \"top_k\": null, \"class_id\": 1}}"));
        assertThat(p.name()).isEqualTo("precision_1");
        assertThat(p.thresholdValues()).containsExactly(0.3);
        assertThat(p.classId()).isEqualTo(1);
        // tf.keras 2 writes compile's "accuracy" as a MeanMetricWrapper around a function
        Metric wrapped = Metrics.get(Json.read("{\"class_name\": \"MeanMetricWrapper\", \"config\": {\"name\": \"accuracy\", \"dtype\": \"float32\", "
                + "\"fn\": \"binary_accuracy\", \"threshold\": 0.6}}"));
        assertThat(describe(wrapped)).isEqualTo("BinaryAccuracy/accuracy");
        assertThat(((BinaryAccuracy) wrapped).threshold()).isEqualTo(0.6);
        // Keras 3 writes a plain function as {"class_name": "function", "config": name}
        assertThat(describe(Metrics.get(Map.of("class_name", "function", "config", "sparse_categorical_accuracy"))))
                .isEqualTo("SparseCategoricalAccuracy/sparse_categorical_accuracy");
        assertThatThrownBy(() -> Metrics.get(Map.of("class_name", "MeanMetricWrapper", "config", Map.of("name", "x", "fn", "my_fn"))))
                .hasMessageContaining("new MeanMetricWrapper(name, fn)");
        assertThat(new BinaryAccuracy().getConfig()).containsExactly(Map.entry("name", "binary_accuracy"), Map.entry("dtype", "float32"),
                Map.entry("threshold", 0.5));
    }

    @Test
    void resetStateAndCustomWrappers() {
        var abs = new MeanMetricWrapper("abs_err", (t, p) -> org.nd4j.linalg.ops.transforms.Transforms.abs(p.sub(t)).mean(1));
        abs.updateState(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}), Nd4j.createFromArray(new float[][]{{1, 1}, {0, 0}}), null);
        assertThat(abs.result()).isEqualTo(0.25);
        assertThat(abs.count()).isEqualTo(2);
        for (Metric m : configured()) {
            m.resetState();
            double value = m instanceof ThresholdMetric t ? t.results()[0] : m.result();
            assertThat(value).as(m.name()).isZero();
        }
        assertThat(new BinaryAccuracy().toString()).isEqualTo("<BinaryAccuracy name=binary_accuracy>");
        assertThat(new MeanSquaredError().direction()).isEqualTo("down");
        assertThat(new AUC().direction()).isEqualTo("up");
        var acc = new CategoricalAccuracy();
        acc.updateState(Nd4j.createFromArray(new float[][]{{0, 1}}), Nd4j.createFromArray(new float[][]{{0.2f, 0.8f}}), null);
        acc.resetState();
        acc.updateState(Nd4j.createFromArray(new float[][]{{0, 1}}), Nd4j.createFromArray(new float[][]{{0.8f, 0.2f}}), null);
        assertThat(acc.result()).isCloseTo(0.0, within(0.0));
    }
}
