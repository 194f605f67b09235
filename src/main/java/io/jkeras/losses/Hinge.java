package io.jkeras.losses;

import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hinge loss, {@code keras.losses.Hinge}: per sample {@code mean(maximum(1 - y_true * y_pred, 0), axis=-1)}.
 * Keras names: {@code "Hinge"}, {@code "hinge"}.
 *
 * <p>y_true should be -1 or 1; when every label is 0 or 1 the whole batch is converted with
 * {@code 2 * y_true - 1}, as Keras's {@code convert_binary_labels_to_hinge} does (a batch mixing other
 * values is left as it is). Inputs of the same shape. Gradient: {@code -y_true / D} where the margin
 * {@code 1 - y_true * y_pred} is positive, else 0.
 *
 * <pre>{@code
 * jshell> new Hinge().call(Nd4j.createFromArray(new float[][]{{0, 1}, {0, 0}}),
 *    ...>                  Nd4j.createFromArray(new float[][]{{0.6f, 0.4f}, {0.4f, 0.6f}}))
 * $1 ==> 1.3
 * }</pre>
 */
public class Hinge extends ElementwiseLoss {
    /** A loss named {@code "hinge"}. */
    public Hinge() {
        super("hinge");
    }

    /** Keras's convert_binary_labels_to_hinge: all labels in {0, 1} means 0/1 labels, mapped to -1/1. */
    static INDArray hingeLabels(INDArray yTrue) {
        // y * (y - 1) is 0 exactly for 0 and 1; its largest magnitude is 0 only for a binary batch.
        double off = Transforms.abs(yTrue.mul(yTrue.sub(1.0)), false).maxNumber().doubleValue();
        return yTrue.length() > 0 && off == 0.0 ? yTrue.mul(2.0).subi(1.0) : yTrue;
    }

    /** {@code 1 - y_true * y_pred}, the margin violation before the maximum. */
    static INDArray margin(INDArray yTrue, INDArray yPred) {
        return yTrue.mul(yPred).rsubi(1.0);
    }

    @Override
    INDArray prepareTrue(INDArray yTrue) {
        return hingeLabels(yTrue);
    }

    @Override
    INDArray elementwise(INDArray yTrue, INDArray yPred) {
        return Transforms.relu(margin(yTrue, yPred), false);
    }

    @Override
    INDArray derivative(INDArray yTrue, INDArray yPred) {
        INDArray active = margin(yTrue, yPred).gt(0.0).castTo(yPred.dataType());
        return active.muli(yTrue).negi();
    }

    @Override
    public Hinge name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Hinge reduction(String reduction) {
        super.reduction(reduction);
        return this;
    }

    /** From a Keras config ({@code name}, {@code reduction}). */
    public static Hinge fromConfig(Config c) {
        return Losses.base(new Hinge(), c);
    }
}
