package io.jkeras.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The result of one layer call: its outputs and the closure that back-propagates through that call.
 *
 * <p>{@code backward(gradOutputs)} takes d(loss)/d(output) for every output (never {@code null}: the
 * engine passes zeros for an unused output), returns d(loss)/d(input) for every input, and adds
 * d(loss)/d(weight) into each weight's {@link io.jkeras.Variable#grad()}. Because the inputs live in
 * the closure and not in the layer, a layer called at several places keeps one closure per call, and
 * its weight gradients sum.
 *
 * <pre>{@code
 * Forward f = dense.forward(List.of(x), true);
 * INDArray y = f.output();
 * INDArray dx = f.backward(dy);          // and dense's kernel/bias grads now hold dW, db
 * }</pre>
 */
public final class Forward {
    private final List<INDArray> outputs;
    private final Function<List<INDArray>, List<INDArray>> backward;
    private final INDArray logits;
    private final UnaryOperator<INDArray> logitsBackward;
    private final Consumer<INDArray> weightsOnly;
    private final double activityLoss;
    private final List<INDArray> masks;

    private Forward(List<INDArray> outputs, Function<List<INDArray>, List<INDArray>> backward,
                    INDArray logits, UnaryOperator<INDArray> logitsBackward, Consumer<INDArray> weightsOnly,
                    double activityLoss, List<INDArray> masks) {
        this.outputs = outputs;
        this.backward = backward;
        this.logits = logits;
        this.logitsBackward = logitsBackward;
        this.weightsOnly = weightsOnly;
        this.activityLoss = activityLoss;
        this.masks = masks;
    }

    private Forward(List<INDArray> outputs, Function<List<INDArray>, List<INDArray>> backward) {
        this(outputs, backward, null, null, null, 0.0, null);
    }

    /** A call with one input and one output; {@code backward} may return null where the input has no gradient (integer ids). */
    public static Forward of(INDArray output, UnaryOperator<INDArray> backward) {
        // singletonList, not List.of: a layer with an integer input (Embedding) has no input gradient (null)
        return new Forward(List.of(output), g -> java.util.Collections.singletonList(backward.apply(g.get(0))));
    }

    /** A call with any number of inputs and outputs. */
    public static Forward of(List<INDArray> outputs, Function<List<INDArray>, List<INDArray>> backward) {
        return new Forward(outputs, backward);
    }

    /**
     * A single-output call whose output is {@code softmax(logits)} over the last axis: the trainer may then
     * give d(loss)/d(logits) directly ({@link #backwardFromLogits}), the stable fused form of softmax with
     * crossentropy, {@code (softmax - target) / n}, instead of going through the softmax's derivative.
     */
    public static Forward withSoftmaxLogits(INDArray output, UnaryOperator<INDArray> backward,
                                            INDArray logits, UnaryOperator<INDArray> logitsBackward) {
        return new Forward(List.of(output), g -> java.util.Collections.singletonList(backward.apply(g.get(0))), logits,
                logitsBackward, null, 0.0, null);
    }

    /**
     * This call with a cheaper backward for when no input gradient is wanted (the call's input is a model
     * input): {@code weightsOnly} only accumulates the weight gradients. A single-output call only.
     */
    public Forward withWeightsOnlyBackward(Consumer<INDArray> weightsOnly) {
        return new Forward(outputs, backward, logits, logitsBackward, weightsOnly, activityLoss, masks);
    }

    /**
     * This call with a loss term of its own (an activity regularizer's penalty on its output, Keras's
     * {@code layer.losses}), added to the model's loss by the training step. The call's backward must
     * already add the term's gradient to the gradient it receives.
     */
    public Forward withActivityLoss(double loss) {
        return new Forward(outputs, backward, logits, logitsBackward, weightsOnly, activityLoss + loss, masks);
    }

    /**
     * This call with the masks of its outputs (Keras's {@code compute_mask}): one entry per output, {@code null}
     * where an output has no mask; a mask is a boolean-valued array of the output's leading dimensions, e.g.
     * {@code (batch, timesteps)} for a sequence.
     */
    public Forward withMasks(List<INDArray> outputMasks) {
        return new Forward(outputs, backward, logits, logitsBackward, weightsOnly, activityLoss, outputMasks);
    }

    /** The output masks, one per output with {@code null} for none; {@code null} if no output has a mask. */
    public List<INDArray> masks() {
        return masks;
    }

    /** The call's own loss term (0 for most layers; a model's call sums those of its layers). */
    public double activityLoss() {
        return activityLoss;
    }

    /**
     * Back-propagates for the weights alone, skipping d(loss)/d(input) where the layer offers that;
     * otherwise runs the full backward and drops the input gradients.
     */
    public void backwardWeightsOnly(List<INDArray> gradOutputs) {
        if (weightsOnly != null) weightsOnly.accept(gradOutputs.get(0));
        else backward(gradOutputs);
    }

    /** The pre-softmax values if this call ends in a softmax over the last axis, else {@code null}. */
    public INDArray softmaxLogits() {
        return logits;
    }

    /** Back-propagates from d(loss)/d(logits), skipping the softmax; only when {@link #softmaxLogits()} is set. */
    public INDArray backwardFromLogits(INDArray dLogits) {
        if (logitsBackward == null) throw new IllegalStateException("This call has no softmax logits.");
        return logitsBackward.apply(dLogits);
    }

    /** The outputs, in the layer's output order. */
    public List<INDArray> outputs() {
        return outputs;
    }

    /** The only output (for single-output layers). */
    public INDArray output() {
        if (outputs.size() != 1) {
            throw new IllegalStateException("This call has " + outputs.size() + " outputs; use outputs().");
        }
        return outputs.get(0);
    }

    /** Back-propagates through this call: input gradients out, weight gradients accumulated. */
    public List<INDArray> backward(List<INDArray> gradOutputs) {
        return backward.apply(gradOutputs);
    }

    /** Single-input, single-output form of {@link #backward(List)}. */
    public INDArray backward(INDArray gradOutput) {
        return backward.apply(List.of(gradOutput)).get(0);
    }
}
