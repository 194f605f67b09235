package io.jkeras.saving;

import io.jkeras.Shape;
import io.jkeras.layers.Layer;
import io.jkeras.models.Sequential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sequential model's config. Written as Keras 3 does: {@code {"name", "trainable", "dtype", "layers":
 * [InputLayer entry, then each layer], "build_input_shape"}}. Read from that, from Keras 2's
 * {@code {"name", "layers"}}, and from the bare layer list of Keras 1 and Keras 2.0–2.2 (whose first layer
 * carries {@code batch_input_shape}); {@link LayerSerializer#deserialize} hands a bare list here as
 * {@code {"layers": [...]}}.
 *
 * <pre>{@code
 * jshell> Sequential s = SequentialConfig.fromConfig(Config.of(Map.of("layers", List.of(denseEntry))));
 * }</pre>
 */
public final class SequentialConfig {
    private SequentialConfig() {
    }

    /** Keras 3's Sequential config. */
    public static Map<String, Object> toConfig(Sequential model) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", model.name());
        c.put("trainable", model.trainable());
        c.put("dtype", Config.dtypePolicy(model.dtype()));
        List<Object> layers = new ArrayList<>();
        if (model.inputLayer() != null) layers.add(LayerSerializer.serialize(model.inputLayer()));
        for (Layer l : model.layers()) layers.add(LayerSerializer.serialize(l));
        c.put("layers", layers);
        // Keras writes the build shape only once the stack is a graph (an input and at least one layer).
        if (model.hasGraph()) c.put("build_input_shape", model.inputLayer().batchInputShape().dims());
        return c;
    }

    /** A Sequential model from a config of any Keras version; built if the input shape is known. */
    public static Sequential fromConfig(Config c) {
        Sequential model = new Sequential();
        if (c.get("name") instanceof String name) model.name(name);
        String dtype = c.dtypeName();
        if (dtype != null) model.dtype(dtype);
        Object layers = c.get("layers");
        if (!(layers instanceof List<?> entries)) {
            throw new IllegalArgumentException("A Sequential config needs a \"layers\" list; received: "
                    + LayerSerializer.abbreviate(layers));
        }
        for (Object entry : entries) model.add(LayerSerializer.deserialize(entry));
        Shape shape = c.get("build_input_shape") instanceof List ? c.getShape("build_input_shape") : null;
        if (!model.hasGraph() && shape != null && !model.layers().isEmpty()) model.build(shape);
        // Only a frozen model is marked: unfreezing would undo layers frozen one by one.
        if (Boolean.FALSE.equals(c.get("trainable"))) model.setTrainable(false);
        return model;
    }
}
