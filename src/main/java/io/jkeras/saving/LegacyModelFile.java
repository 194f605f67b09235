package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.models.Model;
import io.jkeras.optimizers.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole model in the legacy {@code .h5} layout of Keras 2 (also written by Keras 3's
 * {@code model.save("m.h5")}): root attributes {@code keras_version}, {@code backend}, {@code model_config}
 * (the model's JSON) and, for a compiled model, {@code training_config}; group {@code model_weights} in
 * {@link LegacyWeights}'s layout; group {@code optimizer_weights} with attribute {@code weight_names}
 * ({@code "adam/iteration"}, ...) and a dataset at each name.
 */
final class LegacyModelFile {
    private LegacyModelFile() {
    }

    /** Writes {@code model} into a new file at {@code path} (the caller makes the write atomic). */
    static void save(Model model, Path path) throws IOException {
        try (Hdf5File f = Hdf5File.create(path)) {
            Hdf5Group root = f.root();
            root.writeString("keras_version", Keras.KERAS_VERSION);
            root.writeString("backend", "tensorflow");
            root.writeString("model_config", model.toJson());
            Optimizer opt = model.optimizer();
            if (opt != null) root.writeString("training_config", Json.write(trainingConfig(opt)));
            try (Hdf5Group weights = root.createGroup("model_weights")) {
                LegacyWeights.save(model, weights);
            }
            if (opt != null) saveOptimizer(opt, root);
        }
    }

    /**
     * Keras's {@code training_config} as far as jkeras can tell it: the optimizer. TODO(compile): once
     * {@code Model} exposes what {@code compile} resolved, add {@code loss}, {@code metrics} and
     * {@code loss_weights} (they are written as null until then).
     */
    private static Map<String, Object> trainingConfig(Optimizer opt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("loss", null);
        c.put("loss_weights", null);
        c.put("metrics", null);
        c.put("weighted_metrics", null);
        c.put("run_eagerly", false);
        c.put("steps_per_execution", 1);
        c.put("jit_compile", false);
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("class_name", opt.className());
        optimizer.put("config", opt.getConfig());
        c.put("optimizer_config", optimizer);
        return c;
    }

    private static void saveOptimizer(Optimizer opt, Hdf5Group root) throws IOException {
        Map<String, INDArray> state = opt.state();
        List<String> names = new ArrayList<>();
        for (String key : state.keySet()) names.add(opt.name() + "/" + key);
        try (Hdf5Group g = root.createGroup("optimizer_weights")) {
            LegacyNames.write(g, "weight_names", names);
            int i = 0;
            for (INDArray v : state.values()) g.write(names.get(i++), v);
        }
    }

    /**
     * Reads the model of a legacy {@code .h5} file: rebuilt from {@code model_config}, weights from
     * {@code model_weights} by layer order. TODO(compile): restore {@code training_config} and
     * {@code optimizer_weights} once {@code Model.compile} exists.
     */
    static Model load(Path path) throws IOException {
        String name = path.toString();
        try (Hdf5File f = Hdf5File.open(path)) {
            Hdf5Group root = f.root();
            if (!root.hasAttribute("model_config")) {
                throw new IOException(name + ": no model found in config file (the root attribute \"model_config\" is "
                        + "missing). This file holds only weights: build the model, then call loadWeights(...).");
            }
            Model model = ModelConfigs.parse(root.readString("model_config"), name + " (attribute model_config)");
            if (root.isGroup("model_weights")) {
                try (Hdf5Group weights = root.group("model_weights")) {
                    LegacyWeights.loadByOrder(model, weights, name);
                }
            } else {
                LegacyWeights.loadByOrder(model, root, name);
            }
            return model;
        }
    }
}
