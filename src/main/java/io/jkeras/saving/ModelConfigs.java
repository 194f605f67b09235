package io.jkeras.saving;

import io.jkeras.models.Model;
import io.jkeras.models.Models;

import java.io.IOException;

/**
 * A model rebuilt from the config JSON stored in a file ({@code model_config}, {@code config.json}), with
 * errors that name the file: JSON that does not parse, and a config that jkeras cannot build (an unknown or
 * unregistered layer class, a missing or mistyped key), both give an IOException whose message starts with
 * where the config came from and carries the builder's own message (for an unknown class: the class, the
 * layer's name and how to register a custom layer).
 */
final class ModelConfigs {
    private ModelConfigs() {
    }

    /**
     * @param fileBytes the size of the file that holds the weights: the model's weights may take at most 16 times
     *                  that (and 64 MiB more), so a damaged config cannot ask for more memory than any file could fill
     */
    static Model parse(String json, String where, long fileBytes) throws IOException {
        try {
            Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": the model config is not valid JSON (" + e.getMessage() + ")", e);
        }
        try {
            // Every weight is loaded from the file next (or loading fails): no initializer needs to run.
            long budget = fileBytes > (Long.MAX_VALUE - (64L << 20)) / 16 ? Long.MAX_VALUE : 16 * fileBytes + (64L << 20);
            return io.jkeras.layers.Layer.withoutInitializers(budget, () -> Models.modelFromJson(json));
        } catch (RuntimeException e) {
            // The config is the file's content: whatever stops it from becoming a model is a problem of the file.
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IOException(where + ": cannot rebuild the model from its config: " + m, e);
        }
    }
}
