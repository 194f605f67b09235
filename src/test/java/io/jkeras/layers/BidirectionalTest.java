package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Shape;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import io.jkeras.saving.LayerSerializer;
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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BidirectionalTest {
    @Test
    void harness() {
        // Keras: Bidirectional(LSTM(4)) on 3 features has 2 * (4*4*3 + 4*4*4 + 16) = 2 * 128 = 256 parameters.
        LayerHarness.of(() -> new Bidirectional(new LSTM(4))).inputs(Shape.of(5, 3)).outputs(Shape.of(null, 8))
                .weights("kernel (3, 16)", "recurrent_kernel (4, 16)", "bias (16,)",
                        "kernel (3, 16)", "recurrent_kernel (4, 16)", "bias (16,)").run();
        LayerHarness.of(() -> new Bidirectional(new GRU(3).returnSequences(true), "sum")).inputs(Shape.of(4, 2))
                .outputs(Shape.of(null, 4, 3)).run();
        LayerHarness.of(() -> new Bidirectional(new SimpleRNN(2).returnState(true), "ave")).inputs(Shape.of(4, 3))
                .outputs(Shape.of(null, 2), Shape.of(null, 2), Shape.of(null, 2)).run();
    }

    @Test
    void countsParamsAsKeras() {
        Bidirectional b = new Bidirectional(new LSTM(4));
        b.apply(Input.shape(5, 3));
        assertThat(b.countParams()).isEqualTo(2L * (4 * 4 * (3 + 4) + 4 * 4));
    }

    @Test
    void namesAndDirectionsAsKeras() {
        Bidirectional b = new Bidirectional(new LSTM(4).name("enc"));
        assertThat(b.forwardLayer().name()).isEqualTo("forward_enc");
        assertThat(b.backwardLayer().name()).isEqualTo("backward_enc");
        assertThat(b.forwardLayer().getConfig().get("go_backwards")).isEqualTo(false);
        assertThat(b.backwardLayer().getConfig().get("go_backwards")).isEqualTo(true);
        // Keras 3 sets go_backwards=True on the copy (it does not flip it), so a backwards layer has no partner.
        assertThatThrownBy(() -> new Bidirectional(new GRU(2).goBackwards(true)))
                .hasMessageContaining("Forward layer and backward layer should have different `go_backwards` value");
        // The wrapped layer's own weights are not shared: both are fresh copies.
        LSTM original = new LSTM(2);
        Bidirectional c = new Bidirectional(original);
        assertThat(c.forwardLayer()).isNotSameAs(original);
        assertThat(c.forwardLayer().getConfig().get("zero_output_for_mask")).isEqualTo(false);
        assertThat(new Bidirectional(new LSTM(2).returnSequences(true)).backwardLayer().getConfig().get("zero_output_for_mask"))
                .isEqualTo(true);
    }

    /** Reference: each layer applied by hand to the input, the backward sequence flipped in time, merged as Keras does. */
    private static INDArray flip(INDArray a) {
        INDArray out = a.dup();
        long t = a.size(1);
        for (long i = 0; i < t; i++) {
            out.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all())
                    .assign(a.get(NDArrayIndex.all(), NDArrayIndex.point(t - 1 - i), NDArrayIndex.all()));
        }
        return out;
    }

    @Test
    void equalsTheTwoLayersRunByHandForEveryMergeMode() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 3).subi(0.5);
        for (boolean seq : new boolean[]{false, true}) {
            for (String mode : new String[]{"concat", "sum", "mul", "ave"}) {
                Bidirectional b = new Bidirectional(new LSTM(4).returnSequences(seq), mode);
                INDArray y = b.apply(x);
                INDArray f = b.forwardLayer().apply(x);
                INDArray r = b.backwardLayer().apply(x);
                if (seq) r = flip(r);
                INDArray expected = switch (mode) {
                    case "concat" -> Nd4j.concat(f.rank() - 1, f, r);
                    case "sum" -> f.add(r);
                    case "mul" -> f.mul(r);
                    default -> f.add(r).div(2);
                };
                assertThat(y.shape()).as(mode).containsExactly(expected.shape());
                assertThat(y.equalsWithEps(expected, 1e-6)).as(mode + " seq=" + seq).isTrue();
            }
        }
    }

    @Test
    void noMergeModeAndReturnStateGiveEveryOutput() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3).subi(0.5);
        Bidirectional b = new Bidirectional(new LSTM(3).returnSequences(true).returnState(true), null);
        List<INDArray> out = b.call(List.of(x), false);
        assertThat(out).hasSize(6);
        List<INDArray> f = b.forwardLayer().call(List.of(x), false);
        List<INDArray> r = b.backwardLayer().call(List.of(x), false);
        assertThat(out.get(0).equalsWithEps(f.get(0), 1e-6)).isTrue();
        assertThat(out.get(1).equalsWithEps(flip(r.get(0)), 1e-6)).isTrue();
        assertThat(out.get(2).equalsWithEps(f.get(1), 1e-6)).isTrue();
        assertThat(out.get(3).equalsWithEps(f.get(2), 1e-6)).isTrue();
        assertThat(out.get(4).equalsWithEps(r.get(1), 1e-6)).isTrue();
        assertThat(out.get(5).equalsWithEps(r.get(2), 1e-6)).isTrue();
        List<Shape> shapes = b.computeOutputShape(List.of(Shape.of(null, 4, 3)));
        assertThat(shapes).containsExactly(Shape.of(null, 4, 3), Shape.of(null, 4, 3), Shape.of(null, 3), Shape.of(null, 3),
                Shape.of(null, 3), Shape.of(null, 3));
    }

    @Test
    void masksGoToBothLayersAndOnAsKeras() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 3).subi(0.5);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, true, true, false}, {true, true, false, false}}).castTo(DataType.FLOAT);
        Bidirectional b = new Bidirectional(new GRU(2).returnSequences(true), "concat");
        b.call(List.of(x), false);
        Forward fw = b.forward(List.of(x), List.of(mask), false);
        INDArray f = b.forwardLayer().forward(List.of(x), List.of(mask), false).output();
        INDArray r = b.backwardLayer().forward(List.of(x), List.of(mask), false).output();
        assertThat(fw.output().equalsWithEps(Nd4j.concat(2, f, flip(r)), 1e-6)).isTrue();
        assertThat(fw.masks()).hasSize(1);
        assertThat(fw.masks().get(0)).isSameAs(mask);
        Bidirectional last = new Bidirectional(new GRU(2), null);
        last.call(List.of(x), false);
        assertThat(last.computeMask(List.of(x), List.of(mask))).isNull();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        for (String mode : new String[]{"concat", "sum", "mul", "ave", null}) {
            GradientCheck.create().check(new Bidirectional(new LSTM(3).returnSequences(true), mode), x);
        }
        GradientCheck.create().check(new Bidirectional(new GRU(2).returnState(true)), x);
        GradientCheck.create().check(new Bidirectional(new SimpleRNN(2).returnSequences(true).returnState(true), "mul"), x);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 1, 0}, {1, 1, 0, 0}});
        GradientCheck.create().masks(mask).check(new Bidirectional(new LSTM(2).returnSequences(true)), x);
    }

    @Test
    void givenBackwardLayerIsUsedAndChecked() {
        Bidirectional b = new Bidirectional(new LSTM(3)).backwardLayer(new LSTM(2).goBackwards(true).name("back"));
        assertThat(b.backwardLayer().name()).isEqualTo("back");
        assertThat(b.apply(Input.shape(4, 3)).shape()).isEqualTo(Shape.of(null, 5));
        assertThatThrownBy(() -> new Bidirectional(new LSTM(3)).backwardLayer(new LSTM(3)))
                .hasMessageContaining("different `go_backwards` value");
        assertThatThrownBy(() -> new Bidirectional(new LSTM(3)).backwardLayer(new LSTM(3).goBackwards(true).returnSequences(true)))
                .hasMessageContaining("\"return_sequences\"");
        assertThatThrownBy(() -> new Bidirectional(new LSTM(3), "max")).hasMessageContaining("Invalid merge mode. Received: max");
    }

    @Test
    void configRoundTripsThroughJson() {
        Bidirectional b = new Bidirectional(new GRU(3).returnSequences(true), "mul")
                .backwardLayer(new GRU(3).returnSequences(true).goBackwards(true).name("bw"));
        Map<String, Object> ser = LayerSerializer.serialize(b);
        assertThat(ser.get("class_name")).isEqualTo("Bidirectional");
        Bidirectional c = (Bidirectional) LayerSerializer.deserialize(io.jkeras.saving.Json.parse(io.jkeras.saving.Json.write(ser)));
        assertThat(c.mergeMode()).isEqualTo("mul");
        assertThat(c.forwardLayer().name()).isEqualTo(b.forwardLayer().name());
        assertThat(c.backwardLayer().name()).isEqualTo("bw");
        assertThat(c.getConfig()).isEqualTo(b.getConfig());
    }

    @Test
    void roundTripsThroughKerasAndH5Files(@TempDir Path dir) throws Exception {
        for (String ext : new String[]{".keras", ".h5"}) {
            Sequential model = new Sequential(new Bidirectional(new LSTM(3).returnSequences(true)).inputShape(4, 2),
                    new Bidirectional(new GRU(2), "sum"));
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 2);
            INDArray y = model.predict(x);
            String file = dir.resolve("bidi" + ext).toString();
            model.save(file);
            if (ext.equals(".keras")) {
                // Keras 3's layout: the wrapper's two layers are its attributes, each RNN's weights in its cell.
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file)) {
                    java.nio.file.Path w = dir.resolve("model.weights.h5");
                    java.nio.file.Files.copy(zip.getInputStream(zip.getEntry("model.weights.h5")), w,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    try (io.jkeras.saving.Hdf5File h = io.jkeras.saving.Hdf5File.open(w)) {
                        assertThat(h.root().isDataset("layers/bidirectional/forward_layer/cell/vars/1")).isTrue();
                        assertThat(h.root().isDataset("layers/bidirectional/backward_layer/cell/vars/2")).isTrue();
                        assertThat(h.root().isDataset("layers/bidirectional_1/backward_layer/cell/vars/0")).isTrue();
                        assertThat(h.root().isDataset("layers/bidirectional/layer/cell/vars/0")).isFalse();
                    }
                }
            }
            Model loaded = Models.loadModel(file);
            assertThat(loaded.predict(x).equalsWithEps(y, 1e-6)).as(ext).isTrue();
        }
    }

    /** An independent Keras 2 LSTM (gates i, f, c, o; hard_sigmoid = clip(0.2 z + 0.5, 0, 1)), step by step. */
    private static INDArray[] lstmSteps(INDArray x, INDArray k, INDArray r, INDArray b, boolean backwards) {
        long n = x.size(0), t = x.size(1), u = r.size(0);
        INDArray h = Nd4j.zeros(DataType.DOUBLE, n, u), c = Nd4j.zeros(DataType.DOUBLE, n, u);
        INDArray[] hs = new INDArray[(int) t];
        for (int s = 0; s < t; s++) {
            int step = backwards ? (int) t - 1 - s : s;
            INDArray z = x.get(NDArrayIndex.all(), NDArrayIndex.point(step), NDArrayIndex.all()).mmul(k).add(h.mmul(r)).addRowVector(b);
            INDArray i = hard(z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, u)));
            INDArray f = hard(z.get(NDArrayIndex.all(), NDArrayIndex.interval(u, 2 * u)));
            INDArray g = org.nd4j.linalg.ops.transforms.Transforms.tanh(z.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * u, 3 * u)), true);
            INDArray o = hard(z.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * u, 4 * u)));
            c = f.mul(c).add(i.mul(g));
            h = o.mul(org.nd4j.linalg.ops.transforms.Transforms.tanh(c, true));
            hs[step] = h;   // stored at the step it read: the time-aligned (already flipped) backward sequence
        }
        return hs;
    }

    private static INDArray hard(INDArray z) {
        return org.nd4j.linalg.ops.transforms.Transforms.min(org.nd4j.linalg.ops.transforms.Transforms.max(z.mul(0.2).addi(0.5), 0.0), 1.0);
    }

    @Test
    void matchesAKeras2FileWithAnIndependentLstm(@TempDir Path dir) throws Exception {
        Path file = io.jkeras.saving.KerasFiles.copy("bidirectional_lstm_theano_2.h5", dir);
        Model model = Models.loadModel(file.toString());
        Bidirectional b = (Bidirectional) model.layers().get(model.layers().size() - 1);
        assertThat(b.forwardLayer().name()).isEqualTo("forward_lstm_1");
        assertThat(b.backwardLayer().name()).isEqualTo("backward_lstm_1");
        assertThat(b.mergeMode()).isEqualTo("concat");
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 10).subi(0.5).muli(4);
        INDArray y = model.predict(x.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
        assertThat(y.shape()).containsExactly(3, 4, 20);
        String w = "model_weights/bidirectional_1/bidirectional_1/";
        INDArray[] fw, bw;
        try (io.jkeras.saving.Hdf5File h = io.jkeras.saving.Hdf5File.open(file)) {
            fw = lstmSteps(x, h.root().read(w + "forward_lstm_1/kernel").castTo(DataType.DOUBLE),
                    h.root().read(w + "forward_lstm_1/recurrent_kernel").castTo(DataType.DOUBLE),
                    h.root().read(w + "forward_lstm_1/bias").castTo(DataType.DOUBLE), false);
            bw = lstmSteps(x, h.root().read(w + "backward_lstm_1/kernel").castTo(DataType.DOUBLE),
                    h.root().read(w + "backward_lstm_1/recurrent_kernel").castTo(DataType.DOUBLE),
                    h.root().read(w + "backward_lstm_1/bias").castTo(DataType.DOUBLE), true);
        }
        double worst = 0;
        for (int t = 0; t < 4; t++) {
            INDArray expected = Nd4j.concat(1, fw[t], bw[t]);
            INDArray got = y.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
            worst = Math.max(worst, got.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue());
        }
        assertThat(worst).isLessThan(1e-5);
    }
}
