package io.jkeras.applications;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Keras;
import io.jkeras.Shape;
import io.jkeras.callbacks.History;
import io.jkeras.layers.Dense;
import io.jkeras.layers.GlobalAveragePooling2D;
import io.jkeras.layers.Layer;
import io.jkeras.models.Model;
import io.jkeras.models.Models;
import io.jkeras.optimizers.Adam;
import io.jkeras.optimizers.SGD;
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

/**
 * The course's transfer-learning steps on the real VGG16 architecture (no top, 32×32 images, random weights):
 * freeze the base (its parameters move to non-trainable in summary()), train a new head, unfreeze the last block
 * and fine-tune with a small learning rate, save and load the nested model in .h5 and .keras, and cut a
 * feature extractor at block4_pool.
 */
class TransferLearningTest {
    @TempDir
    Path dir;

    /** 16 images of two classes: class 0 brighter on the left half, class 1 on the right half. */
    static INDArray[] images() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 32, 32, 3).muli(40);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16);
        for (int i = 0; i < 16; i++) {
            int cls = i % 2;
            y.putScalar(i, cls);
            x.get(NDArrayIndex.point(i), NDArrayIndex.all(), cls == 0 ? NDArrayIndex.interval(0, 16) : NDArrayIndex.interval(16, 32),
                    NDArrayIndex.all()).addi(200);
        }
        return new INDArray[]{VGG16.preprocessInput(x), y};
    }

    static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    static long trainable(Model m) {
        return m.trainableWeights().stream().mapToLong(io.jkeras.Variable::size).sum();
    }

    @Test
    void freezeTrainHeadFineTuneSaveAndLoad() throws Exception {
        Keras.setRandomSeed(3);
        Model base = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputShape(32, 32, 3));
        base.setTrainable(false);
        String baseSummary = base.summaryString();
        assertThat(baseSummary).contains("Total params: 14,714,688").contains("Trainable params: 0").contains("Non-trainable params: 14,714,688");

        // A new head on the frozen base, called as a layer (the nested form of Keras's guide).
        KerasTensor inputs = Input.shape(32, 32, 3);
        KerasTensor x = base.apply(inputs);
        x = new GlobalAveragePooling2D().apply(x);
        KerasTensor outputs = new Dense(2).activation("softmax").name("head").apply(x);
        Model model = new Model(inputs, outputs);
        assertThat(model.summaryString()).contains("vgg16 (Functional)").contains("Total params: 14,715,714")
                .contains("Trainable params: 1,026").contains("Non-trainable params: 14,714,688");

        INDArray[] data = images();
        List<INDArray> baseBefore = base.getWeights();
        INDArray headBefore = model.getLayer("head").getWeights().get(0);
        model.compile(new Adam(1e-2), "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(data[0], data[1], FitOptions.epochs(4).batchSize(8).verbose(0));
        List<Double> loss = h.history().get("loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        assertThat(model.getLayer("head").getWeights().get(0)).isNotEqualTo(headBefore);
        List<INDArray> baseAfter = base.getWeights();
        for (int i = 0; i < baseBefore.size(); i++) assertThat(maxDiff(baseAfter.get(i), baseBefore.get(i))).isZero();

        // Fine-tuning: unfreeze block 5 only, recompile with a small learning rate.
        base.setTrainable(true);
        for (Layer l : base.layers()) if (!l.name().startsWith("block5")) l.setTrainable(false);
        assertThat(trainable(model)).isEqualTo(3 * 2_359_808L + 1_026);
        assertThat(model.summaryString()).contains("Trainable params: 7,080,450");
        INDArray block4 = base.getLayer("block4_conv3").getWeights().get(0);
        INDArray block5 = base.getLayer("block5_conv3").getWeights().get(0);
        model.compile(new SGD(1e-4), "sparse_categorical_crossentropy", "accuracy");
        model.fit(data[0], data[1], FitOptions.epochs(1).batchSize(8).verbose(0));
        // Exact comparisons: INDArray.equals tolerates differences below 1e-5, and fine-tuning steps are smaller.
        assertThat(maxDiff(base.getLayer("block4_conv3").getWeights().get(0), block4)).isZero();
        assertThat(maxDiff(base.getLayer("block5_conv3").getWeights().get(0), block5)).isPositive();

        // The nested model saves and loads in both formats, predicting the same.
        INDArray expected = model.predict(data[0]);
        for (String file : new String[]{"transfer.h5", "transfer.keras"}) {
            String path = dir.resolve(file).toString();
            model.save(path);
            Model loaded = Models.loadModel(path);
            assertThat(loaded.getLayer("vgg16")).isInstanceOf(Model.class);
            assertThat(((Model) loaded.getLayer("vgg16")).getLayer("block5_conv3").trainable()).as(file).isTrue();
            assertThat(((Model) loaded.getLayer("vgg16")).getLayer("block4_conv3").trainable()).as(file).isFalse();
            INDArray got = loaded.predict(data[0]);
            assertThat(got.sub(expected).amaxNumber().doubleValue()).as(file).isLessThan(1e-5);
        }
    }

    @Test
    void newHeadOnBaseOutputAndFeatureExtractorAtBlock4Pool() throws Exception {
        Keras.setRandomSeed(5);
        Model base = VGG16.create(new ApplicationOptions().weights(null).includeTop(false).inputShape(32, 32, 3));
        base.setTrainable(false);
        // The flat form: the head continues base.output(), and the model goes from base.input().
        KerasTensor x = new GlobalAveragePooling2D().apply(base.output());
        Model flat = new Model(base.input(), new Dense(2).activation("softmax").name("head").apply(x));
        assertThat(flat.layers()).extracting(Layer::name).contains("block1_conv1", "block5_pool", "head");
        assertThat(trainable(flat)).isEqualTo(1_026L);
        INDArray[] data = images();
        flat.compile(new Adam(1e-2), "sparse_categorical_crossentropy");
        History h = flat.fit(data[0], data[1], FitOptions.epochs(3).batchSize(8).verbose(0));
        assertThat(h.history().get("loss")).hasSize(3);

        // Feature extraction up to block4_pool; block 5 applied to those features gives the base's output.
        Model upTo4 = new Model(base.input(), base.getLayer("block4_pool").output());
        assertThat(upTo4.output().shape()).isEqualTo(Shape.of(null, 2, 2, 512));
        INDArray feats = upTo4.predict(data[0]);
        INDArray y = feats;
        for (String n : new String[]{"block5_conv1", "block5_conv2", "block5_conv3", "block5_pool"}) y = base.getLayer(n).apply(y);
        assertThat(y.sub(base.predict(data[0])).amaxNumber().doubleValue()).isLessThan(1e-4);
    }
}
