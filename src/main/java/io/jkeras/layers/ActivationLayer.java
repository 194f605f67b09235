package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.activations.ActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared machinery of the weight-less activation layers ({@link Activation}, {@link ReLU}, {@link ELU}, …):
 * the output has the input's shape, and each call runs the layer's {@link ActivationFunction} forward and
 * keeps its own input and output for the backward closure.
 */
abstract class ActivationLayer extends Layer {

    private ActivationFunction function;

    /** The function the layer's current settings describe (made once, when the layer is built). */
    protected abstract ActivationFunction makeFunction();

    @Override
    protected void build(Shape inputShape) {
        function = makeFunction(); // settings are locked from here on
    }

    @Override
    protected Forward forward(INDArray input, boolean training) {
        ActivationFunction f = function != null ? function : makeFunction();
        INDArray y = f.forward(input);
        if (f.isLastAxisSoftmax(input.rank())) return Forward.withSoftmaxLogits(y, dy -> f.backward(input, y, dy), input, g -> g);
        return Forward.of(y, dy -> f.backward(input, y, dy));
    }

    /** Passes its input's mask on unchanged, as Keras's {@code supports_masking = True}. */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
