package io.jkeras.layers;

import io.jkeras.Keras;
import io.jkeras.callbacks.History;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.models.Sequential;
import io.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Preprocessing and augmentation inside a model: trained with fit, saved and loaded with it. */
class PreprocessingModelTest {
    /** 8x8 "photos" in [0, 255]: class 1 is bright in the top half, class 0 in the bottom half (left-right symmetric classes). */
    private static INDArray[] data(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 8, 8, 1).muli(60);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            y.putScalar(i, label);
            long from = label == 1 ? 0 : 4;
            x.get(NDArrayIndex.point(i), NDArrayIndex.interval(from, from + 4), NDArrayIndex.all(), NDArrayIndex.all()).addi(180);
        }
        return new INDArray[]{x, y};
    }

    @Test
    void rescalingFlipAndConvFitAndSurviveAKerasArchive(@TempDir Path dir) throws Exception {
        Keras.setRandomSeed(12);
        Sequential model = new Sequential(
                new Rescaling(1 / 255.0).inputShape(8, 8, 1),
                new RandomFlip("horizontal").seed(3L),
                new RandomContrast(0.1).valueRange(0, 1),
                new Conv2D(4, 3).activation("relu"),
                new Flatten(),
                new Dense(2).activation("softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        INDArray[] train = data(64, 1);
        History h = model.fit(train[0], train[1], FitOptions.epochs(15).batchSize(16).verbose(0));
        List<Double> loss = h.history().get("loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0) * 0.5);
        INDArray[] test = data(20, 2);
        INDArray p = model.predict(test[0]);
        assertThat(Nd4j.argMax(p, 1).castTo(DataType.FLOAT).eq(test[1]).castTo(DataType.INT).sumNumber().intValue()).isGreaterThanOrEqualTo(18);

        String file = dir.resolve("augmented.keras").toString();
        model.save(file);
        Model loaded = Models.loadModel(file);
        assertThat(loaded.layers().stream().map(Layer::className).toList())
                .containsExactly("Rescaling", "RandomFlip", "RandomContrast", "Conv2D", "Flatten", "Dense");
        // inference: the random layers are the identity, so the loaded model predicts exactly the same
        assertThat(loaded.predict(test[0]).toFloatMatrix()).isDeepEqualTo(p.toFloatMatrix());
        assertThat(loaded.getLayer(1).getConfig()).isEqualTo(model.getLayer(1).getConfig());
    }

    @Test
    void everyPreprocessingLayerInOneFunctionalModel(@TempDir Path dir) throws Exception {
        Keras.setRandomSeed(5);
        io.jkeras.KerasTensor in = io.jkeras.Input.shape(10, 12, 3);
        Normalization norm = new Normalization();
        INDArray images = Nd4j.rand(DataType.FLOAT, 6, 10, 12, 3).muli(255);
        Layer[] chain = {new Resizing(8, 8).cropToAspectRatio(true), new Rescaling(1 / 255.0), norm,
                new RandomRotation(0.1), new RandomZoom(0.1), new RandomTranslation(0.1, 0.1), new RandomFlip(), new RandomContrast(0.2),
                new GlobalAveragePooling2D(), new Dense(2)};
        io.jkeras.KerasTensor t = in;
        for (Layer l : chain) t = l.apply(t);
        Model model = new Model(List.of(in), List.of(t));
        norm.adapt(new Rescaling(1 / 255.0).apply(new Resizing(8, 8).cropToAspectRatio(true).apply(images)));
        model.compile("sgd", "mse");
        model.fit(images, Nd4j.rand(DataType.FLOAT, 6, 2), FitOptions.epochs(1).batchSize(3).verbose(0));
        INDArray before = model.predict(images);
        String file = dir.resolve("all.keras").toString();
        model.save(file);
        Model loaded = Models.loadModel(file);
        assertThat(loaded.predict(images).toFloatMatrix()).isDeepEqualTo(before.toFloatMatrix());
        assertThat(loaded.getLayer(norm.name()).getWeights().get(0)).isEqualTo(norm.getWeights().get(0));
    }
}
