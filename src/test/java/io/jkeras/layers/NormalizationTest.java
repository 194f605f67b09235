package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.testing.LayerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NormalizationTest {
    private static final float[][] ADAPT = {{0, 7, 4}, {2, 9, 6}, {0, 7, 4}, {2, 9, 6}};

    @Test
    void harness() {
        LayerHarness.of(() -> new Normalization()).inputs(Shape.of(3)).outputs(Shape.of(null, 3))
                .weights("mean (3,)", "variance (3,)", "count ()").run();
        LayerHarness.of(() -> new Normalization().axis()).inputs(Shape.of(2, 3)).outputs(Shape.of(null, 2, 3))
                .weights("mean ()", "variance ()", "count ()").run();
        LayerHarness.of(() -> new Normalization().axis(1, 2)).inputs(Shape.of(2, 3)).weights("mean (2, 3)", "variance (2, 3)", "count ()").run();
        LayerHarness.of(() -> new Normalization().meanAndVariance(3, 2)).inputs(Shape.of(4)).weights().run();
    }

    @Test
    void kerasDocstringExamples() {
        Normalization perFeature = new Normalization();
        perFeature.adapt(Nd4j.createFromArray(ADAPT));
        assertThat(perFeature.apply(Nd4j.createFromArray(new float[][]{{0, 7, 4}})).toDoubleVector()).containsExactly(new double[]{-1, -1, -1}, within(1e-6));
        Normalization scalar = new Normalization().axis();
        scalar.adapt(Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f).reshape(5, 1));
        assertThat(scalar.apply(Nd4j.createFromArray(1f, 2f, 3f).reshape(3, 1)).toDoubleVector())
                .containsExactly(new double[]{-1.4142135, -0.70710677, 0}, within(1e-6));
        Normalization given = new Normalization().meanAndVariance(3, 2);
        assertThat(given.apply(Nd4j.createFromArray(new float[][]{{1}, {2}, {3}})).toDoubleVector())
                .containsExactly(new double[]{-1.4142135, -0.70710677, 0}, within(1e-6));
        Normalization inverse = new Normalization().invert(true);
        inverse.adapt(Nd4j.createFromArray(ADAPT));
        assertThat(inverse.apply(Nd4j.createFromArray(new float[][]{{1, 2, 3}})).toDoubleVector()).containsExactly(new double[]{2, 10, 8}, within(1e-5));
    }

    @Test
    void perChannelStatisticsOfImages() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 4, 5, 3).muli(10).addi(2);
        Normalization n = new Normalization();
        n.adapt(x);
        double[][] ref = meanVar(x);
        assertThat(n.getWeights().get(0).toDoubleVector()).containsExactly(ref[0], within(1e-4));
        assertThat(n.getWeights().get(1).toDoubleVector()).containsExactly(ref[1], within(1e-3));
        assertThat(n.getWeights().get(2).dataType()).isEqualTo(DataType.LONG);
        INDArray y = n.apply(x);
        for (int c = 0; c < 3; c++) {
            assertThat(y.getDouble(1, 2, 3, c)).isCloseTo((x.getDouble(1, 2, 3, c) - ref[0][c]) / Math.sqrt(ref[1][c]), within(1e-4));
        }
        // adapting batch by batch combines them as one pass would
        Normalization batched = new Normalization();
        List<INDArray> parts = new ArrayList<>();
        for (int i = 0; i < 6; i += 2) parts.add(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 2)));
        batched.adapt(parts);
        assertThat(batched.getWeights().get(0).toDoubleVector()).containsExactly(ref[0], within(1e-4));
        assertThat(batched.getWeights().get(1).toDoubleVector()).containsExactly(ref[1], within(1e-3));
    }

    /** Per-channel mean and biased variance by loops. */
    private static double[][] meanVar(INDArray x) {
        long c = x.size(3), n = x.length() / c;
        double[] mean = new double[(int) c], var = new double[(int) c];
        double[][] rows = x.reshape(n, c).toDoubleMatrix();
        for (double[] r : rows) for (int k = 0; k < c; k++) mean[k] += r[k] / n;
        for (double[] r : rows) for (int k = 0; k < c; k++) var[k] += (r[k] - mean[k]) * (r[k] - mean[k]) / n;
        return new double[][]{mean, var};
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        Normalization n = new Normalization();
        n.adapt(Nd4j.rand(DataType.DOUBLE, 20, 4).muli(3));
        GradientCheck.create().check(n, Nd4j.rand(DataType.DOUBLE, 3, 4));
        Normalization inv = new Normalization().invert(true).meanAndVariance(new double[]{1, 2}, new double[]{4, 9});
        GradientCheck.create().check(inv, Nd4j.rand(DataType.DOUBLE, 3, 5, 2));
    }

    @Test
    void statisticsSaveWithTheModel(@TempDir Path dir) throws Exception {
        INDArray data = Nd4j.rand(DataType.FLOAT, 50, 3).muli(4).addi(7);
        Normalization norm = new Normalization().inputShape(3);
        norm.adapt(data);
        Sequential model = new Sequential(norm, new Dense(2));
        INDArray before = model.predict(data);
        String file = dir.resolve("norm.keras").toString();
        model.save(file);
        Model loaded = Models.loadModel(file);
        assertThat(loaded.predict(data).toFloatMatrix()).isDeepEqualTo(before.toFloatMatrix());
        Normalization restored = (Normalization) loaded.getLayer(norm.name());
        assertThat(restored.getWeights().get(0)).isEqualTo(norm.getWeights().get(0));
        assertThat(restored.getWeights().get(1)).isEqualTo(norm.getWeights().get(1));
        String h5 = dir.resolve("norm.h5").toString();
        model.save(h5);
        assertThat(Models.loadModel(h5).predict(data).toFloatMatrix()).isDeepEqualTo(before.toFloatMatrix());
    }

    @Test
    void configsAndErrors() {
        assertThat(new Normalization().getConfig()).containsEntry("axis", List.of(-1)).containsEntry("mean", null).containsEntry("invert", false);
        assertThat(new Normalization().meanAndVariance(3, 2).getConfig()).containsEntry("mean", 3.0).containsEntry("variance", 2.0);
        // tf.keras 2 wrote the axis as an int; Keras 3 with axis=None writes []
        Normalization k2 = Normalization.fromConfig(Config.of(Json.read("{\"name\": \"n\", \"axis\": -1, \"mean\": [1, 2], \"variance\": [4, 16]}")));
        assertThat(k2.apply(Nd4j.createFromArray(new float[][]{{3, 6}})).toDoubleVector()).containsExactly(new double[]{1, 1}, within(1e-6));
        assertThat(Normalization.fromConfig(Config.of(Json.read("{\"axis\": []}"))).getConfig()).containsEntry("axis", List.of());
        assertThatThrownBy(() -> new Normalization().meanAndVariance(new double[]{1}, null))
                .hasMessageStartingWith("When setting values directly, both `mean` and `variance` must be set.");
        assertThatThrownBy(() -> new Normalization().axis(3).apply(Nd4j.ones(2, 3)))
                .hasMessage("All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=2, while axis=(3,)");
    }
}
