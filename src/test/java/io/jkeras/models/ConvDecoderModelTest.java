package io.jkeras.models;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Conv1DTranspose;
import io.jkeras.layers.Conv2DTranspose;
import io.jkeras.layers.DepthwiseConv2D;
import io.jkeras.layers.Layer;
import io.jkeras.layers.Merging;
import io.jkeras.layers.SeparableConv1D;
import io.jkeras.layers.SeparableConv2D;
import io.jkeras.optimizers.Adam;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import io.jkeras.callbacks.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transposed, depthwise and separable convolutions inside models: a small encoder-decoder with one
 * DepthwiseConv2D shared by two branches (its gradients sum) trains, gradient-checks as a whole, and saves.
 */
class ConvDecoderModelTest {
    @TempDir
    Path dir;

    static Model encoderDecoder(String dtype) {
        KerasTensor in = Input.create(Shape.of(null, 6, 6, 2), "image", dtype);
        KerasTensor h = new SeparableConv2D(4, 3).strides(2).padding("same").activation("tanh").apply(in);
        DepthwiseConv2D shared = new DepthwiseConv2D(3).padding("same");
        KerasTensor a = shared.apply(h);
        KerasTensor b = shared.apply(new DepthwiseConv2D(1).depthMultiplier(1).apply(h));
        KerasTensor up = new Conv2DTranspose(2, 3).strides(2).padding("same").apply(Merging.add(a, b));
        return new Model(in, up);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientCheckOfTheWholeModelWithASharedLayer() {
        Model m = encoderDecoder("float64");
        GradientCheck.create().maxChecks(40).check(m, Nd4j.rand(DataType.DOUBLE, 2, 6, 6, 2).subi(0.5));
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientCheckOfASequenceModel() {
        Sequential m = new Sequential(new SeparableConv1D(3, 3).padding("same").activation("tanh").inputShape(5, 2),
                new Conv1DTranspose(2, 3).strides(2));
        assertThat(m.outputs().get(0).shape()).isEqualTo(Shape.of(null, 11, 2));
        GradientCheck.create().maxChecks(40).check(m, Nd4j.rand(DataType.DOUBLE, 2, 5, 2).subi(0.5));
    }

    /** Teacher and student of the same architecture: the student's loss falls well below where it starts. */
    @Test
    void fitLearnsATeachersMapping() {
        Keras.setRandomSeed(1);
        Model teacher = encoderDecoder("float32");
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 6, 6, 2).subi(0.5);
        INDArray y = teacher.predict(x);
        Keras.setRandomSeed(11);
        Model student = encoderDecoder("float32");
        student.compile(new Adam(0.01), "mse");
        History h = student.fit(x, y, 25, 16);
        List<Double> loss = h.history().get("loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0) * 0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.keras", "m.h5"})
    void savesAndLoads(String file) throws IOException {
        Keras.setRandomSeed(5);
        Model m = encoderDecoder("float32");
        Path p = dir.resolve(file);
        m.save(p.toString());
        Model back = Models.loadModel(p.toString());
        assertThat(back.layers()).extracting(Layer::className).isEqualTo(m.layers().stream().map(Layer::className).toList());
        assertThat(back.getWeights()).isEqualTo(m.getWeights());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 6, 6, 2);
        assertThat(back.predict(x)).isEqualTo(m.predict(x));
    }
}
