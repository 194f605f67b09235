package io.jkeras.saving;

import io.jkeras.Variable;
import io.jkeras.layers.Layer;
import io.jkeras.layers.Bidirectional;
import io.jkeras.layers.MultiHeadAttention;
import io.jkeras.layers.TimeDistributed;
import io.jkeras.layers.RecurrentBase;
import io.jkeras.models.Model;
import io.jkeras.optimizers.Optimizer;
import io.jkeras.utils.Names;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras 3's weights layout, the content of a {@code .weights.h5} file and of {@code model.weights.h5} in a
 * {@code .keras} archive (Keras 3's {@code saving_lib._save_state} / {@code H5IOStore}):
 *
 * <pre>
 * vars/                       the model's own variables (none), attr name = model name
 * layers/dense/vars/0, 1      a layer's own variables, trainable first, in creation order
 * layers/dense_1/vars/...     keys are the snake_case Python class name, made unique per list with _1, _2, ...
 * layers/functional/vars      a nested model, then its own layers below it:
 * layers/functional/layers/dense/vars/...
 * layers/time_distributed/layer/vars/...   a wrapper's layer (its attribute "layer"); the wrapper's own vars are empty
 * layers/lstm/cell/vars/0..2  a recurrent layer's weights, which belong to its cell (layers/lstm/vars is empty)
 * optimizer/vars/0..n         optimizer.variables(): iteration, learning_rate, slots
 * </pre>
 *
 * Keys come from class names, never layer names, so a file fits any model of the same architecture. A
 * Sequential lists its layers without the InputLayer, a Functional model with its InputLayers; a layer
 * reached twice (shared) is written once, where it is first met, but still uses up its key. Newer Keras
 * also writes the object's name as attribute {@code name} of each {@code vars} group; it is written here
 * and never relied on when reading.
 */
final class Keras3Weights {
    private Keras3Weights() {
    }

    /** Writes the model's weights (and its optimizer's variables, if it has one) below {@code root}. */
    static void save(Model model, Hdf5Group root) throws IOException {
        saveLayer(model, root, "", Collections.newSetFromMap(new IdentityHashMap<>()));
        Optimizer opt = model.optimizer();
        if (opt != null) {
            try (Hdf5Group vars = root.createGroup("optimizer/vars")) {
                vars.writeString("name", opt.name());
                List<INDArray> values = opt.variables();
                for (int i = 0; i < values.size(); i++) vars.write(String.valueOf(i), values.get(i));
            }
        }
    }

    private static void saveLayer(Layer layer, Hdf5Group root, String path, Set<Layer> visited) throws IOException {
        if (!visited.add(layer)) return;
        String cell = cellName(layer);
        if (cell != null) {
            // Keras 3's RNN layers own no variables; their cell does, one level down.
            try (Hdf5Group vars = root.createGroup(join(path, "vars"))) {
                vars.writeString("name", layer.name());
            }
        }
        try (Hdf5Group vars = root.createGroup(varsPath(layer, path))) {
            vars.writeString("name", cell != null ? cell : layer.name());
            List<Variable> own = ownVariables(layer);
            for (int i = 0; i < own.size(); i++) vars.write(String.valueOf(i), own.get(i).value());
        }
        if (layer instanceof Model m) {
            Map<String, Integer> used = new HashMap<>();
            for (Layer child : m.layers()) saveLayer(child, root, join(path, "layers/" + key(child, used)), visited);
        }
        // A wrapper's layer is its attribute "layer" in Keras 3: layers/time_distributed/layer/vars/...
        if (layer instanceof TimeDistributed td) saveLayer(td.layer(), root, join(path, "layer"), visited);
        // Bidirectional's two layers are its attributes "forward_layer" and "backward_layer" in Keras 3.
        if (layer instanceof Bidirectional bi) {
            saveLayer(bi.forwardLayer(), root, join(path, "forward_layer"), visited);
            saveLayer(bi.backwardLayer(), root, join(path, "backward_layer"), visited);
        }
        // MultiHeadAttention's EinsumDense sublayers are its attributes query_dense, key_dense, value_dense, output_dense.
        if (layer instanceof MultiHeadAttention mha) {
            for (Map.Entry<String, List<Variable>> e : mha.sublayerWeights().entrySet()) {
                try (Hdf5Group vars = root.createGroup(join(path, e.getKey() + "/vars"))) {
                    vars.writeString("name", SUBLAYER_NAMES.get(e.getKey()));
                    for (int i = 0; i < e.getValue().size(); i++) vars.write(String.valueOf(i), e.getValue().get(i).value());
                }
            }
        }
    }

    /** The names Keras gives MultiHeadAttention's sublayers, by attribute. */
    private static final Map<String, String> SUBLAYER_NAMES = Map.of("query_dense", "query", "key_dense", "key",
            "value_dense", "value", "output_dense", "attention_output");

    /**
     * Reads the weights below {@code root} into the model (all checked first; see {@link WeightPlan}), then
     * the optimizer's variables if the file and the model both have an optimizer.
     */
    static void load(Model model, Hdf5Group root, String file, boolean skipMismatch) throws IOException {
        WeightPlan plan = new WeightPlan(file);
        boolean legacy213 = root.contains("_layer_checkpoint_dependencies");
        loadLayer(model, root, "", Collections.newSetFromMap(new IdentityHashMap<>()), plan, legacy213);
        plan.apply(skipMismatch);
        Optimizer opt = model.optimizer();
        if (opt != null && root.isGroup("optimizer/vars")) {
            try (Hdf5Group vars = root.group("optimizer/vars")) {
                // Keras builds the optimizer before restoring it, so slots exist to receive the values.
                if (!opt.isBuilt()) opt.build(model.trainableWeights());
                opt.setVariables(readNumbered(vars));
            }
        }
    }

    private static void loadLayer(Layer layer, Hdf5Group root, String path, Set<Layer> visited, WeightPlan plan,
                                  boolean legacy213) throws IOException {
        if (!visited.add(layer)) return;
        List<Variable> own = ownVariables(layer);
        String varsPath = varsPath(layer, path);
        // Keras 2.13 wrote its short-lived version of this format with "_layer_checkpoint_dependencies" for "layers".
        if (legacy213 && !root.isGroup(varsPath)) varsPath = varsPath.replace("layers/", "_layer_checkpoint_dependencies/");
        List<INDArray> saved = root.isGroup(varsPath) ? readGroup(root, varsPath) : List.of();
        if (saved.size() != own.size()) {
            plan.fail(layer.name(), "Layer '" + layer.name() + "' expected " + own.size() + " variables, but received "
                    + saved.size() + " variables during loading (group \"" + varsPath + "\"). Expected: "
                    + own.stream().map(Variable::name).toList() + ".");
        } else {
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                if (!Arrays.equals(own.get(i).value().shape(), saved.get(i).shape())) {
                    bad.add(WeightPlan.shapeMismatch(layer.name(), i, own.get(i), saved.get(i).shape()));
                }
            }
            if (!bad.isEmpty()) plan.fail(layer.name(), bad.get(0));
            else for (int i = 0; i < own.size(); i++) plan.add(own.get(i), saved.get(i));
        }
        if (layer instanceof Model m) {
            Map<String, Integer> used = new HashMap<>();
            for (Layer child : m.layers()) {
                loadLayer(child, root, join(path, "layers/" + key(child, used)), visited, plan, legacy213);
            }
        }
        if (layer instanceof TimeDistributed td) loadLayer(td.layer(), root, join(path, "layer"), visited, plan, legacy213);
        if (layer instanceof Bidirectional bi) {
            loadLayer(bi.forwardLayer(), root, join(path, "forward_layer"), visited, plan, legacy213);
            loadLayer(bi.backwardLayer(), root, join(path, "backward_layer"), visited, plan, legacy213);
        }
        if (layer instanceof MultiHeadAttention mha) {
            for (Map.Entry<String, List<Variable>> e : mha.sublayerWeights().entrySet()) {
                String p = join(path, e.getKey() + "/vars");
                List<Variable> want = e.getValue();
                List<INDArray> got = root.isGroup(p) ? readGroup(root, p) : List.of();
                if (got.size() != want.size()) {
                    plan.fail(layer.name(), "Layer '" + layer.name() + "' expected " + want.size() + " variables in its "
                            + e.getKey() + ", but received " + got.size() + " variables during loading (group \"" + p + "\").");
                    continue;
                }
                for (int i = 0; i < want.size(); i++) {
                    if (!Arrays.equals(want.get(i).value().shape(), got.get(i).shape())) {
                        plan.fail(layer.name(), WeightPlan.shapeMismatch(layer.name(), i, want.get(i), got.get(i).shape()));
                    } else {
                        plan.add(want.get(i), got.get(i));
                    }
                }
            }
        }
    }

    private static List<INDArray> readGroup(Hdf5Group root, String path) throws IOException {
        try (Hdf5Group g = root.group(path)) {
            return readNumbered(g);
        }
    }

    /** Datasets "0", "1", ... in numeric order (HDF5 lists "10" before "2"); a gap is a corrupt file. */
    static List<INDArray> readNumbered(Hdf5Group g) throws IOException {
        int n = g.keys().size();
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String k = String.valueOf(i);
            if (!g.isDataset(k)) {
                throw new IOException(g.fileName() + ": group \"" + g.path() + "\" has " + n + " entries but no dataset \""
                        + k + "\"; expected datasets 0.." + (n - 1));
            }
            out.add(g.read(k));
        }
        return out;
    }

    /**
     * Where a layer's variables are stored below its key: {@code vars}, or {@code cell/vars} for the recurrent
     * layers, whose weights belong to their cell in Keras 3 ({@code layers/lstm/cell/vars/0..2}).
     */
    private static String varsPath(Layer layer, String path) {
        return join(path, cellName(layer) != null ? "cell/vars" : "vars");
    }

    /** Keras 3's name of a recurrent layer's cell ({@code lstm_cell}), or null for other layers. */
    private static String cellName(Layer layer) {
        if (layer instanceof io.jkeras.layers.ConvLSTM<?>) return "conv_lstm_cell"; // Keras 3: ConvLSTMCell(..., name="conv_lstm_cell")
        return layer instanceof RecurrentBase<?> ? Names.snakeCase(layer.className()) + "_cell" : null;
    }

    /** A model's own variables are none: its layers' ones are stored under their own keys. */
    private static List<Variable> ownVariables(Layer layer) {
        return layer instanceof Model || layer instanceof TimeDistributed || layer instanceof Bidirectional
                || layer instanceof MultiHeadAttention ? List.of() : layer.weights();
    }

    /** Keras's key for a layer in a list: the snake_case class name, then _1, _2, ... for repeats. */
    static String key(Layer layer, Map<String, Integer> used) {
        String name = Names.snakeCase(layer.className());
        Integer n = used.get(name);
        if (n == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, n + 1);
        return name + "_" + (n + 1);
    }

    private static String join(String path, String child) {
        return path.isEmpty() ? child : path + "/" + child;
    }
}
