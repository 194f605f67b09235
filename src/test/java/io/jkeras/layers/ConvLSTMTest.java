package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.Variable;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ConvLSTM1D/2D/3D: harness, float64 gradients, parity with an independent numpy reference, config and files. */
class ConvLSTMTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new ConvLSTM2D(4, 3)).inputs(Shape.of(3, 6, 5, 2)).outputs(Shape.of(null, 4, 3, 4))
                .weights("kernel (3, 3, 2, 16)", "recurrent_kernel (3, 3, 4, 16)", "bias (16,)").run();
        LayerHarness.of(() -> new ConvLSTM2D(2, 3, 2).padding("same").returnSequences(true).returnState(true))
                .inputs(Shape.of(3, 5, 4, 1))
                .outputs(Shape.of(null, 3, 5, 4, 2), Shape.of(null, 5, 4, 2), Shape.of(null, 5, 4, 2))
                .weights("kernel (3, 2, 1, 8)", "recurrent_kernel (3, 2, 2, 8)", "bias (8,)").run();
        LayerHarness.of(() -> new ConvLSTM2D(2, 3).strides(2).useBias(false).dataFormat("channels_first").dropout(0.3).recurrentDropout(0.2))
                .inputs(Shape.of(2, 3, 7, 6)).outputs(Shape.of(null, 2, 3, 2))
                .weights("kernel (3, 3, 3, 8)", "recurrent_kernel (3, 3, 2, 8)").run();
        LayerHarness.of(() -> new ConvLSTM1D(3, 2).returnSequences(true)).inputs(Shape.of(4, 6, 2)).outputs(Shape.of(null, 4, 5, 3))
                .weights("kernel (2, 2, 12)", "recurrent_kernel (2, 3, 12)", "bias (12,)").run();
        LayerHarness.of(() -> new ConvLSTM3D(2, 2).padding("same")).inputs(Shape.of(2, 3, 4, 3, 1)).outputs(Shape.of(null, 3, 4, 3, 2))
                .weights("kernel (2, 2, 2, 1, 8)", "recurrent_kernel (2, 2, 2, 2, 8)", "bias (8,)").run();
    }

    @Test
    void defaultsAreKeras() {
        ConvLSTM2D l = new ConvLSTM2D(5, 3);
        l.apply(Input.shape(2, 8, 8, 3));
        Map<String, Object> c = l.getConfig();
        assertThat(c.get("padding")).isEqualTo("valid");
        assertThat(c.get("strides")).isEqualTo(List.of(1, 1));
        assertThat(c.get("activation")).isEqualTo("tanh");
        assertThat(c.get("recurrent_activation")).isEqualTo("sigmoid");
        assertThat(c.get("unit_forget_bias")).isEqualTo(true);
        assertThat(((Map<?, ?>) c.get("kernel_initializer")).get("class_name")).isEqualTo("GlorotUniform");
        assertThat(((Map<?, ?>) c.get("recurrent_initializer")).get("class_name")).isEqualTo("Orthogonal");
        assertThat(c).doesNotContainKey("units");
        // unit_forget_bias: the forget gate's bias starts at 1, the rest at 0.
        INDArray b = l.getWeights().get(2);
        assertThat(b.get(NDArrayIndex.interval(5, 10)).minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(b.sumNumber().doubleValue()).isEqualTo(5.0);
        assertThat(l.countParams()).isEqualTo(3 * 3 * 3 * 20 + 3 * 3 * 5 * 20 + 20);
    }

    // ------------------------------------------------------------------ gradients (float64)

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 5, 4, 2).subi(0.5);
        GradientCheck.create().maxChecks(12).check(new ConvLSTM2D(2, 3), x);
        GradientCheck.create().maxChecks(12).check(new ConvLSTM2D(2, 3, 2).padding("same").returnSequences(true).goBackwards(true), x);
        GradientCheck.create().maxChecks(12).check(new ConvLSTM2D(3, 2).strides(2).returnState(true).useBias(false), x);
        GradientCheck.create().maxChecks(12).check(new ConvLSTM2D(2, 2).dilationRate(2).returnSequences(true).returnState(true).activation("relu"), x);
        GradientCheck.create().maxChecks(12).check(new ConvLSTM2D(2, 3).padding("same").dataFormat("channels_first").returnState(true),
                Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 5, 4).subi(0.5));
        GradientCheck.create().maxChecks(12).training(true).check(new ConvLSTM2D(2, 3).returnSequences(true).activityRegularizer("l2"), x);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsWithStatesMasksAndDropout() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 4, 3, 2).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 3, 4, 3, 2).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.DOUBLE, 3, 4, 3, 2).subi(0.5);
        GradientCheck.create().maxChecks(12).check(new ConvLSTM2D(2, 3).padding("same").returnSequences(true).returnState(true), x, h0, c0);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, false, true, false}, {false, true, true, true}, {true, true, true, true}});
        for (ConvLSTM2D l : List.of(new ConvLSTM2D(2, 3).padding("same").returnSequences(true).returnState(true),
                new ConvLSTM2D(2, 2).padding("same").goBackwards(true).returnState(true))) {
            GradientCheck.create().maxChecks(12).masks(mask).check(l, x);
        }
        GradientCheck.create().maxChecks(12).masks(mask).check(new ConvLSTM2D(2, 3).padding("same").returnSequences(true), x, h0, c0);
        GradientCheck.create().maxChecks(12).training(true).check(new ConvLSTM2D(2, 3).dropout(0.3).returnSequences(true), x);
        GradientCheck.create().maxChecks(12).training(true).check(new ConvLSTM2D(2, 3).padding("same").dropout(0.3).recurrentDropout(0.4).returnState(true), x);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients1DAnd3D() {
        GradientCheck.create().maxChecks(12).check(new ConvLSTM1D(2, 3).padding("same").returnSequences(true), Nd4j.rand(DataType.DOUBLE, 2, 3, 5, 2).subi(0.5));
        GradientCheck.create().maxChecks(12).check(new ConvLSTM3D(2, 2).returnState(true), Nd4j.rand(DataType.DOUBLE, 2, 2, 3, 3, 3, 1).subi(0.5));
    }

    // ------------------------------------------------------------------ parity with an independent reference

    /** Runs the layer and the numpy reference (src/test/resources/python/conv_lstm_reference.py) on the same weights. */
    private static final String PYTHON = "/usr/bin/python3";

    /** The parity tests need Debian's python with numpy (and h5py for the tf.keras 2 file); they are skipped without. */
    private static void needsPython(String modules) throws Exception {
        boolean ok = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import " + modules).start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(ok, "Skipped: needs " + PYTHON + " with " + modules);
    }

    private static void runPython(String script, Path dir) throws Exception {
        Path path = Path.of("src/test/resources/python", script).toAbsolutePath();
        Process p = new ProcessBuilder(PYTHON, path.toString(), dir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
    }

    private static double parity(ConvLSTM<?> l, INDArray x, INDArray mask, INDArray h0, INDArray c0, Path dir) throws Exception {
        List<INDArray> in = new ArrayList<>(List.of(x));
        if (h0 != null) in.addAll(List.of(h0, c0));
        l.call(in, false);
        for (Variable w : l.weights()) w.value().assign(Nd4j.rand(DataType.DOUBLE, w.value().shape()).subi(0.5));
        List<INDArray> outs = l.forward(in, mask == null ? null : java.util.Collections.singletonList(mask), false).outputs();
        Nd4j.writeAsNumpy(x, dir.resolve("x.npy").toFile());
        Nd4j.writeAsNumpy(l.kernel.value(), dir.resolve("kernel.npy").toFile());
        Nd4j.writeAsNumpy(l.recurrentKernel.value(), dir.resolve("recurrent_kernel.npy").toFile());
        if (l.bias != null) Nd4j.writeAsNumpy(l.bias.value(), dir.resolve("bias.npy").toFile());
        if (mask != null) Nd4j.writeAsNumpy(mask.castTo(DataType.DOUBLE), dir.resolve("mask.npy").toFile());
        if (h0 != null) {
            Nd4j.writeAsNumpy(h0, dir.resolve("h0.npy").toFile());
            Nd4j.writeAsNumpy(c0, dir.resolve("c0.npy").toFile());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        Map<String, Object> cfg = l.getConfig();
        for (String k : List.of("strides", "dilation_rate", "padding", "activation", "recurrent_activation", "use_bias", "go_backwards")) {
            spec.put(k, cfg.get(k));
        }
        spec.put("channels_first", "channels_first".equals(cfg.get("data_format")));
        spec.put("mask", mask != null);
        spec.put("initial_state", h0 != null);
        Files.writeString(dir.resolve("spec.json"), Json.write(spec));
        runPython("conv_lstm_reference.py", dir);
        INDArray seq = Nd4j.createFromNpyFile(dir.resolve("out_seq.npy").toFile());
        INDArray h = Nd4j.createFromNpyFile(dir.resolve("out_h.npy").toFile());
        INDArray c = Nd4j.createFromNpyFile(dir.resolve("out_c.npy").toFile());
        INDArray expectedOut = l.isReturnSequences() ? seq : seq.get(NDArrayIndex.all(), NDArrayIndex.point(seq.size(1) - 1)).dup();
        double worst = rel(outs.get(0), expectedOut);
        if (l.isReturnState()) worst = Math.max(worst, Math.max(rel(outs.get(1), h), rel(outs.get(2), c)));
        return worst;
    }

    private static double rel(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray e = expected.castTo(DataType.DOUBLE);
        return a.sub(e).norm2Number().doubleValue() / Math.max(e.norm2Number().doubleValue(), 1e-12);
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesAnIndependentReference(@TempDir Path dir) throws Exception {
        needsPython("numpy");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 7, 6, 3).subi(0.5);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, false, true, true}, {false, true, true, false}});
        double worst = 0;
        int n = 0;
        for (ConvLSTM2D l : List.of(new ConvLSTM2D(3, 3).returnSequences(true).returnState(true),
                new ConvLSTM2D(2, 2).padding("same").strides(2).returnState(true),
                new ConvLSTM2D(2, 4, 3).padding("same").returnSequences(true).goBackwards(true).returnState(true),
                new ConvLSTM2D(3, 2).dilationRate(2).returnState(true).useBias(false))) {
            Path d = Files.createDirectory(dir.resolve("case" + n++));
            worst = Math.max(worst, parity(l, x, null, null, null, d));
        }
        Path d = Files.createDirectory(dir.resolve("masked"));
        worst = Math.max(worst, parity(new ConvLSTM2D(2, 3).padding("same").returnSequences(true).returnState(true), x, mask, null, null, d));
        d = Files.createDirectory(dir.resolve("states"));
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 2, 7, 6, 2).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.DOUBLE, 2, 7, 6, 2).subi(0.5);
        worst = Math.max(worst, parity(new ConvLSTM2D(2, 3).padding("same").goBackwards(true).returnSequences(true).returnState(true),
                x, mask, h0, c0, d));
        d = Files.createDirectory(dir.resolve("first"));
        worst = Math.max(worst, parity(new ConvLSTM2D(2, 3).dataFormat("channels_first").returnState(true),
                Nd4j.rand(DataType.DOUBLE, 2, 3, 3, 6, 5).subi(0.5), null, null, null, d));
        d = Files.createDirectory(dir.resolve("conv1d"));
        worst = Math.max(worst, parity(new ConvLSTM1D(3, 3).padding("same").returnSequences(true).returnState(true),
                Nd4j.rand(DataType.DOUBLE, 2, 4, 7, 2).subi(0.5), null, null, null, d));
        d = Files.createDirectory(dir.resolve("conv3d"));
        worst = Math.max(worst, parity(new ConvLSTM3D(2, 2).padding("same").returnSequences(true).returnState(true),
                Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 3, 5, 2).subi(0.5), null, null, null, d));
        System.out.println("ConvLSTM parity against numpy (float64), worst relative L2 error: " + worst);
        assertThat(worst).isLessThan(1e-5);
    }

    /** A legacy .h5 in tf.keras 2's layout and config (hard_sigmoid gates, no seed) loads and predicts as the reference. */
    @Test
    void loadsATfKeras2File(@TempDir Path dir) throws Exception {
        needsPython("numpy, h5py");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6, 5, 2).subi(0.5);
        Nd4j.writeAsNumpy(x, dir.resolve("x.npy").toFile());
        runPython("make_tf_keras2_conv_lstm.py", dir);
        Model m = Models.loadModel(dir.resolve("tf_keras2_conv_lstm.h5").toString());
        ConvLSTM2D l = (ConvLSTM2D) m.layers().get(m.layers().size() - 1);
        assertThat(l.recurrentActivation.getClass()).isEqualTo(io.jkeras.activations.Activations.hardSigmoidKeras2().getClass());
        INDArray expected = Nd4j.createFromNpyFile(dir.resolve("out_seq.npy").toFile());
        double err = rel(m.predict(x.castTo(DataType.FLOAT)), expected);
        System.out.println("ConvLSTM2D from a tf.keras 2-layout .h5 (float32) against numpy: relative L2 error " + err);
        assertThat(err).isLessThan(1e-5);
    }

    // ------------------------------------------------------------------ behaviour

    @Test
    void dropoutOnlyInTraining() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5, 2);
        ConvLSTM2D plain = new ConvLSTM2D(2, 3).padding("same").returnSequences(true);
        ConvLSTM2D dropping = new ConvLSTM2D(2, 3).padding("same").returnSequences(true).dropout(0.5).recurrentDropout(0.5);
        plain.apply(x);
        dropping.apply(x);
        dropping.setWeights(plain.getWeights());
        assertThat(dropping.apply(x).equalsWithEps(plain.apply(x), 1e-6)).isTrue();
        assertThat(dropping.call(List.of(x), true).get(0).equalsWithEps(plain.apply(x), 1e-6)).isFalse();
    }

    @Test
    void statefulCarriesTheStatesAcrossCalls() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 5, 4, 1);
        ConvLSTM2D whole = new ConvLSTM2D(2, 3).padding("same").returnSequences(true);
        INDArray all = whole.apply(x);
        ConvLSTM2D stateful = new ConvLSTM2D(2, 3).padding("same").returnSequences(true).stateful(true);
        stateful.apply(Input.create(Shape.of(2, 2, 5, 4, 1), null, "float32"));
        stateful.setWeights(whole.getWeights());
        INDArray first = stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup());
        INDArray second = stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4)).dup());
        assertThat(first.equalsWithEps(all.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)), 1e-5)).isTrue();
        assertThat(second.equalsWithEps(all.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4)), 1e-5)).isTrue();
        assertThat(stateful.getStates().get(0).shape()).containsExactly(2, 5, 4, 2);
        assertThat(stateful.getStates().get(0).equalsWithEps(all.get(NDArrayIndex.all(), NDArrayIndex.point(3)), 1e-5)).isTrue();
        stateful.resetStates();
        assertThat(stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup()).equalsWithEps(first, 1e-6)).isTrue();
        stateful.resetStates(List.of(Nd4j.zeros(DataType.FLOAT, 2, 5, 4, 2), Nd4j.zeros(DataType.FLOAT, 2, 5, 4, 2)));
        assertThat(stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup()).equalsWithEps(first, 1e-6)).isTrue();
        assertThatThrownBy(() -> new ConvLSTM2D(2, 3).stateful(true).apply(Input.shape(3, 5, 5, 1)))
                .hasMessageContaining("When using `stateful=True` in a RNN, the batch size must be static");
    }

    @Test
    void masksFollowKeras() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4, 1);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, false, true}, {true, true, false}});
        ConvLSTM2D both = new ConvLSTM2D(2, 3).returnSequences(true).returnState(true);
        both.call(List.of(x), false);
        assertThat(both.forward(List.of(x), List.of(mask), false).masks()).containsExactly(mask, null, null);
        ConvLSTM2D last = new ConvLSTM2D(2, 3);
        last.call(List.of(x), false);
        assertThat(last.forward(List.of(x), List.of(mask), false).masks()).isNull();
    }

    @Test
    void errorsAreKeras() {
        ConvLSTM2D l = new ConvLSTM2D(2, 3);
        assertThatThrownBy(() -> l.apply(Input.shape(5, 8, 8)))
                .hasMessage("Input 0 of layer \"" + l.name() + "\" is incompatible with the layer: expected ndim=5, found ndim=4. "
                        + "Full shape received: (None, 5, 8, 8)");
        assertThatThrownBy(() -> l.apply(Nd4j.rand(DataType.FLOAT, 2, 5, 8, 8)))
                .hasMessageContaining("expected ndim=5, found ndim=4");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 3).apply(Input.create(Shape.of(null, 5, null, 8, 1), null, "float32")))
                .hasMessageContaining("ConvLSTM layers only support static input shapes for the spatial dimension");
        assertThatThrownBy(() -> new ConvLSTM2D(0, 3)).hasMessageContaining("Received filters=0");
        assertThatThrownBy(() -> new ConvLSTM2D(2, 3).strides(2).dilationRate(2))
                .hasMessageContaining("`strides > 1` is not compatible with `dilation_rate > 1`");
        ConvLSTM2D built = new ConvLSTM2D(2, 3);
        built.apply(Input.shape(4, 8, 8, 1));
        assertThatThrownBy(() -> built.apply(Nd4j.rand(DataType.FLOAT, 2, 4, 8, 8, 3)))
                .hasMessageContaining("expected shape=(None, None, 8, 8, 1), found shape=(None, 4, 8, 8, 3)");
        KerasTensor x = Input.shape(4, 8, 8, 1);
        assertThatThrownBy(() -> new ConvLSTM2D(2, 3).applyWithInitialState(x, Input.shape(8, 8, 2), Input.shape(8, 8, 2)))
                .hasMessageContaining("An `initial_state` was passed that is not compatible with `cell.state_size`")
                .hasMessageContaining("(None, 6, 6, 2)");
        ConvLSTM2D eager = new ConvLSTM2D(2, 3).padding("same");
        INDArray xs = Nd4j.rand(DataType.FLOAT, 2, 4, 8, 8, 1);
        eager.call(List.of(xs), false);
        assertThatThrownBy(() -> eager.call(List.of(xs, Nd4j.zeros(DataType.FLOAT, 2, 8, 8, 3), Nd4j.zeros(DataType.FLOAT, 2, 8, 8, 3)), false))
                .hasMessageContaining("not compatible with `cell.state_size`");
        assertThatThrownBy(() -> eager.forward(List.of(xs), List.of(Nd4j.ones(DataType.BOOL, 2, 3)), false))
                .hasMessageContaining(eager.name()).hasMessageContaining("the mask must have shape (batch, timesteps) = (2, 4)");
    }

    @Test
    void initialStateInAFunctionalGraph() {
        KerasTensor x = Input.shape(4, 8, 8, 1);
        List<KerasTensor> outs = new ConvLSTM2D(2, 3).padding("same").returnState(true)
                .applyWithInitialState(x, Input.shape(8, 8, 2), Input.shape(8, 8, 2));
        assertThat(outs).extracting(KerasTensor::shape).containsExactly(Shape.of(null, 8, 8, 2), Shape.of(null, 8, 8, 2), Shape.of(null, 8, 8, 2));
    }

    // ------------------------------------------------------------------ config and files

    @Test
    void configRoundTripsAndReadsTfKeras2() {
        ConvLSTM2D l = new ConvLSTM2D(7, 3, 2).strides(2).padding("same").dataFormat("channels_first").returnSequences(true)
                .goBackwards(true).dropout(0.25).recurrentDropout(0.1).unitForgetBias(false).kernelRegularizer("l2")
                .recurrentConstraint("non_neg").seed(3L);
        String json = Json.write(l.getConfig());
        ConvLSTM2D back = ConvLSTM2D.fromConfig(Config.of(Json.read(json)));
        assertThat(Json.write(back.getConfig())).isEqualTo(json);
        // tf.keras 2.x writes hard_sigmoid gates, no seed key and Keras 2's hard sigmoid meaning.
        String tf2 = "{\"name\": \"conv_lst_m2d\", \"trainable\": true, \"dtype\": \"float32\", \"return_sequences\": false,"
                + " \"return_state\": false, \"go_backwards\": false, \"stateful\": false, \"unroll\": false, \"time_major\": false,"
                + " \"filters\": 4, \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": \"channels_last\","
                + " \"dilation_rate\": [1, 1], \"activation\": \"tanh\", \"recurrent_activation\": \"hard_sigmoid\", \"use_bias\": true,"
                + " \"kernel_initializer\": {\"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null}},"
                + " \"recurrent_initializer\": {\"class_name\": \"Orthogonal\", \"config\": {\"gain\": 1.0, \"seed\": null}},"
                + " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"unit_forget_bias\": true,"
                + " \"kernel_regularizer\": null, \"recurrent_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null,"
                + " \"kernel_constraint\": null, \"recurrent_constraint\": null, \"bias_constraint\": null, \"dropout\": 0.0,"
                + " \"recurrent_dropout\": 0.0}";
        ConvLSTM2D old = ConvLSTM2D.fromConfig(Config.of(Json.read(tf2)));
        assertThat(old.filters()).isEqualTo(4);
        assertThat(old.recurrentActivation.getClass()).isEqualTo(io.jkeras.activations.Activations.hardSigmoidKeras2().getClass());
        assertThat(old.computeOutputShape(List.of(Shape.of(null, 5, 10, 10, 2))).get(0)).isEqualTo(Shape.of(null, 8, 8, 4));
    }

    @Test
    void roundTripsThroughKerasAndH5Files(@TempDir Path dir) throws Exception {
        for (String ext : new String[]{".keras", ".h5"}) {
            Sequential model = new Sequential(new ConvLSTM2D(2, 3).padding("same").returnSequences(true).inputShape(3, 6, 6, 1),
                    new ConvLSTM2D(3, 2), new Flatten(), new Dense(1));
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 6, 1);
            INDArray y = model.predict(x);
            String file = dir.resolve("convlstm" + ext).toString();
            model.save(file);
            if (ext.equals(".keras")) {
                // Keras 3's layout: an RNN's weights belong to its cell.
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file)) {
                    Path w = dir.resolve("model.weights.h5");
                    Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), w, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    try (io.jkeras.saving.Hdf5File h = io.jkeras.saving.Hdf5File.open(w)) {
                        assertThat(h.root().isDataset("layers/conv_lstm2d/cell/vars/0")).isTrue();
                        assertThat(h.root().isDataset("layers/conv_lstm2d/cell/vars/2")).isTrue();
                        assertThat(h.root().isDataset("layers/conv_lstm2d_1/cell/vars/1")).isTrue();
                    }
                }
            }
            Model loaded = Models.loadModel(file);
            assertThat(loaded.predict(x).equalsWithEps(y, 1e-6)).as(ext).isTrue();
            assertThat(loaded.layers().get(0)).isInstanceOf(ConvLSTM2D.class);
        }
    }

    @Test
    void functionalModelWithInitialStatesAndReturnedStatesRoundTrips(@TempDir Path dir) throws Exception {
        KerasTensor x = Input.shape(3, 5, 5, 2);
        KerasTensor h0 = Input.shape(5, 5, 4);
        KerasTensor c0 = Input.shape(5, 5, 4);
        List<KerasTensor> outs = new ConvLSTM2D(4, 3).padding("same").returnSequences(true).returnState(true)
                .applyWithInitialState(x, h0, c0);
        Model model = new Model(List.of(x, h0, c0), outs);
        List<INDArray> in = List.of(Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5, 2), Nd4j.rand(DataType.FLOAT, 2, 5, 5, 4),
                Nd4j.rand(DataType.FLOAT, 2, 5, 5, 4));
        List<INDArray> y = model.predict(in, 2);
        assertThat(y).hasSize(3);
        for (String ext : new String[]{".keras", ".h5"}) {
            String file = dir.resolve("states" + ext).toString();
            model.save(file);
            List<INDArray> back = Models.loadModel(file).predict(in, 2);
            for (int i = 0; i < 3; i++) assertThat(back.get(i).equalsWithEps(y.get(i), 1e-6)).as(ext + " output " + i).isTrue();
        }
    }
}
