package io.jkeras.models;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Layer;
import io.jkeras.testing.Float64;
import io.jkeras.testing.GradientCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Functional and Sequential models: structure, names, nesting, weights, freezing, predict. */
class ModelTest {
    @BeforeEach
    void fresh() {
        Keras.clearSession();
        Keras.setRandomSeed(1);
    }

    @Test
    void sequentialCountsParamsAsKeras() {
        Sequential m = new Sequential();
        m.add(new Dense(64).activation("relu").inputShape(256));
        m.add(new Dense(32));
        assertThat(m.countParams()).isEqualTo(18_528);
        assertThat(m.layers()).extracting(Layer::name).containsExactly("dense", "dense_1");
        assertThat(m.name()).isEqualTo("sequential");
        assertThat(m.output().shape()).isEqualTo(Shape.of(null, 32));
    }

    @Test
    void automaticNamesAreUniquePerSessionAndExplicitNamesWin() {
        Dense a = new Dense(1);
        Dense b = new Dense(1).name("head");
        Dense c = new Dense(1);
        assertThat(List.of(a.name(), b.name(), c.name())).containsExactly("dense", "head", "dense_1");
        Keras.clearSession();
        assertThat(new Dense(2).name()).isEqualTo("dense");
    }

    @Test
    void multiInputMultiOutputAddressableByName() {
        KerasTensor a = Input.shape(Shape.of(4), "a");
        KerasTensor b = Input.shape(Shape.of(3), "b");
        KerasTensor o1 = new Dense(2).name("out1").apply(a);
        KerasTensor o2 = new Dense(5).name("out2").apply(b);
        Model m = new Model(List.of(a, b), List.of(o1, o2));
        assertThat(m.inputNames()).containsExactly("a", "b");
        assertThat(m.outputNames()).containsExactly("out1", "out2");
        List<INDArray> ys = m.predict(List.of(Nd4j.rand(7, 4), Nd4j.rand(7, 3)), 3);
        assertThat(ys.get(0).shape()).containsExactly(7, 2);
        assertThat(ys.get(1).shape()).containsExactly(7, 5);
        assertThat(m.getLayer("out2").countParams()).isEqualTo(20);
    }

    @Test
    void predictBatchesGiveTheSameAsOneCall() {
        Sequential m = new Sequential(new Dense(8).activation("relu").inputShape(5), new Dense(3));
        INDArray x = Nd4j.rand(DataType.FLOAT, 70, 5);
        INDArray whole = m.apply(x);
        assertThat(m.predict(x)).isEqualTo(whole);
        assertThat(m.predict(x, 7)).isEqualTo(whole);
    }

