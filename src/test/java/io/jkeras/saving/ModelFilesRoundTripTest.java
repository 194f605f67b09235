package io.jkeras.saving;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Dropout;
import io.jkeras.layers.InputLayer;
import io.jkeras.layers.Layer;
import io.jkeras.layers.Merging;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

/** save → load gives the same model and the same predictions, in every format, for Sequential and Functional models. */
class ModelFilesRoundTripTest {
    @TempDir
    Path dir;

    @AfterEach
    void nothingLeftOpen() throws IOException {
        assertThat(Hdf5File.openObjectsInProcess()).isZero();
    }

    static Sequential sequential() {
        return new Sequential(new InputLayer(5), new Dense(8).activation("relu"), new Dropout(0.3),
                new Dense(4).activation("tanh"), new Dense(3).activation("softmax"));
    }

    /** Two inputs, a layer shared by both, a nested Functional model and a nested Sequential, two outputs. */
    static Model functional() {
        KerasTensor innerIn = Input.create(Shape.of(null, 6), "inner_in", "float32");
        Model inner = new Model(innerIn, new Dense(5).activation("relu").apply(innerIn));
        Sequential tail = new Sequential(new InputLayer(6), new Dense(3).activation("sigmoid"));
        KerasTensor a = Input.create(Shape.of(null, 4), "in_a", "float32");
        KerasTensor b = Input.create(Shape.of(null, 4), "in_b", "float32");
        Dense shared = new Dense(6).activation("relu");
        KerasTensor ha = shared.apply(a);
        KerasTensor hb = shared.apply(b);
        KerasTensor outA = new Dense(2).apply(Merging.concatenate(inner.apply(ha), tail.apply(hb)));
        KerasTensor outB = new Dense(3).apply(Merging.add(ha, hb));
        return new Model(List.of(a, b), List.of(outA, outB));
    }

    private static List<INDArray> inputs(Model m) {
        return m.inputs().stream().map(t -> {
            long[] shape = t.shape().toLongArray(7);
            return Nd4j.rand(DataType.FLOAT, shape);
        }).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.keras", "m.h5"})
    void wholeModelsRoundTrip(String file) throws IOException {
        Keras.setRandomSeed(3);
        for (Model m : List.of(sequential(), functional())) {
            Path p = dir.resolve(m.className() + "-" + file);
            m.save(p.toString());
            Model back = Models.loadModel(p.toString());
            assertThat(back.className()).isEqualTo(m.className());
            assertThat(back.layers()).extracting(Layer::name).isEqualTo(m.layers().stream().map(Layer::name).toList());
            assertThat(back.getWeights()).isEqualTo(m.getWeights());
            List<INDArray> x = inputs(m);
            assertThat(back.predict(x, 32)).isEqualTo(m.predict(x, 32));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"w.weights.h5", "w.h5"})
    void weightsRoundTripIntoAFreshModelOfTheSameArchitecture(String file) throws IOException {
        Keras.setRandomSeed(4);
        for (Model m : List.of(sequential(), functional())) {
            Path p = dir.resolve(m.className() + "-" + file);
            m.saveWeights(p.toString());
            Model fresh = Models.modelFromJson(m.toJson());
            List<INDArray> x = inputs(m);
            assertThat(fresh.predict(x, 32)).isNotEqualTo(m.predict(x, 32));
            fresh.loadWeights(p.toString());
            assertThat(fresh.getWeights()).isEqualTo(m.getWeights());
            assertThat(fresh.predict(x, 32)).isEqualTo(m.predict(x, 32));
        }
    }

    @Test
    void keras3KeysComeFromClassNamesAndNestedModelsNestTheirLayers() throws IOException {
        Model m = functional();
        Path p = dir.resolve("f.weights.h5");
        m.saveWeights(p.toString());
        try (Hdf5File f = Hdf5File.open(p); Hdf5Group layers = f.root().group("layers")) {
            assertThat(layers.keys()).containsExactlyInAnyOrder("input_layer", "input_layer_1", "dense", "functional",
                    "sequential", "concatenate", "add", "dense_1", "dense_2");
            try (Hdf5Group vars = f.root().group("vars")) {
                assertThat(vars.readString("name")).isEqualTo(m.name());
                assertThat(vars.keys()).isEmpty();
            }
            assertThat(layers.keys().stream().filter(k -> k.startsWith("functional")).toList()).containsExactly("functional");
            assertThat(f.root().contains("layers/functional/layers/dense/vars/0")).isTrue();
            assertThat(f.root().contains("layers/functional/layers/input_layer/vars")).isTrue();
            assertThat(f.root().contains("layers/sequential/layers/dense/vars/1")).isTrue();
            // A Sequential lists its layers without the InputLayer.
            assertThat(f.root().contains("layers/sequential/layers/input_layer")).isFalse();
            // The shared layer is stored once.
            assertThat(f.root().shape("layers/dense/vars/0")).containsExactly(4, 6);
        }
    }
}
