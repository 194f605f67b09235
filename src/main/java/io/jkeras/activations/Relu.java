package io.jkeras.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.ThresholdRelu;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.Relu6Derivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code keras.activations.relu(x, negative_slope, max_value, threshold)}:
 * {@code min(x, max_value)} where {@code x > threshold}, {@code negative_slope * (x - threshold)} elsewhere.
 * With the defaults it is {@code max(x, 0)}.
 *
 * <p>The common forms run as one native op each way (relu, relu6, leaky relu); the general form is
 * composed from native threshold-relu, clipping and comparison masks.
 */
final class Relu implements ActivationFunction {
    private final double negativeSlope;
    private final Double maxValue;
    private final double threshold;

    Relu() {
        this(0.0, null, 0.0);
    }

    Relu(double negativeSlope, Double maxValue, double threshold) {
        this.negativeSlope = negativeSlope;
        this.maxValue = maxValue;
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "relu";
    }

    private boolean plain() {
        return negativeSlope == 0.0 && maxValue == null && threshold == 0.0;
    }

    private boolean six() {
        return negativeSlope == 0.0 && maxValue != null && maxValue == 6.0 && threshold == 0.0;
    }

    private boolean leaky() {
        return negativeSlope != 0.0 && maxValue == null && threshold == 0.0;
    }

    @Override
    public INDArray forward(INDArray x) {
        if (plain()) return Nd4j.exec(new RectifiedLinear(x, x.ulike(), 0.0));
        if (six()) return Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.Relu6(x, x.ulike(), 0.0));
        if (leaky()) return Nd4j.exec(new LeakyReLU(x, x.ulike(), negativeSlope));
        // x where x > threshold, else 0 (ND4J's RectifiedLinear treats its threshold differently).
        INDArray y = Nd4j.exec((CustomOp) new ThresholdRelu(x, x.ulike(), threshold))[0];
        if (maxValue != null) {
            // Keras clips to [0, max_value]; the lower bound only bites for a negative threshold.
            if (threshold < 0) Transforms.max(y, 0.0, false);
            Transforms.min(y, maxValue, false);
        }
        if (negativeSlope != 0.0) {
            // negative_slope * min(x - threshold, 0): zero above the threshold, so it simply adds.
            y.addi(Transforms.min(x.sub(threshold), 0.0, false).muli(negativeSlope));
        }
        return y;
    }

    @Override
    public INDArray backward(INDArray x, INDArray y, INDArray dy) {
        if (plain()) return Nd4j.exec(new RectifiedLinearDerivative(x, dy, x.ulike()))[0];
        if (six()) return Nd4j.exec(new Relu6Derivative(x, dy, x.ulike()))[0];
        if (leaky()) return Nd4j.exec(new LeakyReLUBp(x, dy, x.ulike(), negativeSlope))[0];
        // dy where threshold < x < max_value, negative_slope * dy where x <= threshold, 0 above max_value.
        INDArray dx = Nd4j.exec(new ThresholdReluBp(x, dy, x.ulike(), threshold))[0];
        if (maxValue != null) {
            dx.muli(x.lt(maxValue).castTo(x.dataType()));
            if (threshold < 0) dx.muli(x.gt(0.0).castTo(x.dataType()));
        }
        if (negativeSlope != 0.0) dx.addi(x.lte(threshold).castTo(x.dataType()).muli(dy).muli(negativeSlope));
        return dx;
    }
}
