package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code log(exp(x) + 1)}, {@code keras.activations.softplus}. */
final class Softplus implements ActivationFunction {
    /** Above this, softplus(x) equals x to double precision (the remainder is below e^-30). */
    private static final double LINEAR_ABOVE = 30.0;

    @Override
    public String name() {
        return "softplus";
    }

    @Override
    public INDArray forward(INDArray x) {
        return of(x);
    }

    /**
     * Softplus without overflow. ND4J's op computes log(1 + exp(x)) literally, which is infinite from
     * x ≈ 89 in float32; where its result passes {@link #LINEAR_ABOVE} it is replaced by x itself.
     */
    static INDArray of(INDArray x) {
        INDArray y = Nd4j.exec(new SoftPlus(x, x.ulike()));
        BooleanIndexing.replaceWhere(y, x, Conditions.greaterThan(LINEAR_ABOVE));
        return y;
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        // softplus' = sigmoid. Not ND4J's SoftPlusBp, which returns NaN for large x (exp overflows).
        return Transforms.sigmoid(x, true).muli(dy);
    }
}
