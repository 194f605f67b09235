package io.jkeras.layers;

import io.jkeras.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * A test wrapper that calls a layer with a fixed mask on its first input (through
 * {@code forward(inputs, masks, training)}), so that tools which only know {@code forward(inputs, training)}
 * (the gradient check) exercise the masked path. Its weights are the wrapped layer's.
 */
final class MaskedCall extends Layer {
    private final Layer inner;
    private final INDArray mask;

    MaskedCall(Layer inner, INDArray mask) {
        this.inner = inner;
        this.mask = mask;
    }

    @Override
    protected int expectedInputCount() {
        return -1;
    }

    @Override
    protected List<Variable> ownVariables() {
        return inner.weights();
    }

    @Override
    public Forward forward(List<INDArray> inputs, boolean training) {
        List<INDArray> masks = new ArrayList<>();
        masks.add(mask);
        for (int i = 1; i < inputs.size(); i++) masks.add(null);
        return inner.forward(inputs, masks, training);
    }
}
