package io.jkeras.layers;

import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import io.jkeras.saving.Config;
import io.jkeras.saving.Json;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The poolings inside a model: training through them, the model config, and strided-view inputs. */
class PoolingInModelTest {
    @Test
    void aSequentialModelTrainsThroughThePoolings() {
        Sequential m = new Sequential(new InputLayer(8, 8, 3), new MaxPooling2D(2), new AveragePooling2D(2).padding("same"),
                new GlobalMaxPooling2D(), new Dense(2));
        m.compile(new Adam(1e-2), "mse", "mae");
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 8, 8, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 2);
        List<Double> loss = m.fit(x, y, FitOptions.epochs(5).batchSize(8).verbose(0)).history().get("loss");
        assertThat(loss.get(4)).isLessThan(loss.get(0));
        assertThat(m.predict(x).shape()).containsExactly(16, 2);
        Sequential back = Sequential.fromConfig(Config.of(Json.read(Json.write(m.getConfig()))));
        assertThat(back.layers().get(1)).isInstanceOf(AveragePooling2D.class);
        assertThat(((AveragePooling2D) back.layers().get(1)).padding()).isEqualTo("same");
    }

    @Test
    void aStridedViewPoolsAsItsCopy() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 7);
        INDArray view = base.permute(0, 2, 3, 1); // NHWC view of NCHW memory: not contiguous
        for (Layer l : new Layer[]{new MaxPooling2D(2).padding("same"), new AveragePooling2D(3).strides(2)}) {
            Forward f = l.forward(List.of(view), true);
            INDArray g = Nd4j.rand(DataType.FLOAT, f.outputs().get(0).shape());
            Forward fc = l.forward(List.of(view.dup('c')), true);
            assertThat(f.outputs().get(0).equalsWithEps(fc.outputs().get(0), 1e-6)).isTrue();
            assertThat(f.backward(List.of(g)).get(0).equalsWithEps(fc.backward(List.of(g.dup())).get(0), 1e-6)).isTrue();
        }
    }
}
