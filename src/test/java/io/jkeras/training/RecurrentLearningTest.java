package io.jkeras.training;

import io.jkeras.Keras;
import io.jkeras.layers.Dense;
import io.jkeras.layers.GRU;
import io.jkeras.layers.LSTM;
import io.jkeras.layers.Layer;
import io.jkeras.models.Sequential;
import io.jkeras.optimizers.Adam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Proof that the recurrent layers learn through fit: the sign of a sequence's sum, read one step at a time. */
class RecurrentLearningTest {
    @BeforeEach
    void seed() {
        Keras.clearSession();
        Keras.setRandomSeed(42);
    }

    /** Sequences of 12 values in [-1, 1); label 1 when their sum is positive. */
    private static INDArray[] sums(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 12, 1).muli(2).subi(1);
        INDArray y = x.sum(1).gt(0).castTo(DataType.FLOAT).reshape(n, 1);
        return new INDArray[]{x, y};
    }

    private static double accuracy(Layer recurrent) {
        INDArray[] train = sums(2000, 1);
        Sequential model = new Sequential(recurrent, new Dense(1).activation("sigmoid"));
        model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
        model.fit(train[0], train[1], FitOptions.epochs(8).batchSize(32).verbose(0));
        INDArray[] test = sums(1000, 2);
        Map<String, Double> r = model.evaluate(test[0], test[1]);
        return r.get("accuracy");
    }

    @Test
    void lstmLearnsTheSignOfASum() {
        assertThat(accuracy(new LSTM(16).inputShape(12, 1))).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void gruLearnsTheSignOfASum() {
        assertThat(accuracy(new GRU(16).inputShape(12, 1))).isGreaterThanOrEqualTo(0.9);
    }
}
