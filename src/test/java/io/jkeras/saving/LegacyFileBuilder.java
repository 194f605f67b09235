package io.jkeras.saving;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small whole-model {@code .h5} files in the layout old Keras versions wrote, for the layouts no fixture covers:
 * root attributes {@code keras_version}, {@code model_config}; group {@code model_weights} with {@code layer_names}
 * and one layer group holding {@code weight_names} and its datasets. Keras 1.2 recorded its version on the root
 * only, which is how Keras 2 recognises its weights; a Keras 2 file also records version and backend on the
 * weights group.
 */
final class LegacyFileBuilder {
    private LegacyFileBuilder() {
    }

    /**
     * @param versionAndBackend null for a Keras 1.2.2 file; else {@code {keras_version, backend}} written on the
     *                          weights group, as Keras 2 did
     * @param weights           dataset name to value, in the layer's weight order
     */
    static Path keras1(Path path, String modelConfig, String[] versionAndBackend, String layer, Map<String, INDArray> weights)
            throws IOException {
        try (Hdf5File f = Hdf5File.create(path)) {
            f.root().writeString("keras_version", versionAndBackend == null ? "1.2.2" : versionAndBackend[0]);
            if (versionAndBackend != null) f.root().writeString("backend", versionAndBackend[1]);
            f.root().writeString("model_config", modelConfig);
            try (Hdf5Group w = f.root().createGroup("model_weights")) {
                LegacyNames.write(w, "layer_names", List.of(layer));
                if (versionAndBackend != null) {
                    w.writeString("keras_version", versionAndBackend[0]);
                    w.writeString("backend", versionAndBackend[1]);
                }
                try (Hdf5Group lg = w.createGroup(layer)) {
                    LegacyNames.write(lg, "weight_names", new ArrayList<>(weights.keySet()));
                    for (Map.Entry<String, INDArray> e : weights.entrySet()) lg.write(e.getKey(), e.getValue());
                }
            }
        }
        return path;
    }
}
