package io.jkeras.applications;

import io.jkeras.Input;
import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.graph.Node;
import io.jkeras.layers.InputLayer;
import io.jkeras.models.Model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** What every application's constructor shares: its input, its model, and loading its weights as Keras does. */
final class Builds {
    private Builds() {
    }

    /** The image input: {@code inputTensor} if given, else a new Input of {@code shape}. */
    static KerasTensor imageInput(ApplicationOptions o, Integer[] shape) {
        return o.inputTensor != null ? o.inputTensor : Input.shape(Shape.of(shape), null);
    }

    /** The model from the inputs {@code img} depends on (Keras's {@code get_source_inputs}) to {@code x}. */
    static Model model(KerasTensor img, KerasTensor x, String name) {
        Model m = new Model(sourceInputs(img), List.of(x));
        m.name(name);
        return m;
    }

    /** The Input tensors a tensor is computed from, in the order they are first reached. */
    static List<KerasTensor> sourceInputs(KerasTensor t) {
        List<KerasTensor> out = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(t, out, seen);
        return out;
    }

    private static void collect(KerasTensor t, List<KerasTensor> out, Set<Node> seen) {
        Node n = t.node();
        if (!seen.add(n)) return;
        if (n.layer() instanceof InputLayer) {
            out.add(t);
            return;
        }
        for (KerasTensor in : n.inputs()) collect(in, out, seen);
    }

    /** Loads {@code "imagenet"} weights (Keras's file, from the cache or downloaded) or a weights file's path. */
    static void loadWeights(Model model, String weights, Manifest.Entry imagenet) throws IOException {
        if ("imagenet".equals(weights)) model.loadWeights(imagenet.fetch().toString());
        else if (weights != null) model.loadWeights(weights);
    }
}
