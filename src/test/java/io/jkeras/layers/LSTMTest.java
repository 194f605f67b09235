package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.activations.Activations;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LSTMTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new LSTM(3)).inputs(Shape.of(5, 4)).outputs(Shape.of(null, 3))
                .weights("kernel (4, 12)", "recurrent_kernel (3, 12)", "bias (12,)").run();
        LayerHarness.of(() -> new LSTM(3).returnSequences(true).returnState(true).useBias(false)).inputs(Shape.of(5, 4))
                .outputs(Shape.of(null, 5, 3), Shape.of(null, 3), Shape.of(null, 3))
                .weights("kernel (4, 12)", "recurrent_kernel (3, 12)").run();
        LayerHarness.of(() -> new LSTM(2).goBackwards(true).dropout(0.3).recurrentDropout(0.2)).inputs(Shape.of(4, 3))
                .outputs(Shape.of(null, 2)).run();
    }

    @Test
    void defaultsAreKeras() {
        LSTM l = new LSTM(4);
        l.apply(Input.shape(3, 2));
        // unit_forget_bias: zeros, then ones for the forget gate.
        assertThat(l.bias.value().toDoubleVector()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        INDArray u = l.recurrentKernel.value();
        // orthogonal recurrent kernel: (4, 16) with orthonormal rows
        assertThat(u.mmul(u.transpose()).equalsWithEps(Nd4j.eye(4).castTo(u.dataType()), 1e-5)).isTrue();
        Map<String, Object> c = l.getConfig();
        assertThat(c).containsEntry("activation", "tanh").containsEntry("recurrent_activation", "sigmoid")
                .containsEntry("unit_forget_bias", true).containsEntry("return_sequences", false).containsEntry("seed", null);
        assertThat(c.keySet()).containsSubsequence("name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards",
                "stateful", "unroll", "zero_output_for_mask", "units", "activation", "recurrent_activation", "use_bias",
                "kernel_initializer", "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
                "recurrent_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                "bias_constraint", "dropout", "recurrent_dropout", "seed");
    }

    // ------------------------------------------------------------------ values against the plain reference

    @Test
    @ExtendWith(Float64.class)
    void matchesThePlainFormulas() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 4).subi(0.5).muli(2);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 0, 1, 1}, {0, 0, 1, 1, 0}, {1, 1, 1, 1, 1}});
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5);
        for (boolean back : new boolean[]{false, true}) {
            for (boolean seq : new boolean[]{false, true}) {
                check(new LSTM(3).goBackwards(back).returnSequences(seq).returnState(true), x, null, null, RnnReference.SIGMOID);
                check(new LSTM(3).goBackwards(back).returnSequences(seq).returnState(true), x, mask, null, RnnReference.SIGMOID);
                check(new LSTM(3).goBackwards(back).returnSequences(seq).returnState(true), x, mask, new INDArray[]{h0, c0},
                        RnnReference.SIGMOID);
                check(new LSTM(3).goBackwards(back).returnSequences(seq).returnState(true).zeroOutputForMask(true), x, mask,
                        new INDArray[]{h0, c0}, RnnReference.SIGMOID);
            }
        }
        check(new LSTM(3).useBias(false).returnSequences(true).returnState(true), x, null, null, RnnReference.SIGMOID);
        check(new LSTM(3).recurrentActivation(Activations.hardSigmoidKeras2()).activation("relu").returnSequences(true).returnState(true),
                x, mask, null, RnnReference.HARD_SIGMOID_KERAS2);
    }

    @Test
    void matchesThePlainFormulasInFloat32() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 7, 3).subi(0.5);
        check(new LSTM(5).returnSequences(true).returnState(true), x, null, null, RnnReference.SIGMOID);
    }

    private static void check(LSTM layer, INDArray x, INDArray mask, INDArray[] init, DoubleUnaryOperator rec) {
        List<INDArray> inputs = init == null ? List.of(x) : List.of(x, init[0], init[1]);
        layer.call(inputs, false); // builds
        if (layer.bias != null) layer.bias.value().assign(Nd4j.rand(layer.bias.value().dataType(), layer.bias.value().shape()).subi(0.5));
        List<INDArray> masks = mask == null ? null : init == null ? List.of(mask) : java.util.Arrays.asList(mask, null, null);
        List<INDArray> out = layer.forward(inputs, masks, false).outputs();
        boolean relu = layer.getConfig().get("activation").equals("relu");
        DoubleUnaryOperator act = relu ? v -> Math.max(0, v) : RnnReference.TANH;
        RnnReference.Result r = RnnReference.run(RnnReference.lstm(layer.kernel.value(), layer.recurrentKernel.value(),
                        layer.bias == null ? null : layer.bias.value(), act, rec), x, mask, init, 2, layer.units(),
                layer.getConfig().get("go_backwards").equals(true), layer.getConfig().get("zero_output_for_mask").equals(true));
        double eps = x.dataType() == DataType.DOUBLE ? 1e-10 : 1e-5;
        String what = layer.getConfig() + ", mask " + (mask != null) + ", initial " + (init != null);
        INDArray expected = layer.isReturnSequences() ? r.sequence() : r.lastOutput();
        assertThat(out.get(0).castTo(DataType.DOUBLE).equalsWithEps(expected, eps)).as("output: %s\n%s\n%s", what, out.get(0), expected).isTrue();
        assertThat(out.get(1).castTo(DataType.DOUBLE).equalsWithEps(r.state(0), eps)).as("h: %s", what).isTrue();
        assertThat(out.get(2).castTo(DataType.DOUBLE).equalsWithEps(r.state(1), eps)).as("c: %s", what).isTrue();
    }

    /** Inference runs ND4J's native lstmLayer op; training the Java loop that keeps the gates: they agree. */
    @Test
    void nativeInferenceMatchesTheTrainingLoop() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.rand(type, 3, 9, 5).subi(0.5);
            INDArray h0 = Nd4j.rand(type, 3, 4).subi(0.5);
            INDArray c0 = Nd4j.rand(type, 3, 4).subi(0.5);
            for (LSTM l : List.of(new LSTM(4).dtype(type == DataType.DOUBLE ? "float64" : "float32").returnSequences(true).returnState(true),
                    new LSTM(4).dtype(type == DataType.DOUBLE ? "float64" : "float32").goBackwards(true).useBias(false).returnState(true))) {
                l.call(List.of(x, h0, c0), false);
                List<INDArray> inference = l.forward(List.of(x, h0, c0), false).outputs();
                List<INDArray> training = l.forward(List.of(x, h0, c0), true).outputs();
                double eps = type == DataType.DOUBLE ? 1e-12 : 1e-6;
                for (int i = 0; i < inference.size(); i++) {
                    assertThat(inference.get(i).equalsWithEps(training.get(i), eps)).as("%s output %d", type, i).isTrue();
                }
            }
        }
    }

    // ------------------------------------------------------------------ gradients

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        GradientCheck.create().check(new LSTM(3), x);
        GradientCheck.create().check(new LSTM(2).returnSequences(true).goBackwards(true), x);
        GradientCheck.create().check(new LSTM(3).returnState(true).useBias(false), x);
        GradientCheck.create().check(new LSTM(2).returnSequences(true).returnState(true).activation("relu")
                .recurrentActivation(Activations.hardSigmoidKeras2()), x);
        // Training mode takes the planned loop (buffers and calls prepared once per shape) rather than the general one.
        GradientCheck.create().training(true).check(new LSTM(3).returnSequences(true).returnState(true), x);
        GradientCheck.create().training(true).check(new LSTM(2).goBackwards(true).useBias(false), x);
        GradientCheck.create().training(true).check(new LSTM(3).returnState(true), Nd4j.rand(DataType.DOUBLE, 2, 1, 3).subi(0.5));
        // An activity regularizer adds its penalty on every output to the call's loss, and its gradient.
        GradientCheck.create().check(new LSTM(2).returnState(true).activityRegularizer("l2"), x);
    }

    @Test
    void activityRegularizerPenalisesEveryOutput() {
        LSTM l = new LSTM(3).returnState(true).activityRegularizer(new io.jkeras.regularizers.L2(0.5));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3);
        l.call(List.of(x), false); // builds
        Forward f = l.forward(List.of(x), false);
        double expected = 0;
        for (INDArray o : f.outputs()) expected += 0.5 * o.mul(o).sumNumber().doubleValue();
        assertThat(f.activityLoss()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
    }

    /** The planned training loop gives what the general loop gives (which runs when a mask is given, here all ones). */
    @Test
    @ExtendWith(Float64.class)
    void plannedAndGeneralLoopsAgree() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6, 4).subi(0.5);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 3, 6);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 3, 6, 5);
        LSTM lstm = new LSTM(5).returnSequences(true);
        lstm.apply(x);
        Forward planned = lstm.forward(List.of(x), true);
        Forward general = lstm.forward(List.of(x), List.of(ones), true);
        assertThat(planned.outputs().get(0).equalsWithEps(general.outputs().get(0), 1e-12)).isTrue();
        for (var v : lstm.weights()) v.zeroGrad();
        INDArray dxPlanned = planned.backward(List.of(g)).get(0);
        List<INDArray> gradsPlanned = lstm.weights().stream().map(v -> v.grad().dup()).toList();
        for (var v : lstm.weights()) v.zeroGrad();
        INDArray dxGeneral = general.backward(List.of(g)).get(0);
        assertThat(dxPlanned.equalsWithEps(dxGeneral, 1e-12)).isTrue();
        for (int i = 0; i < gradsPlanned.size(); i++) {
            assertThat(gradsPlanned.get(i).equalsWithEps(lstm.weights().get(i).grad(), 1e-12)).as("weight %d", i).isTrue();
        }
    }

    /** A planned call keeps its buffers until its backward pass; later calls of the same shape take other ones. */
    @Test
    @ExtendWith(Float64.class)
    void interleavedTrainingCallsKeepTheirOwnGradients() {
        LSTM l = new LSTM(3).returnSequences(true);
        INDArray x1 = Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
        INDArray x2 = Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
        INDArray g = Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
        l.apply(x1);
        INDArray alone = l.forward(List.of(x1), true).backward(List.of(g)).get(0);
        Forward f1 = l.forward(List.of(x1), true);
        Forward f2 = l.forward(List.of(x2), true);
        INDArray d2 = f2.backward(List.of(g)).get(0);
        assertThat(f1.backward(List.of(g)).get(0)).isEqualTo(alone);
        assertThat(f1.backward(List.of(g)).get(0)).isEqualTo(alone); // a second backward pass of the same call
        assertThat(d2).isNotEqualTo(alone);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsWithInitialStates() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 2, 3).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.DOUBLE, 2, 3).subi(0.5);
        GradientCheck.create().check(new LSTM(3).returnSequences(true).returnState(true), x, h0, c0);
        GradientCheck.create().check(new LSTM(3).goBackwards(true), x, h0, c0);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsWithMasks() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 2).subi(0.5);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, true, false, true, false}, {false, true, true, false, true},
                {true, true, true, true, true}});
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5);
        INDArray c0 = Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5);
        for (LSTM l : List.of(new LSTM(3).returnSequences(true).returnState(true), new LSTM(3).goBackwards(true).returnState(true),
                new LSTM(3).returnSequences(true).zeroOutputForMask(true))) {
            l.call(List.of(x), false);
            GradientCheck.create().check(new MaskedCall(l, mask), x);
        }
        LSTM l = new LSTM(3).returnSequences(true).returnState(true);
        l.call(List.of(x, h0, c0), false);
        GradientCheck.create().check(new MaskedCall(l, mask), x, h0, c0);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsWithDropout() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        GradientCheck.create().training(true).check(new LSTM(3).dropout(0.3).returnSequences(true), x);
        GradientCheck.create().training(true).check(new LSTM(3).dropout(0.3).recurrentDropout(0.4).returnState(true), x);
        GradientCheck.create().training(true).check(new LSTM(3).dropout(0.3).implementation(1), x);
    }

    // ------------------------------------------------------------------ behaviour

    @Test
    void dropoutOnlyInTraining() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6, 5);
        LSTM plain = new LSTM(4).returnSequences(true);
        LSTM dropping = new LSTM(4).returnSequences(true).dropout(0.5).recurrentDropout(0.5);
        plain.apply(x);
        dropping.apply(x);
        dropping.setWeights(plain.getWeights());
        assertThat(dropping.apply(x)).isEqualTo(plain.apply(x));
        INDArray trained = dropping.call(List.of(x), true).get(0);
        assertThat(trained.equalsWithEps(plain.apply(x), 1e-6)).isFalse();
    }

    @Test
    void statefulCarriesTheStatesAcrossCalls() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 6, 3);
        LSTM whole = new LSTM(4).returnSequences(true);
        INDArray all = whole.apply(x);
        LSTM stateful = new LSTM(4).returnSequences(true).stateful(true);
        stateful.apply(Input.create(Shape.of(2, 3, 3), null, "float32"));
        stateful.setWeights(whole.getWeights());
        INDArray first = stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup());
        INDArray second = stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all()).dup());
        assertThat(first.equalsWithEps(all.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-6)).isTrue();
        assertThat(second.equalsWithEps(all.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 6), NDArrayIndex.all()), 1e-6)).isTrue();
        assertThat(stateful.getStates().get(0).equalsWithEps(all.get(NDArrayIndex.all(), NDArrayIndex.point(5), NDArrayIndex.all()), 1e-6)).isTrue();
        stateful.resetStates();
        assertThat(stateful.getStates().get(1).sumNumber().doubleValue()).isZero();
        INDArray again = stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup());
        assertThat(again).isEqualTo(first);
        // Given states: the same as a call with those initial states.
        INDArray h0 = Nd4j.rand(DataType.FLOAT, 2, 4);
        INDArray c0 = Nd4j.rand(DataType.FLOAT, 2, 4);
        stateful.resetStates(List.of(h0, c0));
        INDArray withStates = stateful.apply(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup());
        LSTM plainWithInitial = new LSTM(4).returnSequences(true);
        INDArray firstHalf = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        plainWithInitial.call(List.of(firstHalf, h0, c0), false);
        plainWithInitial.setWeights(whole.getWeights());
        assertThat(withStates.equalsWithEps(plainWithInitial.call(List.of(firstHalf, h0, c0), false).get(0), 1e-6)).isTrue();
        assertThatThrownBy(() -> stateful.resetStates(List.of(h0))).hasMessageContaining("expected 2 state value(s), but received 1");
        assertThatThrownBy(() -> new LSTM(2).resetStates(List.of())).hasMessageContaining("not stateful");
        assertThatThrownBy(() -> stateful.apply(Nd4j.rand(DataType.FLOAT, 3, 3, 3)))
                .hasMessageContaining("stateful layer was built for batches of 2 samples, but it received a batch of 3");
        assertThatThrownBy(() -> new LSTM(2).stateful(true).apply(Input.shape(3, 3)))
                .hasMessageContaining("When using `stateful=True` in a RNN, the batch size must be static");
    }

    @Test
    void masksFollowKeras() {
        LSTM seq = new LSTM(2).returnSequences(true);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 2);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, false, true}, {true, true, false}});
        seq.apply(x);
        assertThat(seq.supportsMasking()).isTrue();
        assertThat(seq.forward(List.of(x), List.of(mask), false).masks()).containsExactly(mask);
        LSTM last = new LSTM(2).returnState(true);
        last.call(List.of(x), false);
        assertThat(last.forward(List.of(x), List.of(mask), false).masks()).isNull();
        LSTM both = new LSTM(2).returnSequences(true).returnState(true);
        both.call(List.of(x), false);
        assertThat(both.forward(List.of(x), List.of(mask), false).masks()).containsExactly(mask, null, null);
    }

    @Test
    void errorsAreKeras() {
        LSTM l = new LSTM(3);
        assertThatThrownBy(() -> l.apply(Input.shape(5)))
                .hasMessage("Input 0 of layer \"" + l.name() + "\" is incompatible with the layer: expected ndim=3, found ndim=2. "
                        + "Full shape received: (None, 5)");
        assertThatThrownBy(() -> l.apply(Nd4j.rand(DataType.FLOAT, 4, 5)))
                .hasMessageContaining("expected ndim=3, found ndim=2. Full shape received: (None, 5)");
        assertThatThrownBy(() -> new LSTM(0)).hasMessageContaining("expected a positive integer, got 0");
        LSTM s = new LSTM(3);
        KerasTensor x = Input.shape(5, 2);
        assertThatThrownBy(() -> s.applyWithInitialState(x, Input.shape(4), Input.shape(3)))
                .hasMessageContaining("An `initial_state` was passed that is not compatible with `cell.state_size`")
                .hasMessageContaining("(None, 4)");
        assertThatThrownBy(() -> new LSTM(3).applyWithInitialState(x, Input.shape(3)))
                .hasMessageContaining("expects 2 initial state(s), but it received 1");
        LSTM built = new LSTM(3);
        built.apply(Input.shape(5, 2));
        assertThatThrownBy(() -> built.apply(Input.shape(5, 4)))
                .hasMessageContaining("expected axis -1 of input shape to have value 2, but received input with shape (None, 5, 4)");
    }

    @Test
    void initialStateInAFunctionalGraph() {
        KerasTensor x = Input.shape(5, 2);
        KerasTensor h = Input.shape(3);
        KerasTensor c = Input.shape(3);
        List<KerasTensor> outs = new LSTM(3).returnState(true).applyWithInitialState(x, h, c);
        assertThat(outs).extracting(KerasTensor::shape).containsExactly(Shape.of(null, 3), Shape.of(null, 3), Shape.of(null, 3));
    }

    // ------------------------------------------------------------------ config

    @Test
    void configRoundTripsAndReadsOlderKeras() {
        LSTM l = new LSTM(7).returnSequences(true).goBackwards(true).dropout(0.25).recurrentDropout(0.1).unitForgetBias(false)
                .kernelRegularizer("l2").activityRegularizer("l1").recurrentConstraint("non_neg").seed(3L);
        String json = Json.write(l.getConfig());
        LSTM back = LSTM.fromConfig(Config.of(Json.read(json)));
        assertThat(Json.write(back.getConfig())).isEqualTo(json);

        // Keras 1.2.2's config of the simple_lstm fixture.
        Map<String, Object> k1 = Json.read("{\"inner_activation\": \"hard_sigmoid\", \"trainable\": true, \"inner_init\": \"orthogonal\", "
                + "\"output_dim\": 50, \"unroll\": false, \"consume_less\": \"cpu\", \"init\": \"glorot_uniform\", \"dropout_U\": 0.0, "
                + "\"input_dtype\": \"float32\", \"batch_input_shape\": [null, 1, 1], \"input_length\": null, \"dropout_W\": 0.2, "
                + "\"activation\": \"tanh\", \"stateful\": false, \"b_regularizer\": null, \"U_regularizer\": null, \"name\": \"lstm_1\", "
                + "\"go_backwards\": false, \"input_dim\": 1, \"return_sequences\": false, \"W_regularizer\": null, \"forget_bias_init\": \"one\"}");
        LSTM old = LSTM.fromConfig(Config.of(k1));
        assertThat(old.units()).isEqualTo(50);
        assertThat(old.name()).isEqualTo("lstm_1");
        assertThat(old.batchInputShape()).isEqualTo(Shape.of(null, 1, 1));
        Map<String, Object> c = old.getConfig();
        assertThat(c).containsEntry("dropout", 0.2).containsEntry("recurrent_dropout", 0.0).containsEntry("unit_forget_bias", true)
                .containsEntry("recurrent_activation", "hard_sigmoid");
        // Keras 1's hard_sigmoid: 0.2 x + 0.5 (Keras 3 would give x / 6 + 0.5).
        assertThat(old.recurrentActivation.forward(Nd4j.createFromArray(1.0)).getDouble(0)).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
        // A Keras 3 config (it has a seed key) means Keras 3's hard_sigmoid.
        Map<String, Object> k3 = Json.read("{\"units\": 2, \"recurrent_activation\": \"hard_sigmoid\", \"seed\": null}");
        assertThat(LSTM.fromConfig(Config.of(k3)).recurrentActivation.forward(Nd4j.createFromArray(1.0)).getDouble(0))
                .isCloseTo(1.0 / 6 + 0.5, org.assertj.core.data.Offset.offset(1e-6));
    }
}