    @Test
    void predictFiresKerasHooksAndShowsTheBar() {
        Sequential m = new Sequential(new Dense(2).inputShape(3));
        List<String> seen = new java.util.ArrayList<>();
        io.jkeras.callbacks.Callback spy = new io.jkeras.callbacks.Callback() {
            @Override
            public void onPredictBegin(java.util.Map<String, Double> logs) {
                seen.add("begin");
            }

            @Override
            public void onPredictBatchEnd(int batch, java.util.Map<String, Double> logs) {
                seen.add("b" + batch);
            }

            @Override
            public void onPredictEnd(java.util.Map<String, Double> logs) {
                seen.add("end");
            }
        };
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out));
        try {
            m.predict(List.of(Nd4j.rand(7, 3)), 3, 1, spy);
        } finally {
            System.setOut(old);
        }
        assertThat(seen).containsExactly("begin", "b0", "b1", "b2", "end");
        assertThat(out.toString()).contains("3/3 [==============================]");
    }

    @Test
    void sequentialWithoutInputShapeBuildsOnFirstData() {
        Sequential m = new Sequential(new Dense(4), new Dense(2));
        assertThat(m.hasGraph()).isFalse();
        assertThat(m.predict(Nd4j.rand(3, 6)).shape()).containsExactly(3, 2);
        assertThat(m.countParams()).isEqualTo(6 * 4 + 4 + 4 * 2 + 2);
    }

    @Test
    void nestedModelsInSequentialAndFunctional() {
        KerasTensor x = Input.shape(6);
        Model inner = new Model(x, new Dense(4).activation("tanh").apply(x));
        Sequential seq = new Sequential(inner, new Dense(2));
        seq.build(Shape.of(null, 6));
        assertThat(seq.countParams()).isEqualTo(28 + 10);
        INDArray data = Nd4j.rand(5, 6);
        INDArray expected = seq.getLayer(1).apply(inner.apply(data));
        assertThat(seq.predict(data)).isEqualTo(expected);

        KerasTensor y = Input.shape(6);
        KerasTensor z = new Dense(1).apply(inner.apply(y));
        Model outer = new Model(y, z);
        assertThat(outer.layers()).contains(inner);
        assertThat(outer.countParams()).isEqualTo(28 + 5);
    }

    @Test
    void featureExtractionSubModel() {
        KerasTensor x = Input.shape(10);
        KerasTensor h = new Dense(8).name("block4_pool").apply(x);
        KerasTensor y = new Dense(3).apply(h);
        Model base = new Model(x, y);
        Model features = new Model(base.input(), base.getLayer("block4_pool").output());
        assertThat(features.output().shape()).isEqualTo(Shape.of(null, 8));
        INDArray d = Nd4j.rand(2, 10);
        assertThat(features.predict(d)).isEqualTo(base.getLayer("block4_pool").apply(d));
    }

    @Test
    void getAndSetWeightsRoundTrip() {
        Sequential a = new Sequential(new Dense(3).inputShape(2), new Dense(1));
        Sequential b = new Sequential(new Dense(3).inputShape(2), new Dense(1));
        b.setWeights(a.getWeights());
        INDArray x = Nd4j.rand(4, 2);
        assertThat(b.predict(x)).isEqualTo(a.predict(x));
        assertThat(a.getWeights()).hasSize(4);
    }

    @Test
    void freezingMovesParamsToNonTrainable() {
        KerasTensor x = Input.shape(4);
        Model base = new Model(x, new Dense(3).apply(x));
        KerasTensor y = Input.shape(4);
        Model full = new Model(y, new Dense(2).apply(base.apply(y)));
        base.setTrainable(false);
        long baseParams = 15;
        assertThat(full.trainableWeights().stream().mapToLong(v -> v.size()).sum()).isEqualTo(8);
        assertThat(full.nonTrainableWeights().stream().mapToLong(v -> v.size()).sum()).isEqualTo(baseParams);
        assertThat(full.summaryString()).contains("Trainable params: 8").contains("Non-trainable params: 15");
        base.setTrainable(true);
        assertThat(full.trainableWeights()).hasSize(4);
    }

    @Test
    @ExtendWith(Float64.class)
    void gradientsThroughNestedModelAndSharedLayer() {
        KerasTensor x = Input.shape(3);
        Model inner = new Model(x, new Dense(4).activation("relu").apply(x));
        KerasTensor a = Input.shape(3);
        Dense shared = new Dense(2);
        // The nested model and the shared Dense are each used twice: gradients must sum.
        KerasTensor h1 = shared.apply(inner.apply(a));
        KerasTensor h2 = shared.apply(new Dense(4).apply(a));
        Model m = new Model(List.of(a), List.of(h1, h2));
        GradientCheck.create().check(m, Nd4j.rand(DataType.DOUBLE, 5, 3).subi(0.5));
    }

    @Test
    void summaryMatchesKerasTable() {
        Sequential m = new Sequential(new Dense(64).inputShape(256), new Dense(32));
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "_________________________________________________________________",
                " Layer (type)                Output Shape              Param #   ",
                "=================================================================",
                " dense (Dense)               (None, 64)                16448     ",
                "                                                                 ",
                " dense_1 (Dense)             (None, 32)                2080      ",
                "                                                                 ",
                "=================================================================",
                "Total params: 18,528",
                "Trainable params: 18,528",
                "Non-trainable params: 0",
                "_________________________________________________________________", "");
        assertThat(m.summaryString()).isEqualTo(expected);
    }

    @Test
    void functionalSummaryHasConnections() {
        KerasTensor a = Input.shape(Shape.of(8), "input_1");
        KerasTensor h = new Dense(4).apply(a);
        KerasTensor o = new Dense(1).apply(a);
        Model m = new Model(List.of(a), List.of(h, o));
        String s = m.summaryString();
        assertThat(s).contains(" Layer (type)                   Output Shape         Param #     Connected to                     ");
        assertThat(s).contains(" input_1 (InputLayer)           [(None, 8)]          0           []                               ");
        assertThat(s).contains(" dense (Dense)                  (None, 4)            36          ['input_1[0][0]']                ");
    }
}
