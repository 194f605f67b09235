package io.jkeras.training;

import io.jkeras.Keras;
import io.jkeras.callbacks.Callback;
import io.jkeras.callbacks.History;
import io.jkeras.data.ArrayBatches;
import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.SGD;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** fit's options and the numbers it reports, against hand calculations. */
class FitBehaviourTest {
    @BeforeEach
    void seed() {
        Keras.clearSession();
        Keras.setRandomSeed(7);
    }

    private static Sequential linear() {
        Sequential m = new Sequential(new Dense(1).inputShape(3).kernelInitializer("ones"));
        m.compile(new SGD(0.0), "mse"); // lr 0: the weights stay, so losses are exact functions of the data
        return m;
    }

    @Test
    void epochLossIsTheSampleWeightedMeanOverBatches() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 10, 1);
        Sequential m = linear();
        History h = m.fit(x, y, FitOptions.epochs(1).batchSize(4).verbose(0).shuffle(false));
        double mse = x.sum(1).reshape(10, 1).sub(y).norm2Number().doubleValue();
        mse = mse * mse / 10;
        // batches of 4, 4, 2: a mean of batch means would differ from the mean over samples
        assertThat(h.history().get("loss").get(0)).isCloseTo(mse, within(1e-5));
        assertThat(m.evaluate(x, y).get("loss")).isCloseTo(mse, within(1e-5));
    }

    @Test
    void validationSplitTakesTheLastSamplesBeforeShuffling() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 10, 1);
        Sequential m = linear();
        History h = m.fit(x, y, FitOptions.epochs(1).batchSize(3).verbose(0).validationSplit(0.3));
        INDArray vx = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 10));
        INDArray vy = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 10));
        assertThat(h.history().get("val_loss").get(0)).isCloseTo(m.evaluate(vx, vy).get("loss"), within(1e-6));
    }

    @Test
    void sampleAndClassWeightsScaleTheLoss() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3);
        INDArray y = Nd4j.createFromArray(0f, 1f, 1f, 0f, 1f, 1f).reshape(6, 1);
        Sequential m = linear();
        INDArray err = x.sum(1).reshape(6, 1).sub(y);
        INDArray sq = err.mul(err).reshape(6);
        History plain = m.fit(x, y, FitOptions.epochs(1).batchSize(6).verbose(0));
        assertThat(plain.history().get("loss").get(0)).isCloseTo(sq.meanNumber().doubleValue(), within(1e-5));
        History cw = m.fit(x, y, FitOptions.epochs(1).batchSize(6).verbose(0).classWeight(Map.of(0, 1.0, 1, 3.0)));
        INDArray w = y.reshape(6).mul(2).addi(1);
        assertThat(cw.history().get("loss").get(0)).isCloseTo(sq.mul(w).sumNumber().doubleValue() / 6, within(1e-5));
        History sw = m.fit(x, y, FitOptions.epochs(1).batchSize(6).verbose(0).sampleWeight(Nd4j.createFromArray(1f, 0f, 0f, 0f, 0f, 2f)));
        assertThat(sw.history().get("loss").get(0)).isCloseTo((sq.getDouble(0) + 2 * sq.getDouble(5)) / 6, within(1e-5));
    }

    @Test
    void initialEpochStepsPerEpochAndValidationFreq() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 10, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 10, 1);
        Sequential m = linear();
        List<String> seen = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                seen.add("E" + epoch);
            }

            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                seen.add("b" + batch);
            }
        };
        History h = m.fit(x, y, FitOptions.epochs(4).initialEpoch(2).stepsPerEpoch(3).batchSize(4).verbose(0)
                .validationData(x, y).validationFreq(2).callbacks(spy));
        assertThat(seen).containsExactly("E2", "b0", "b1", "b2", "E3", "b0", "b1", "b2");
        assertThat(h.epoch()).containsExactly(2, 3);
        assertThat(h.history().get("val_loss")).hasSize(1); // only after epoch 3 ((3 + 1) % 2 == 0)
        assertThat(h.history().get("loss")).hasSize(2);
    }

    @Test
    void batchSourceTraining() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 50, 3);
        INDArray y = x.sum(1).reshape(50, 1);
        Sequential m = new Sequential(new Dense(1).inputShape(3));
        m.compile(new SGD(0.05), "mse");
        double before = m.evaluate(x, y).get("loss");
        m.fit(new ArrayBatches(List.of(x), List.of(y), null, 8, true), FitOptions.epochs(20).verbose(0));
        assertThat(m.evaluate(x, y).get("loss")).isLessThan(before / 10);
    }

    @Test
    void trainTestPredictOnBatch() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 8, 1);
        Sequential m = linear();
        double l1 = m.trainOnBatch(x, y).get("loss");
        assertThat(m.testOnBatch(x, y).get("loss")).isCloseTo(l1, within(1e-6));
        assertThat(m.predictOnBatch(x)).isEqualTo(x.sum(1).reshape(8, 1));
    }

    @Test
    void activityRegularizationJoinsTheLoss() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 6, 1);
        Sequential m = new Sequential(new Dense(1).inputShape(3).kernelInitializer("ones"),
                new io.jkeras.layers.ActivityRegularization(0.0, 0.5));
        m.compile(new SGD(0.0), "mse");
        INDArray out = x.sum(1).reshape(6, 1);
        INDArray err = out.sub(y);
        double mse = err.mul(err).meanNumber().doubleValue();
        double penalty = 0.5 * out.mul(out).sumNumber().doubleValue(); // Keras 3: not divided by the batch size
        History h = m.fit(x, y, FitOptions.epochs(1).batchSize(6).verbose(0));
        assertThat(h.history().get("loss").get(0)).isCloseTo(mse + penalty, within(1e-4));
        assertThat(m.evaluate(List.of(x), List.of(y), 6, 0).get("loss")).isCloseTo(mse + penalty, within(1e-4));
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(io.jkeras.testing.Float64.class)
    void activityRegularizationGradientThroughAModel() {
        Sequential m = new Sequential(new Dense(3).inputShape(2).activation("tanh"),
                new io.jkeras.layers.ActivityRegularization(0.1, 0.2), new Dense(2));
        io.jkeras.testing.GradientCheck.create().check(m, Nd4j.rand(DataType.DOUBLE, 4, 2).subi(0.5));
    }

    @Test
    void inputsAndTargetsByName() {
        io.jkeras.KerasTensor a = io.jkeras.Input.shape(io.jkeras.Shape.of(3), "a");
        io.jkeras.KerasTensor b = io.jkeras.Input.shape(io.jkeras.Shape.of(2), "b");
        io.jkeras.KerasTensor out = new Dense(1).name("out").apply(io.jkeras.layers.Merging.concatenate(a, b));
        io.jkeras.models.Model m = new io.jkeras.models.Model(List.of(a, b), List.of(out));
        m.compile(new SGD(0.1), "mse");
        INDArray xa = Nd4j.rand(DataType.FLOAT, 20, 3), xb = Nd4j.rand(DataType.FLOAT, 20, 2);
        INDArray y = xa.sum(1).addi(xb.sum(1)).reshape(20, 1);
        History h = m.fit(Map.of("b", xb, "a", xa), Map.of("out", y), FitOptions.epochs(5).batchSize(5).verbose(0));
        assertThat(h.history().get("loss")).hasSize(5);
        assertThat(m.evaluate(Map.of("a", xa, "b", xb), Map.of("out", y), 8, 0).get("loss"))
                .isCloseTo(m.evaluate(List.of(xa, xb), List.of(y), 8, 0).get("loss"), within(1e-7));
        assertThatThrownBy(() -> m.fit(Map.of("a", xa), Map.of("out", y), FitOptions.epochs(1)))
                .hasMessageContaining("missing: [b]");
    }

    @Test
    void badInputGetsKerasErrors() {
        Sequential m = new Sequential(new Dense(10).activation("softmax").inputShape(4));
        INDArray x = Nd4j.rand(DataType.FLOAT, 40, 4);
        assertThatThrownBy(() -> m.fit(x, Nd4j.zeros(40), 1, 8))
                .hasMessage("You must compile your model before training/testing. Use `model.compile(optimizer, loss)`.");
        m.compile("adam", "sparse_categorical_crossentropy");
        assertThatThrownBy(() -> m.fit(x, Nd4j.zeros(39), 1, 8)).hasMessageContaining("Data cardinality is ambiguous")
                .hasMessageContaining("x sizes: 40").hasMessageContaining("y sizes: 39");
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 40);
        labels.putScalar(37, 12);
        assertThatThrownBy(() -> m.fit(x, labels, FitOptions.epochs(1).batchSize(40).verbose(0).shuffle(false)))
                .hasMessageContaining("Received a label value of 12 which is outside the valid range of [0, 10)")
                .hasMessageContaining("row 37");
        assertThatThrownBy(() -> FitOptions.epochs(1).validationSplit(1.0)).hasMessageContaining("`validation_split` must be in the range [0, 1)");
        assertThatThrownBy(() -> m.fit(Nd4j.rand(DataType.FLOAT, 40, 5), labels, 1, 8)).hasMessageContaining("expected shape=(None, 4), found shape=(None, 5)");
        Sequential reg = new Sequential(new Dense(3).inputShape(4));
        reg.compile("adam", "mse");
        assertThatThrownBy(() -> reg.fit(x, Nd4j.rand(40, 5), FitOptions.epochs(1).verbose(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y_true.shape=(32, 5) and y_pred.shape=(32, 3)");
    }
}
