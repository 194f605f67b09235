package io.jkeras.layers;

import io.jkeras.Shape;
import io.jkeras.saving.Config;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Subtracts its second input from its first, element-wise, as {@code keras.layers.Subtract}.
 *
 * <p>Inputs: exactly two tensors whose shapes broadcast (see {@link Merge}); output: their broadcast shape.
 * No weights.
 *
 * <pre>{@code
 * jshell> new Subtract().apply(Input.shape(16), Input.shape(16)).shape()   // or Merging.subtract(a, b)
 * $1 ==> (None, 16)
 * }</pre>
 */
public class Subtract extends Merge {
    /** A new Subtract layer. */
    public Subtract() {
    }

    @Override
    protected void checkInputs(List<Shape> shapes) {
        if (shapes.size() != 2) {
            throw LayerErrors.of(this, "A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape=" + shapes);
        }
        super.checkInputs(shapes);
    }

    @Override
    protected INDArray merge(List<INDArray> xs) {
        if (xs.size() != 2) { // an engine call that skipped checkInputs
            throw LayerErrors.of(this, "A `Subtract` layer should be called on exactly 2 inputs. Received: " + xs.size() + " inputs");
        }
        return xs.get(0).sub(xs.get(1));
    }

    @Override
    protected List<INDArray> gradients(List<INDArray> xs, INDArray y, INDArray g) {
        return List.of(g, g.neg());
    }

    /** From a config (only the base keys). */
    public static Subtract fromConfig(Config c) {
        return new Subtract().withBaseConfig(c);
    }
}
