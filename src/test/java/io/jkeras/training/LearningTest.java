package io.jkeras.training;

import io.jkeras.Input;
import io.jkeras.Keras;
import io.jkeras.KerasTensor;
import io.jkeras.callbacks.History;
import io.jkeras.layers.Dense;
import io.jkeras.models.Model;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Proof that compile/fit learns: a non-linear classifier, a regression, and two weighted heads. */
class LearningTest {
    @BeforeEach
    void seed() {
        Keras.clearSession();
        Keras.setRandomSeed(42);
    }

    /** Two interleaved moons-like classes: points inside vs outside a circle (not linearly separable). */
    static INDArray[] circles(int n, long seed) {
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 2).muli(4).subi(2);
        Nd4j.getRandom().setSeed(seed);
        INDArray r2 = x.mul(x).sum(1);
        INDArray y = r2.lt(1.7).castTo(DataType.FLOAT);
        return new INDArray[]{x, y};
    }

    @Test
    void mlpSeparatesANonLinearDataSet() {
        INDArray[] d = circles(2000, 1);
        Sequential model = new Sequential(new Dense(32).activation("relu").inputShape(2),
                new Dense(32).activation("relu"), new Dense(2).activation("softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(d[0], d[1], FitOptions.epochs(30).batchSize(32).verbose(0).validationSplit(0.2));
        List<Double> loss = h.history().get("loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
        assertThat(h.history()).containsKeys("loss", "accuracy", "val_loss", "val_accuracy");
        INDArray[] test = circles(1000, 2);
        Map<String, Double> r = model.evaluate(test[0], test[1]);
        assertThat(r.get("accuracy")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void regressionReachesAStatedMse() {
        // y = 3 sin(x0) + x1^2 - 1, learned to MSE < 0.05 (the target's variance is about 5).
        INDArray x = Nd4j.rand(DataType.FLOAT, 2000, 2).muli(4).subi(2);
        INDArray y = Transforms.sin(x.getColumn(0)).muli(3).addi(x.getColumn(1).mul(x.getColumn(1))).subi(1).reshape(2000, 1);
        Sequential model = new Sequential(new Dense(64).activation("tanh").inputShape(2), new Dense(64).activation("tanh"), new Dense(1));
        model.compile(new Adam(3e-3), "mse", "mae");
        model.fit(x, y, FitOptions.epochs(60).batchSize(64).verbose(0));
        Map<String, Double> r = model.evaluate(x, y);
        assertThat(r.get("loss")).isLessThan(0.05);
        assertThat(r).containsKey("mae");
    }

    @Test
    void multiOutputWithLossWeightsTrainsBothHeads() {
        INDArray[] d = circles(1500, 3);
        INDArray reg = d[0].mul(d[0]).sum(1).reshape(1500, 1);
        KerasTensor in = Input.shape(2);
        KerasTensor h = new Dense(32).activation("relu").apply(in);
        h = new Dense(32).activation("relu").apply(h);
        KerasTensor cls = new Dense(2).activation("softmax").name("cls").apply(h);
        KerasTensor r2 = new Dense(1).name("r2").apply(h);
        Model model = new Model(List.of(in), List.of(cls, r2));
        model.compile(CompileOptions.optimizer(new Adam(3e-3))
                .loss(Map.of("cls", "sparse_categorical_crossentropy", "r2", "mse"))
                .lossWeights(Map.of("cls", 1.0, "r2", 0.5))
                .metrics(Map.of("cls", List.of("accuracy"))));
        History hist = model.fit(List.of(d[0]), List.of(d[1], reg), FitOptions.epochs(30).batchSize(32).verbose(0).validationSplit(0.1));
        Map<String, List<Double>> hh = hist.history();
        assertThat(hh).containsKeys("loss", "cls_loss", "r2_loss", "cls_accuracy", "val_loss", "val_cls_loss", "val_r2_loss", "val_cls_accuracy");
        int last = hh.get("loss").size() - 1;
        assertThat(hh.get("cls_loss").get(last)).isLessThan(hh.get("cls_loss").get(0) * 0.5);
        assertThat(hh.get("r2_loss").get(last)).isLessThan(hh.get("r2_loss").get(0) * 0.5);
        // the total is the weighted sum of the heads
        assertThat(hh.get("loss").get(last)).isCloseTo(hh.get("cls_loss").get(last) + 0.5 * hh.get("r2_loss").get(last),
                org.assertj.core.api.Assertions.within(1e-4));
        assertThat(hh.get("cls_accuracy").get(last)).isGreaterThan(0.9);
    }

    @Test
    void sameSeedSameHistory() {
        INDArray[] d = circles(500, 4);
        List<Double> first = run(d);
        List<Double> second = run(d);
        assertThat(second).isEqualTo(first);
    }

    private static List<Double> run(INDArray[] d) {
        Keras.setRandomSeed(123);
        Sequential model = new Sequential(new Dense(8).activation("relu").inputShape(2), new io.jkeras.layers.Dropout(0.2),
                new Dense(2).activation("softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History h = model.fit(d[0], d[1], FitOptions.epochs(3).batchSize(16).verbose(0));
        List<Double> out = new java.util.ArrayList<>(h.history().get("loss"));
        out.addAll(h.history().get("accuracy"));
        return out;
    }
}
