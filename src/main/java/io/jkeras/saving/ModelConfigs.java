package io.jkeras.saving;

import io.jkeras.models.Model;
import io.jkeras.models.Models;

import java.io.IOException;

/**
 * A model rebuilt from the config JSON stored in a file ({@code model_config}, {@code config.json}), with
 * errors that name the file: JSON that does not parse is a damaged file (IOException); a valid config
 * that jkeras cannot build (an unregistered custom layer) keeps Keras's IllegalArgumentException, prefixed
 * with where it came from.
 */
final class ModelConfigs {
    private ModelConfigs() {
    }

    static Model parse(String json, String where) throws IOException {
        try {
            Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": the model config is not valid JSON (" + e.getMessage() + ")", e);
        }
        try {
            return Models.modelFromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
