package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.Shape;
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

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimpleRNNTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new SimpleRNN(3)).inputs(Shape.of(5, 4)).outputs(Shape.of(null, 3))
                .weights("kernel (4, 3)", "recurrent_kernel (3, 3)", "bias (3,)").run();
        LayerHarness.of(() -> new SimpleRNN(2).returnSequences(true).returnState(true).activation("relu")).inputs(Shape.of(5, 4))
                .outputs(Shape.of(null, 5, 2), Shape.of(null, 2)).run();
    }

    @Test
    @ExtendWith(Float64.class)
    void matchesThePlainFormulas() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 4).subi(0.5).muli(2);
        INDArray mask = Nd4j.createFromArray(new double[][]{{1, 1, 0, 1, 1}, {0, 0, 1, 1, 0}, {1, 1, 1, 1, 1}});
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5);
        for (boolean back : new boolean[]{false, true}) {
            for (boolean seq : new boolean[]{false, true}) {
                check(new SimpleRNN(3).goBackwards(back).returnSequences(seq).returnState(true), x, null, null);
                check(new SimpleRNN(3).goBackwards(back).returnSequences(seq).returnState(true), x, mask, h0);
                check(new SimpleRNN(3).goBackwards(back).returnSequences(seq).returnState(true).zeroOutputForMask(true), x, mask, h0);
            }
        }
    }

    private static void check(SimpleRNN layer, INDArray x, INDArray mask, INDArray h0) {
        List<INDArray> inputs = h0 == null ? List.of(x) : List.of(x, h0);
        layer.call(inputs, false);
        layer.bias.value().assign(Nd4j.rand(DataType.DOUBLE, layer.units()).subi(0.5));
        List<INDArray> out = layer.forward(inputs, mask == null ? null : Arrays.asList(mask, null), false).outputs();
        Map<String, Object> c = layer.getConfig();
        RnnReference.Result r = RnnReference.run(RnnReference.simple(layer.kernel.value(), layer.recurrentKernel.value(),
                        layer.bias.value(), RnnReference.TANH), x, mask, h0 == null ? null : new INDArray[]{h0}, 1, layer.units(),
                (Boolean) c.get("go_backwards"), (Boolean) c.get("zero_output_for_mask"));
        INDArray expected = layer.isReturnSequences() ? r.sequence() : r.lastOutput();
        assertThat(out.get(0).equalsWithEps(expected, 1e-10)).as("output: %s, mask %s", c, mask != null).isTrue();
        assertThat(out.get(1).equalsWithEps(r.state(0), 1e-10)).as("h: %s", c).isTrue();
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5);
        INDArray h0 = Nd4j.rand(DataType.DOUBLE, 2, 3).subi(0.5);
        GradientCheck.create().check(new SimpleRNN(3), x);
        GradientCheck.create().check(new SimpleRNN(3).returnSequences(true).goBackwards(true).activation("sigmoid"), x, h0);
        GradientCheck.create().training(true).check(new SimpleRNN(3).dropout(0.3).recurrentDropout(0.3).returnState(true), x);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{false, true, false, true}, {true, true, true, false}});
        SimpleRNN m = new SimpleRNN(3).returnSequences(true).returnState(true);
        m.call(List.of(x, h0), false);
        GradientCheck.create().check(new MaskedCall(m, mask), x, h0);
    }

    @Test
    void dropoutMasksAreDrawnOncePerSequence() {
        // A linear cell with an identity kernel and no recurrence outputs its dropped inputs: x = 1 shows the mask.
        SimpleRNN l = new SimpleRNN(6).activation("linear").useBias(false).returnSequences(true).dropout(0.5)
                .kernelInitializer("identity").recurrentInitializer("zeros");
        INDArray x = Nd4j.ones(DataType.FLOAT, 3, 4, 6);
        INDArray y = l.call(List.of(x), true).get(0);
        for (int t = 1; t < 4; t++) {
            assertThat(y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t)))
                    .isEqualTo(y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)));
        }
        for (double v : y.reshape(y.length()).toDoubleVector()) assertThat(v).isIn(0.0, 2.0);
        assertThat(y.sumNumber().doubleValue()).isBetween(2.0, 2.0 * 3 * 4 * 6 - 2);
        assertThat(l.apply(x)).isEqualTo(x); // inference: no dropout
    }

    @Test
    void configAndErrors() {
        SimpleRNN s = new SimpleRNN(5).activation("relu").dropout(0.1).biasRegularizer("l1");
        String json = Json.write(s.getConfig());
        assertThat(Json.write(SimpleRNN.fromConfig(Config.of(Json.read(json))).getConfig())).isEqualTo(json);
        assertThat(s.getConfig()).doesNotContainKey("recurrent_activation");
        assertThatThrownBy(() -> new SimpleRNN(2).apply(Input.shape(7)))
                .hasMessageContaining("expected ndim=3, found ndim=2. Full shape received: (None, 7)");
    }
}
