package io.jkeras.regularizers;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A model's regularization loss is the sum over its trainable weights' regularizers, as Keras's model.losses. */
class ModelRegularizationTest {
    @Test
    void modelLossSumsLayerPenaltiesOfTrainableWeights() {
        Keras.setRandomSeed(3);
        Dense a = new Dense(3).kernelRegularizer(new L2(0.1)).inputShape(2);
        Dense b = new Dense(1).kernelRegularizer("l1").biasRegularizer(new L2(0.5));
        Sequential m = new Sequential(a, b);
        b.setWeights(List.of(b.getWeights().get(0), Nd4j.createFromArray(2f)));
        double expected = 0.1 * a.getWeights().get(0).mul(a.getWeights().get(0)).sumNumber().doubleValue()
                + 0.01 * Nd4j.math.abs(b.getWeights().get(0)).sumNumber().doubleValue() + 0.5 * 4;
        assertThat(m.regularizationLoss()).isCloseTo(expected, within(1e-5));
        b.setTrainable(false);
        assertThat(m.regularizationLoss()).isCloseTo(0.1 * a.getWeights().get(0).mul(a.getWeights().get(0)).sumNumber().doubleValue(), within(1e-5));

        for (Variable v : m.weights()) v.zeroGrad();
        m.addRegularizationGradients();
        assertThat(a.weights().get(0).grad()).isEqualTo(a.getWeights().get(0).mul(0.2));
        assertThat(b.weights().get(0).grad()).isNull();
    }
}
