package io.jkeras.layers;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeDistributedTest {
    @Test
    void harness() {
        LayerHarness.of(() -> new TimeDistributed(new Dense(3).activation("tanh"))).inputs(Shape.of(5, 4))
                .outputs(Shape.of(null, 5, 3)).weights("kernel (4, 3)", "bias (3,)").run();
        LayerHarness.of(() -> new TimeDistributed(new Conv2D(2, 3))).inputs(Shape.of(3, 6, 6, 2))
                .outputs(Shape.of(null, 3, 4, 4, 2)).weights("kernel (3, 3, 2, 2)", "bias (2,)").run();
    }

    /** Independent reference: the inner layer applied to each step's slice on its own, the results stacked on axis 1. */
    private static INDArray stepByStep(Layer inner, INDArray x) {
        List<INDArray> steps = new ArrayList<>();
        for (int t = 0; t < x.size(1); t++) {
            INDArray y = inner.apply(x.get(NDArrayIndex.all(), NDArrayIndex.point(t)).dup());
            long[] s = y.shape();
            long[] e = new long[s.length + 1];
            e[0] = s[0];
            e[1] = 1;
            System.arraycopy(s, 1, e, 2, s.length - 1);
            steps.add(y.reshape(e));
        }
        return Nd4j.concat(1, steps.toArray(new INDArray[0]));
    }

    @Test
    void equalsTheInnerLayerAppliedToEachStep() {
        Dense dense = new Dense(3).activation("relu");
        TimeDistributed td = new TimeDistributed(dense);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 4).subi(0.5);
        assertThat(td.apply(x).equalsWithEps(stepByStep(dense, x), 1e-6)).isTrue();

        Conv2D conv = new Conv2D(4, 3).padding("same");
        TimeDistributed video = new TimeDistributed(conv);
        INDArray frames = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5, 2).subi(0.5);
        INDArray y = video.apply(frames);
        assertThat(y.shape()).containsExactly(2, 3, 5, 5, 4);
        assertThat(y.equalsWithEps(stepByStep(conv, frames), 1e-5)).isTrue();
        assertThat(video.weights()).isEqualTo(conv.weights());
    }

    @Test
    @ExtendWith(Float64.class)
    void gradients() {
        GradientCheck.create().check(new TimeDistributed(new Dense(3).activation("tanh")), Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5));
        GradientCheck.create().check(new TimeDistributed(new Conv2D(2, 2)), Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 4, 2).subi(0.5));
    }

    @Test
    void passesTheMaskThroughAndToTheInnerLayer() {
        List<INDArray> seen = new ArrayList<>();
        Layer spy = new Dense(2) {
            @Override
            public Forward forward(List<INDArray> inputs, List<INDArray> masks, boolean training) {
                seen.add(masks.get(0));
                return super.forward(inputs, masks, training);
            }
        };
        TimeDistributed td = new TimeDistributed(spy);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        td.apply(x);
        INDArray mask = Nd4j.createFromArray(new boolean[][]{{true, true, false}, {true, false, false}});
        Forward f = td.forward(List.of(x), List.of(mask), false);
        assertThat(f.masks()).containsExactly(mask);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isEqualTo(Nd4j.createFromArray(true, true, false, true, false, false));
        assertThatThrownBy(() -> td.forward(List.of(x), List.of(Nd4j.ones(DataType.BOOL, 2, 4)), false))
                .hasMessageContaining("should be passed a `mask` of shape (2, 3, ...), received: mask.shape=(2, 4)");
    }

    @Test
    void configRoundTripThroughTheRegistryAndKeras2Configs() {
        TimeDistributed td = new TimeDistributed(new Dense(7).activation("softmax").name("inner"));
        KerasTensor y = td.apply(Input.shape(5, 4));
        assertThat(y.shape()).isEqualTo(Shape.of(null, 5, 7));
        String json = Json.write(td.getConfig());
        assertThat(json).contains("\"layer\":{\"module\":\"keras.layers\",\"class_name\":\"Dense\"");
        TimeDistributed back = (TimeDistributed) SavingRegistry.fromConfig("TimeDistributed", Config.of(Json.read(json)));
        assertThat(back.layer()).isInstanceOf(Dense.class);
        assertThat(((Dense) back.layer()).units()).isEqualTo(7);
        assertThat(Json.write(back.getConfig())).isEqualTo(json);

        String keras2 = "{\"name\": \"time_distributed_1\", \"trainable\": true, \"layer\": {\"class_name\": \"Dense\","
                + " \"config\": {\"name\": \"dense_9\", \"units\": 3, \"activation\": \"linear\", \"use_bias\": true}}}";
        TimeDistributed k2 = (TimeDistributed) SavingRegistry.fromConfig("TimeDistributed", Config.of(Json.read(keras2)));
        assertThat(k2.apply(Input.shape(6, 2)).shape()).isEqualTo(Shape.of(null, 6, 3));
        assertThat(k2.countParams()).isEqualTo(9);
    }

    @Test
    void needsAtLeastThreeDimensionsAndFreezesTheInnerLayer() {
        assertThatThrownBy(() -> new TimeDistributed(new Dense(2)).apply(Input.shape(3)))
                .hasMessageContaining("`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, received: (None, 3)");
        Dense d = new Dense(2);
        TimeDistributed td = new TimeDistributed(d);
        td.apply(Input.shape(3, 4));
        td.setTrainable(false);
        assertThat(d.trainable()).isFalse();
        assertThat(td.trainableWeights()).isEmpty();
        assertThat(td.nonTrainableWeights()).hasSize(2);
    }
}
