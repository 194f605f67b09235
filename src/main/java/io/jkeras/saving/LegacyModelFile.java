package io.jkeras.saving;

import io.jkeras.Keras;
import io.jkeras.models.Model;
import io.jkeras.optimizers.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private static final Logger LOG = LoggerFactory.getLogger(LegacyModelFile.class);

    private LegacyModelFile() {
    }

    /** Writes {@code model} into a new file at {@code path} (the caller makes the write atomic). */
    static void save(Model model, Path path) throws IOException {
        save(model, path, false);
    }

    /**
     * Writes {@code model} as Keras 3's {@code model.save("m.h5")} does, or, with {@code keras2}, in Keras 2's
     * dialect ({@link Keras2Configs}): the same layout with a Keras 2 config and version, and no optimizer state
     * (Keras 2 laid its optimizer variables out differently).
     */
    static void save(Model model, Path path, boolean keras2) throws IOException {
        String version = keras2 ? Keras2Configs.KERAS_VERSION : Keras.KERAS_VERSION;
        try (Hdf5File f = Hdf5File.create(path)) {
            Hdf5Group root = f.root();
            root.writeString("keras_version", version);
            root.writeString("backend", "tensorflow");
            root.writeString("model_config", keras2 ? Json.write(Keras2Configs.toKeras2(LayerSerializer.serialize(model)))
                    : model.toJson());
            Optimizer opt = model.optimizer();
            if (opt != null) {
                Map<String, Object> training = CompileConfigs.trainingConfig(model);
                if (keras2) Keras2Configs.trainingConfig(training);
                root.writeString("training_config", Json.write(training));
            }
            try (Hdf5Group weights = root.createGroup("model_weights")) {
                LegacyWeights.save(model, weights, version);
            }
            if (opt != null && !keras2) saveOptimizer(opt, root);
        }
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
     * {@code model_weights} by layer order, compiled from {@code training_config} when there is one, and the
     * optimizer's state from {@code optimizer_weights} when Keras 3 (or jkeras) wrote it. Keras 2 kept its
     * optimizer variables in another order and number, so those are not restored (as Keras 3 does not).
     */
    static Model load(Path path) throws IOException {
        String name = path.toString();
        try (Hdf5File f = Hdf5File.open(path)) {
            Hdf5Group root = f.root();
            if (!root.hasAttribute("model_config")) {
                throw new IOException(name + ": no model found in config file (the root attribute \"model_config\" is "
                        + "missing). This file holds only weights: build the model, then call loadWeights(...).");
            }
            Model model = ModelConfigs.parse(root.readString("model_config"), name + " (attribute model_config)",
                    java.nio.file.Files.size(path));
            try {
                if (root.isGroup("model_weights")) {
                    try (Hdf5Group weights = root.group("model_weights")) {
                        LegacyWeights.loadByOrder(model, weights, name);
                    }
                } else {
                    LegacyWeights.loadByOrder(model, root, name);
                }
            } catch (IllegalArgumentException e) {
                throw WeightPlan.notItsOwn(e);
            }
            if (root.hasAttribute("training_config")) {
                Map<String, Object> training = parseTrainingConfig(root.readString("training_config"), name);
                if (training != null && CompileConfigs.compile(model, training, name) && root.isGroup("optimizer_weights")) {
                    String version = root.hasAttribute("keras_version") ? root.readString("keras_version") : "";
                    if (version.startsWith("3")) loadOptimizer(model, root, name);
                    else LOG.info("{}: the optimizer state saved by Keras {} is not restored (Keras 2 laid it out differently).", name, version);
                }
            }
            return model;
        }
    }

    private static Map<String, Object> parseTrainingConfig(String json, String file) {
        try {
            return Json.read(json);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: the training_config attribute is not valid JSON ({}); the model is returned uncompiled.", file, e.getMessage());
            return null;
        }
    }

    private static void loadOptimizer(Model model, Hdf5Group root, String file) throws IOException {
        try (Hdf5Group g = root.group("optimizer_weights")) {
            List<INDArray> values = new ArrayList<>();
            for (String n : LegacyNames.read(g, "weight_names")) {
                if (!g.isDataset(n)) throw new IOException(file + ": optimizer_weights lists \"" + n + "\" but has no such dataset");
                values.add(g.read(n));
            }
            Optimizer opt = model.optimizer();
            if (!opt.isBuilt()) opt.build(model.trainableWeights());
            opt.setVariables(values);
        }
    }
}
