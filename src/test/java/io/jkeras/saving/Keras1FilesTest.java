package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.layers.BatchNormalization;
import io.jkeras.layers.Conv1D;
import io.jkeras.layers.Conv2D;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Files written by Keras 1 (and by Keras 2 on Theano) load as Keras 2 loads them: Keras 1 class and argument
 * names, channels-first and Conv1D kernel layouts, Theano's flipped kernels, BatchNormalization's
 * {@code running_std}. The two real Keras 1.2.2 files carry no recorded outputs, so their predictions are checked
 * against a forward pass written out here from the file's own arrays; the layouts Keras 1 and Theano used are
 * checked on small files built here, whose expected outputs follow the original semantics (Theano convolves,
 * TensorFlow correlates) computed directly from the stored arrays. Tolerance: 1e-5 of the outputs' largest
 * magnitude (float32 model against a float64 reference).
 */
class Keras1FilesTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    private static INDArray read(Path file, String dataset) throws IOException {
        try (Hdf5File f = Hdf5File.open(file)) {
            return f.root().read(dataset);
        }
    }

    @Test
    void keras1Convolution2DLoadsAndPredictsItsCorrelation() throws IOException {
        Path file = KerasFiles.copy("conv2d_theano_1.h5", dir);
        Model m = Models.loadModel(file.toString());
        Layer conv = m.layers().get(0);
        assertThat(conv).isInstanceOf(Conv2D.class);
        assertThat(conv.getConfig()).containsEntry("filters", 6).containsEntry("padding", "valid")
                .containsEntry("data_format", "channels_last").containsEntry("use_bias", true);
        INDArray w = read(file, "model_weights/convolution2d_1/convolution2d_1_W");
        INDArray b = read(file, "model_weights/convolution2d_1/convolution2d_1_b");
        // dim_ordering "tf" and no backend recorded: Keras 2 takes the kernel as it is.
        assertThat(conv.getWeights()).containsExactly(w, b);
        Keras.setRandomSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 5, 5);
        assertThat(maxRelativeError(m.predict(x), correlateNhwc(x, w, b, false))).isLessThan(1e-5);
    }

    /** Dense(100→490) → Reshape(7, 7, 10) → BatchNormalization(mode 0) → Convolution2D(5, 3×3), Keras 1.2.2. */
    @Test
    void keras1DenseReshapeBatchNormConvolutionLoadsAndPredicts() throws IOException {
        Path file = KerasFiles.copy("batch_to_conv2d_tensorflow_1.h5", dir);
        Model m = Models.loadModel(file.toString());
        assertThat(m.layers()).extracting(Layer::className).containsExactly("Dense", "Reshape", "BatchNormalization", "Conv2D");
        assertThat(m.layers().get(0).getConfig()).containsEntry("units", 490);
        String w = "model_weights/";
        INDArray dk = read(file, w + "dense_1/dense_1_W:0");
        INDArray db = read(file, w + "dense_1/dense_1_b:0");
        String bn = w + "batchnormalization_1/batchnormalization_1_";
        List<INDArray> bnWeights = List.of(read(file, bn + "gamma:0"), read(file, bn + "beta:0"), read(file, bn + "running_mean:0"),
                read(file, bn + "running_std:0"));
        assertThat(m.layers().get(2).getWeights()).isEqualTo(bnWeights);
        INDArray ck = read(file, w + "convolution2d_1/convolution2d_1_W:0");
        INDArray cb = read(file, w + "convolution2d_1/convolution2d_1_b:0");
        Keras.setRandomSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 100);
        INDArray h = x.mmul(dk).addRowVector(db).reshape('c', 3, 7, 7, 10);
        h = batchNorm(h, bnWeights, 1e-3);
        assertThat(maxRelativeError(m.predict(x), correlateNhwc(h, ck, cb, false))).isLessThan(1e-5);
    }

    /** Keras 1.1+ kept the variance under the name running_std; Keras 2 loads it as the moving variance. */
    @Test
    void keras1RunningStdIsTheMovingVariance() throws IOException {
        Keras.setRandomSeed(11);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 4).addi(0.5);
        INDArray beta = Nd4j.rand(DataType.FLOAT, 4);
        INDArray mean = Nd4j.rand(DataType.FLOAT, 4);
        INDArray std = Nd4j.rand(DataType.FLOAT, 4).addi(0.2);
        Map<String, INDArray> weights = new LinkedHashMap<>();
        weights.put("bn_gamma", gamma);
        weights.put("bn_beta", beta);
        weights.put("bn_running_mean", mean);
        weights.put("bn_running_std", std);
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"BatchNormalization\", \"config\": "
                + "{\"name\": \"bn\", \"trainable\": true, \"batch_input_shape\": [null, 4], \"input_dtype\": \"float32\", "
                + "\"epsilon\": 0.001, \"mode\": 0, \"axis\": -1, \"gamma_regularizer\": null, \"beta_regularizer\": null, "
                + "\"momentum\": 0.99}}]}";
        Path file = LegacyFileBuilder.keras1(dir.resolve("bn.h5"), config, null, "bn", weights);
        Model m = Models.loadModel(file.toString());
        assertThat(m.layers().get(0)).isInstanceOf(BatchNormalization.class);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 4);
        assertThat(maxRelativeError(m.predict(x), batchNorm(x, List.of(gamma, beta, mean, std), 1e-3))).isLessThan(1e-5);

        String mode2 = config.replace("\"mode\": 0", "\"mode\": 2");
        Path bad = LegacyFileBuilder.keras1(dir.resolve("bn_mode2.h5"), mode2, null, "bn", weights);
        assertThatThrownBy(() -> Models.loadModel(bad.toString())).isInstanceOf(IOException.class)
                .hasMessageContaining("bn_mode2.h5").hasMessageContaining("`mode=1` and `mode=2` are no longer supported");
    }

    /** Keras 1 with dim_ordering "th" stored (filters, in, rows, cols) and, on TensorFlow, correlated. */
    @Test
    void keras1ChannelsFirstKernelIsTransposed() throws IOException {
        Keras.setRandomSeed(13);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 3, 3, 2).subi(0.5); // (filters, in, rows, cols)
        INDArray b = Nd4j.rand(DataType.FLOAT, 4);
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Convolution2D\", \"config\": "
                + "{\"name\": \"c\", \"trainable\": true, \"batch_input_shape\": [null, 3, 6, 5], \"input_dtype\": \"float32\", "
                + "\"nb_filter\": 4, \"nb_row\": 3, \"nb_col\": 2, \"init\": \"glorot_uniform\", \"activation\": \"linear\", "
                + "\"border_mode\": \"valid\", \"subsample\": [1, 1], \"dim_ordering\": \"th\", \"W_regularizer\": null, "
                + "\"b_regularizer\": null, \"activity_regularizer\": null, \"W_constraint\": null, \"b_constraint\": null, "
                + "\"bias\": true}}]}";
        Map<String, INDArray> weights = new LinkedHashMap<>();
        weights.put("c_W", w);
        weights.put("c_b", b);
        Path file = LegacyFileBuilder.keras1(dir.resolve("th.h5"), config, null, "c", weights);
        Model m = Models.loadModel(file.toString());
        assertThat(m.layers().get(0).getConfig()).containsEntry("data_format", "channels_first");
        assertThat(m.layers().get(0).getWeights().get(0).shape()).containsExactly(3, 2, 3, 4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 5);
        assertThat(maxRelativeError(m.predict(x), correlateNchwTheanoLayout(x, w, b, false))).isLessThan(1e-5);
    }

    /** Keras 2 on Theano: the kernel is in Keras 2's layout, but Theano convolved (flipped the kernel). */
    @Test
    void theanoKernelsAreFlipped() throws IOException {
        Keras.setRandomSeed(17);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 2, 3, 4).subi(0.5); // (rows, cols, in, filters)
        INDArray b = Nd4j.rand(DataType.FLOAT, 4);
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Conv2D\", \"config\": "
                + "{\"name\": \"c\", \"trainable\": true, \"batch_input_shape\": [null, 3, 6, 5], \"filters\": 4, "
                + "\"kernel_size\": [3, 2], \"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": \"channels_first\", "
                + "\"activation\": \"linear\", \"use_bias\": true}}]}";
        Map<String, INDArray> weights = new LinkedHashMap<>();
        weights.put("c/kernel:0", w);
        weights.put("c/bias:0", b);
        Path file = LegacyFileBuilder.keras1(dir.resolve("theano.h5"), config, new String[]{"2.1.6", "theano"}, "c", weights);
        Model m = Models.loadModel(file.toString());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 5);
        INDArray th = w.permute(3, 2, 0, 1).dup('c'); // (filters, in, rows, cols) for the reference below
        assertThat(maxRelativeError(m.predict(x), correlateNchwTheanoLayout(x, th, b, true))).isLessThan(1e-5);
        // The same file said to come from TensorFlow: no flip.
        Path tf = LegacyFileBuilder.keras1(dir.resolve("tf.h5"), config, new String[]{"2.1.6", "tensorflow"}, "c", weights);
        assertThat(maxRelativeError(Models.loadModel(tf.toString()).predict(x), correlateNchwTheanoLayout(x, th, b, false)))
                .isLessThan(1e-5);
    }

    /** Keras 1's Convolution1D kernel (length, 1, in, filters) loses its unit axis; its input_dim becomes the input shape. */
    @Test
    void keras1Convolution1DKernelLosesItsUnitAxis() throws IOException {
        Keras.setRandomSeed(19);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 1, 4, 2).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 2);
        String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Convolution1D\", \"config\": "
                + "{\"name\": \"c1\", \"trainable\": true, \"input_dim\": 4, \"input_length\": 7, \"nb_filter\": 2, "
                + "\"filter_length\": 3, \"init\": \"uniform\", \"activation\": \"linear\", \"border_mode\": \"valid\", "
                + "\"subsample_length\": 1, \"W_regularizer\": null, \"b_regularizer\": null, \"activity_regularizer\": null, "
                + "\"W_constraint\": null, \"b_constraint\": null, \"bias\": true}}]}";
        Map<String, INDArray> weights = new LinkedHashMap<>();
        weights.put("c1_W", w);
        weights.put("c1_b", b);
        Path file = LegacyFileBuilder.keras1(dir.resolve("c1.h5"), config, null, "c1", weights);
        Model m = Models.loadModel(file.toString());
        assertThat(m.layers().get(0)).isInstanceOf(Conv1D.class);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 7, 4);
        // The 1D kernel as a (length, 1, in, filters) 2D one over (batch, 7, 1, in).
        INDArray expected = correlateNhwc(x.reshape(2, 7, 1, 4), w, b, false).reshape(2, 5, 2);
        assertThat(maxRelativeError(m.predict(x), expected)).isLessThan(1e-5);
    }

    @Test
    void keras1ArgumentNamesBecomeKeras2Ones() {
        Map<String, Object> dense = LegacyConfigs.toKeras2("Dense", Map.of("output_dim", 8, "init", "he_normal", "bias", false,
                "W_regularizer", Map.of("name", "WeightRegularizer", "l2", 0.01), "b_constraint", "maxnorm"));
        assertThat(dense).containsEntry("units", 8).containsEntry("kernel_initializer", "he_normal")
                .containsEntry("use_bias", false).containsKey("kernel_regularizer").containsEntry("bias_constraint", "maxnorm")
                .doesNotContainKeys("output_dim", "init", "bias", "W_regularizer", "b_constraint");
        Map<String, Object> conv = LegacyConfigs.toKeras2("Conv2D", Map.of("nb_filter", 6, "nb_row", 3, "nb_col", 2,
                "subsample", List.of(2, 2), "border_mode", "same", "dim_ordering", "th", "atrous_rate", List.of(1, 1)));
        assertThat(conv).containsEntry("filters", 6).containsEntry("kernel_size", List.of(3, 2)).containsEntry("strides", List.of(2, 2))
                .containsEntry("padding", "same").containsEntry("data_format", "channels_first")
                .containsEntry("dilation_rate", List.of(1, 1));
        assertThat(LegacyConfigs.toKeras2("MaxPooling2D", Map.of("dim_ordering", "default", "border_mode", "valid")))
                .containsEntry("padding", "valid").doesNotContainKeys("data_format", "dim_ordering", "border_mode");
        assertThat(LegacyConfigs.toKeras2("Dropout", Map.of("p", 0.3))).containsEntry("rate", 0.3);
        assertThat(LegacyConfigs.toKeras2("ZeroPadding2D", Map.of("padding", Map.of("top_pad", 1, "left_pad", 2))))
                .containsEntry("padding", List.of(List.of(1, 0), List.of(2, 0)));
        // A Keras 2 key wins over its Keras 1 spelling.
        assertThat(LegacyConfigs.toKeras2("Dense", Map.of("units", 4, "output_dim", 9))).containsEntry("units", 4);
        assertThat(LegacyConfigs.className("AtrousConvolution2D")).isEqualTo("Conv2D");
        Dense d = (Dense) LayerSerializer.deserialize(Map.of("class_name", "Dense", "config",
                Map.of("name", "k1", "output_dim", 3, "bias", false, "input_dim", 5)));
        assertThat(d.getConfig()).containsEntry("units", 3).containsEntry("use_bias", false);
    }

    // ------------------------------------------------------------------ independent forward passes

    /**
     * max |actual - expected| / max |expected|: the error relative to the outputs' scale. Elementwise relative
     * error is meaningless for outputs near 0, which sums of mixed-sign float32 products produce.
     */
    static double maxRelativeError(INDArray actual, INDArray expected) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(e.amaxNumber().doubleValue(), 1e-12);
        double err = actual.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue() / scale;
        System.out.printf("Keras 1 parity: max |difference| / max |expected| = %.2e%n", err);
        return err;
    }

    /** Valid 2-D correlation, NHWC input, kernel (rows, cols, in, filters); {@code flip}: true convolution. */
    static INDArray correlateNhwc(INDArray x, INDArray w, INDArray b, boolean flip) {
        int n = (int) x.size(0), h = (int) x.size(1), wd = (int) x.size(2), c = (int) x.size(3);
        int kh = (int) w.size(0), kw = (int) w.size(1), f = (int) w.size(3);
        INDArray out = Nd4j.create(DataType.DOUBLE, n, h - kh + 1, wd - kw + 1, f);
        for (int s = 0; s < n; s++)
            for (int i = 0; i + kh <= h; i++)
                for (int j = 0; j + kw <= wd; j++)
                    for (int o = 0; o < f; o++) {
                        double acc = b.getDouble(o);
                        for (int u = 0; u < kh; u++)
                            for (int v = 0; v < kw; v++)
                                for (int ch = 0; ch < c; ch++) {
                                    int uu = flip ? kh - 1 - u : u, vv = flip ? kw - 1 - v : v;
                                    acc += x.getDouble(s, i + u, j + v, ch) * w.getDouble(uu, vv, ch, o);
                                }
                        out.putScalar(new int[]{s, i, j, o}, acc);
                    }
        return out;
    }

    /** Valid 2-D correlation, NCHW input, kernel (filters, in, rows, cols) as Theano stored it; {@code flip}: Theano's convolution. */
    static INDArray correlateNchwTheanoLayout(INDArray x, INDArray w, INDArray b, boolean flip) {
        int n = (int) x.size(0), c = (int) x.size(1), h = (int) x.size(2), wd = (int) x.size(3);
        int f = (int) w.size(0), kh = (int) w.size(2), kw = (int) w.size(3);
        INDArray out = Nd4j.create(DataType.DOUBLE, n, f, h - kh + 1, wd - kw + 1);
        for (int s = 0; s < n; s++)
            for (int o = 0; o < f; o++)
                for (int i = 0; i + kh <= h; i++)
                    for (int j = 0; j + kw <= wd; j++) {
                        double acc = b.getDouble(o);
                        for (int ch = 0; ch < c; ch++)
                            for (int u = 0; u < kh; u++)
                                for (int v = 0; v < kw; v++) {
                                    int uu = flip ? kh - 1 - u : u, vv = flip ? kw - 1 - v : v;
                                    acc += x.getDouble(s, ch, i + u, j + v) * w.getDouble(o, ch, uu, vv);
                                }
                        out.putScalar(new int[]{s, o, i, j}, acc);
                    }
        return out;
    }

    /** gamma (x - mean) / sqrt(variance + eps) + beta over the last axis. */
    static INDArray batchNorm(INDArray x, List<INDArray> w, double eps) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        long c = x.size(x.rank() - 1);
        INDArray flat = xd.reshape('c', xd.length() / c, c);
        INDArray scale = w.get(0).castTo(DataType.DOUBLE).div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(
                w.get(3).castTo(DataType.DOUBLE).add(eps)));
        INDArray y = flat.subRowVector(w.get(2).castTo(DataType.DOUBLE)).mulRowVector(scale).addRowVector(w.get(1).castTo(DataType.DOUBLE));
        return y.reshape('c', x.shape());
    }
}
