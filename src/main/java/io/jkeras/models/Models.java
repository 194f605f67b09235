package io.jkeras.models;

import io.jkeras.layers.Layer;
import io.jkeras.saving.Json;
import io.jkeras.saving.LayerSerializer;

import java.util.Map;

/**
 * Model-level entry points, as {@code keras.models}: {@link #modelFromJson(String)} reads the JSON of
 * {@code model.to_json()} (or a file's {@code model_config} / {@code config.json}) written by Keras 1, Keras 2,
 * tf.keras 2 or Keras 3, and rebuilds the model with fresh weights.
 *
 * <pre>{@code
 * jshell> Model m = Models.modelFromJson(Files.readString(Path.of("model.json")));
 * jshell> Model same = Models.modelFromJson(m.toJson());
 * jshell> Model saved = Models.loadModel("model.keras");
 * }</pre>
 */
public final class Models {
    private Models() {
    }

    /**
     * The model a JSON config describes ({@code keras.models.model_from_json}). Also accepts the JSON
     * encoded a second time as a JSON string, as files saved with {@code json.dump(model.to_json())} hold it.
     *
     * @throws IllegalArgumentException for invalid JSON, JSON that is not a model config, or a layer class
     *                                  jkeras does not know (the message names it and how to register it)
     */
    public static Model modelFromJson(String json) {
        if (json == null) throw new IllegalArgumentException("Invalid JSON: null instead of a model config.");
        Object parsed = Json.parse(json);
        if (parsed instanceof String inner) parsed = Json.parse(inner);
        if (!(parsed instanceof Map<?, ?> m) || !m.containsKey("class_name")) {
            throw new IllegalArgumentException("This JSON is not a Keras model config: expected an object with \"class_name\" "
                    + "and \"config\", as model.to_json() writes. Received: " + abbreviate(parsed));
        }
        Layer layer;
        try {
            layer = LayerSerializer.deserialize(m);
        } catch (ClassCastException e) {
            // A value of the wrong JSON type somewhere deep in a layer config.
            throw new IllegalArgumentException("Malformed model config: " + e.getMessage(), e);
        }
        if (!(layer instanceof Model model)) {
            throw new IllegalArgumentException("This JSON describes a layer (" + layer.className() + " \"" + layer.name()
                    + "\"), not a model. Use SavingRegistry.fromConfig to make a single layer.");
        }
        return model;
    }

    /**
     * Loads a whole model, as {@code keras.models.load_model}: a {@code .keras} archive (Keras 3 or jkeras) or
     * an {@code .h5} file (Keras 2, tf.keras, Keras 3's legacy format, or jkeras); see
     * {@link io.jkeras.saving.ModelFiles}.
     *
     * @throws java.io.IOException naming the file if it is missing, empty, truncated or not a Keras model file
     */
    public static Model loadModel(String path) throws java.io.IOException {
        return io.jkeras.saving.ModelFiles.loadModel(java.nio.file.Path.of(path));
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
