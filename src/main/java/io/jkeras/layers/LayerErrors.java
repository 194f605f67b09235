package io.jkeras.layers;

import io.jkeras.Shape;

import java.util.List;

/**
 * Keras-worded errors that also name the layer (DESIGN.md, Errors): {@code Layer "add_1" (Add): Inputs have
 * incompatible shapes. Received shapes (3,) and (4,)}. Package-private: a helper of the layers here.
 */
final class LayerErrors {
    private LayerErrors() {
    }

    /** An IllegalArgumentException whose message starts with the layer's name and class. */
    static IllegalArgumentException of(Layer layer, String message) {
        return new IllegalArgumentException("Layer \"" + layer.name() + "\" (" + layer.className() + "): " + message);
    }

    /** Requires at least {@code min} inputs, with Keras's merge-layer message. */
    static void requireAtLeast(Layer layer, List<Shape> shapes, int min) {
        if (shapes.size() < min) {
            throw of(layer, "A merge layer should be called on a list of at least " + min + " inputs. Got "
                    + shapes.size() + " inputs. Full input_shape received: " + shapes);
        }
    }

    /** A Python tuple of ints, as Keras prints {@code target_shape=(5, -1)} or {@code dims=(2, 1)}. */
    static String tuple(int... values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) boxed[i] = values[i];
        return Shape.of(boxed).toString();
    }
}
